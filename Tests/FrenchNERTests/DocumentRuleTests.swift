import Testing
@testable import FrenchNER

/// Document-level reasoning and the bounds that keep it linear (issues #12 and #14).
@Suite("Document rules: bounds")
struct DocumentBoundsTests {
    private func recognition(_ text: String) -> Recognition {
        let doc = sharedTagger.tokenizer.tokenize(text)
        return Recognition(doc: doc, gazetteer: sharedTagger.gazetteer, roleTable: sharedTagger.roleTable)
    }

    @Test("the suffix keys of a name, built right to left, equal the keys of the suffixes", arguments: [
        "Jean-Yves Le Drian", "Ursula von der Leyen", "SAINT ETIENNE", "Saint-Étienne", "a b c d e f g h",
    ])
    func suffixKeys(name: String) {
        let r = recognition(name)
        let end = r.tokens.count
        var suffixes = Recognition.NameKeySuffixes()
        for start in stride(from: end - 1, through: 0, by: -1) {
            suffixes.extend(r.tokens[start])
            #expect(suffixes.key == r.nameKey(start..<end), "suffix from token \(start)")
        }
    }

    @Test("name keys fold case, accents and hyphens, and tell names apart", arguments: [
        ("Saint-Étienne", "SAINT ETIENNE", true), ("Saint-Étienne", "saint-étienne", true),
        ("Jean Dupont", "Dupont Jean", false), ("Le Drian", "Drian", false), ("Paris", "Lyon", false),
    ])
    func nameKeys(a: String, b: String, same: Bool) {
        let ra = recognition(a), rb = recognition(b)
        #expect((ra.nameKey(0..<ra.tokens.count) == rb.nameKey(0..<rb.tokens.count)) == same)
    }

    @Test("a run of capitalised words is cut after maxNameTokens tokens", arguments: [
        "Jean Pierre Marie ", "Paris Lyon Marseille ", "PARIS LYON MARSEILLE ", "M. Jean Dupont Martin ",
        "Zorglub de la Broufin de la ", "Jean-Pierre-",
    ])
    func runsAreCapped(unit: String) {
        let text = String(repeating: unit, count: 120)
        let r = recognition(text)
        let runs = r.nameRuns()
        #expect(!runs.isEmpty)
        // A hyphen or particle chain may take a few tokens past the cap before the check.
        #expect(runs.allSatisfy { $0.count <= Recognition.maxNameTokens + 8 }, "longest run \(runs.map(\.count).max() ?? 0)")
        let entities = sharedTagger.entities(in: text)
        #expect(entities.allSatisfy { $0.tokenRange.count <= Recognition.maxNameTokens + 8 })
    }

    @Test("well-known places side by side are so many places, not one name", arguments: [
        ("Il a visité Paris Lyon Marseille hier.", ["Paris|LOC", "Lyon|LOC", "Marseille|LOC"]),
        (String(repeating: "Paris Lyon Marseille ", count: 50), Array(repeating: ["Paris|LOC", "Lyon|LOC", "Marseille|LOC"], count: 50).flatMap { $0 }),
        ("Hier, Jean Lyon Marseille a parlé.", ["Jean Lyon Marseille|PER"]),
    ])
    func placesSideBySide(text: String, expected: [String]) {
        let found = sharedTagger.entities(in: text).map { "\($0.text)|\($0.label.rawValue)" }
        #expect(found == expected)
    }

    @Test("splitting a run at particles gives what it gave before the running flag", arguments: [
        ("Lunar Reconnaissance Orbiter de la NASA", ["Lunar Reconnaissance Orbiter", "NASA"]),
        ("Stade de Reims", ["Stade de Reims"]),
        ("Grandet de Saumur", ["Grandet de Saumur"]),
    ])
    func splitAtParticles(text: String, parts: [String]) {
        let r = recognition(text)
        let runs = r.nameRuns()
        let split = runs.flatMap { r.splitAtParticles($0) }.map { r.doc.string(tokens: $0) }
        #expect(split == parts)
    }
}

@Suite("Long documents: tagged in pieces")
struct LongDocumentTests {
    @Test("pieces cut at line breaks give the entities, offsets and token indices of the whole text", arguments: [
        "M. Jean Dupont est à Paris avec l'OTAN.\nLe président Emmanuel Macron a reçu Angela Merkel à l'Élysée.\n",
        "Élysée 🇫🇷 : Mme Zorbak Quillifer à Vexholm-sur-Loire.\r\nLa Banque de France ferme.\n\n",
    ])
    func piecesAtLineBreaks(unit: String) throws {
        let text = TextBuffer(String(repeating: unit, count: 30))
        let whole = sharedTagger.tag(sharedTagger.tokenizer.tokenize(text))
        let pieces = sharedTagger.tagInPieces(text, pieceUnits: 400)
        #expect(pieces.entities == whole.entities)
        #expect(pieces.tokens.tokens == whole.tokens.tokens)
        #expect(pieces.text.utf16 == text.utf16)
    }

    @Test("a text without line breaks is cut after a sentence end, or at a space, or inside a long token")
    func piecesWithoutLineBreaks() throws {
        for unit in ["Le maire de Lyon parle. ", "Paris Lyon Marseille ", "🇫🇷abcdefgh"] {
            let text = TextBuffer(String(repeating: unit, count: 200))
            let tagged = sharedTagger.tagInPieces(text, pieceUnits: 300)
            var previous = 0
            for entity in tagged.entities {
                #expect(entity.utf16Range.lowerBound >= previous)
                previous = entity.utf16Range.upperBound
                #expect(text.string(entity.utf16Range) == entity.text)
                #expect(entity.start == text.codePointOffset(utf16: entity.utf16Range.lowerBound))
                #expect(entity.byteEnd == text.utf8Offset(utf16: entity.utf16Range.upperBound))
            }
            var start = 0
            while start < text.count {
                let end = Tagger.pieceEnd(text.utf16, from: start, limit: 300)
                #expect(end > start && end - start <= 300)
                #expect(end == text.count || text.utf16[end] & 0xFC00 != 0xDC00, "cut inside a surrogate pair")
                if unit.hasSuffix(". ") && end < text.count { #expect(text.string((end - 2)..<end) == ". ") }
                start = end
            }
        }
    }
}

@Suite("Document rules that cannot run away")
struct DocumentScopeTests {
    @Test("function words never lend or take a label; a known place is not a surname's; a minor town that is also a surname is", arguments: [
        // `Pour` ends a person's name, but a preposition does not become a person elsewhere.
        ("Mathilde Pour est arrivée. Pour Vexholm, la fête est finie.", "Pour", nil as EntityLabel?),
        ("Jean Canada est venu. Il vit au Canada depuis hier.", "Canada", .location),
        ("Manuel Valls est arrivé hier. Hier, Valls a parlé.", "Valls", .person),
        ("Mathilde Quillifer est arrivée. Hier, Quillifer a souri.", "Quillifer", .person),
    ])
    func runaway(text: String, lone: String, label: EntityLabel?) {
        let found = sharedTagger.entities(in: text).filter { $0.text == lone }
        if let label {
            #expect(found.last?.label == label, "\(describe(sharedTagger.entities(in: text)))")
        } else {
            #expect(found.isEmpty, "\(describe(sharedTagger.entities(in: text)))")
        }
    }

    @Test("a mention lends its label along its chain of mentions, not across a long stretch without the name")
    func scope() {
        let near = "Mathilde Quillifer est arrivée.\n" + String(repeating: "Il pleut.\n", count: 10) + "Hier, Quillifer a souri.\n"
        let far = "Mathilde Quillifer est arrivée.\n" + String(repeating: "Il pleut.\n", count: RuleWeights.documentScopeSentences + 5)
            + "Hier, Quillifer a souri.\n"
        // Mentions every few sentences keep the chain going (a novel's characters).
        let chained = "Mathilde Quillifer est arrivée.\n"
            + String(repeating: String(repeating: "Il pleut.\n", count: 50) + "Hier, Quillifer a souri.\n", count: 8)
        #expect(sharedTagger.entities(in: near).filter { $0.text == "Quillifer" }.map(\.label) == [.person])
        #expect(sharedTagger.entities(in: far).filter { $0.text == "Quillifer" }.isEmpty)
        #expect(sharedTagger.entities(in: chained).filter { $0.text == "Quillifer" }.map(\.label) == Array(repeating: .person, count: 8))
    }

    @Test("a word written with a capital almost only where it opens a sentence is not a name there")
    func openingWords() {
        let text = "Le rapport de M. Zorbak Trambul est paru.\n" + String(repeating: "Trambul des communes de la Manche.\n", count: 10)
        let found = sharedTagger.entities(in: text)
        #expect(found.filter { $0.text == "Trambul" }.isEmpty, "\(describe(found))")
        // A name used inside sentences too keeps its sentence-opening mentions.
        let used = "M. Zorbak Trambul est venu. Il a vu Trambul hier. Trambul a souri.\n"
        #expect(sharedTagger.entities(in: used).filter { $0.text == "Trambul" }.map(\.label) == [.person, .person])
    }
}
