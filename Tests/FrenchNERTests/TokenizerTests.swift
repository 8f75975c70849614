import Testing
@testable import FrenchNER

private let tokenizer = try! Tokenizer()

private func tokens(_ text: String) -> [String] {
    let doc = tokenizer.tokenize(text)
    return doc.tokens.map { doc.string(of: $0) }
}

@Suite("Tokenizer: French rules on top of ICU")
struct TokenizerTests {
    @Test("elided clitics are split, in any case and with either apostrophe", arguments: [
        ("l'OTAN", ["l'", "OTAN"]),
        ("L'ONU", ["L'", "ONU"]),
        ("d’Emmanuel Macron", ["d’", "Emmanuel", "Macron"]),
        ("D’APRÈS", ["D’", "APRÈS"]),
        ("qu'aujourd'hui", ["qu'", "aujourd'hui"]),
        ("jusqu'à", ["jusqu'", "à"]),
        ("lorsqu'il", ["lorsqu'", "il"]),
        ("puisqu’elle", ["puisqu’", "elle"]),
        ("quoiqu'on", ["quoiqu'", "on"]),
        ("c'est", ["c'", "est"]),
        ("j'ai m'a n'est s'il t'a", ["j'", "ai", "m'", "a", "n'", "est", "s'", "il", "t'", "a"]),
        ("l’ 1", ["l’", "1"]),
    ])
    func elision(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("a text with far more tokens than ICU segments (chained elisions) is built again with more room")
    func moreTokensThanSegments() {
        // One ICU word per chain, eleven tokens: more than the first attempt's room (segments × 1.25 + 16).
        let chain = String(repeating: "l'", count: 10) + "a"
        let text = Array(repeating: chain, count: 12).joined(separator: " ")
        let doc = tokenizer.tokenize(text)
        let expected = Array(repeating: Array(repeating: "l'", count: 10) + ["a"], count: 12).flatMap { $0 }
        #expect(doc.tokens.map { doc.string(of: $0) } == expected)
        let chainHashes = tokenizer.tokenize(chain).tokens.map(\.keyHash)
        #expect(doc.tokens.map(\.keyHash) == Array(repeating: chainHashes, count: 12).flatMap { $0 })
        #expect(doc.sentences.count == 1 && doc.sentences[0].tokens == 0..<expected.count)
    }

    @Test("scraped-text joins are cut, offsets into the original text", arguments: [
        ("Jean Dupont.Le ministre", ["Jean", "Dupont", ".", "Le", "ministre"]),
        ("M.Dupont est venu", ["M.", "Dupont", "est", "venu"]),
        ("à ParisIl a ajouté", ["à", "Paris", "Il", "a", "ajouté"]),
        ("à VersaillesSelon lui", ["à", "Versailles", "Selon", "lui"]),
    ])
    func scrapedJoins(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("camel-case brands, lower-case suffixes and initials are not cut", arguments: [
        "iPhone", "McDonald", "YouTube", "LeBron", "Node.js", "Ph.D", "MacBook", "PlayStation", "R.Dahlgren",
    ])
    func notScrapedJoins(word: String) {
        #expect(tokens(word) == [word])
    }

    @Test("a scraped join starts a sentence")
    func scrapedJoinSentence() {
        let doc = tokenizer.tokenize("Il est venu à ParisIl a ajouté que Jean Dupont.Le ministre a parlé.")
        let starts = doc.sentences.map { doc.string(of: doc.tokens[$0.tokens.lowerBound]) }
        #expect(starts == ["Il", "Il", "Le"])
        let paris = doc.tokens.first { doc.string(of: $0) == "Paris" }!
        #expect(paris.start == 14 && paris.end == 19)
    }

    @Test("words with an inner apostrophe that are not elisions stay whole", arguments: [
        "aujourd'hui", "quelqu'un", "quelqu’une", "presqu'île", "prud'homme", "O'Neill",
    ])
    func noElision(word: String) {
        #expect(tokens(word) == [word])
    }

    @Test("hyphenated compounds keep the hyphen as a token joined to its neighbours", arguments: [
        ("Saint-Étienne", ["Saint", "-", "Étienne"]),
        ("Jean-Pierre", ["Jean", "-", "Pierre"]),
        ("Aix-en-Provence", ["Aix", "-", "en", "-", "Provence"]),
        ("Paris-Saclay", ["Paris", "-", "Saclay"]),
    ])
    func hyphens(text: String, expected: [String]) {
        let doc = tokenizer.tokenize(text)
        #expect(doc.tokens.map { doc.string(of: $0) } == expected)
        #expect(doc.tokens.dropFirst().allSatisfy { $0.isJoinedToPrevious })
        #expect(doc.tokens.filter { $0.flags.contains(.hyphen) }.count == expected.filter { $0 == "-" }.count)
    }

    @Test("words separated by a space are not joined")
    func spaceBefore() {
        let doc = tokenizer.tokenize("Saint Étienne")
        #expect(doc.tokens.map { $0.isJoinedToPrevious } == [false, false])
    }

    @Test("abbreviations, titles and initials keep their final period", arguments: [
        ("M. Blinken", ["M.", "Blinken"]),
        ("Mme. Dupont", ["Mme.", "Dupont"]),
        ("le Dr. House", ["le", "Dr.", "House"]),
        ("Mgr. Aupetit", ["Mgr.", "Aupetit"]),
        ("St. Louis", ["St.", "Louis"]),
        ("l'O.N.U. et la S.N.C.F.", ["l'", "O.N.U.", "et", "la", "S.N.C.F."]),
        ("52 av. J.-C.", ["52", "av.", "J.-C."]),
        ("J.-P. Sartre", ["J.-P.", "Sartre"]),
        ("J. Chirac", ["J.", "Chirac"]),
        ("le Gén. de Gaulle", ["le", "Gén.", "de", "Gaulle"]),
        ("le Ge\u{301}n. de Gaulle", ["le", "Ge\u{301}n.", "de", "Gaulle"]), // decomposed é
        ("les Éts. Martin", ["les", "Éts.", "Martin"]),
    ])
    func abbreviations(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("a sentence-final period is its own token", arguments: [
        ("Il est venu.", ["Il", "est", "venu", "."]),
        ("à Paris.", ["à", "Paris", "."]),
        ("le 12.", ["le", "12", "."]),
    ])
    func finalPeriod(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("URLs, e-mail addresses and numbers are one token each", arguments: [
        ("voir https://fr.example.com/2022/01/a?b=1&c=2.", ["voir", "https://fr.example.com/2022/01/a?b=1&c=2", "."]),
        ("(www.example.fr)", ["(", "www.example.fr", ")"]),
        ("écrire à jean.dupont@example.fr.", ["écrire", "à", "jean.dupont@example.fr", "."]),
        ("jean+news@example.co.uk", ["jean+news@example.co.uk"]),
        ("3,5 millions", ["3,5", "millions"]),
        ("1 000 000 euros", ["1 000 000", "euros"]),
        ("1\u{00A0}000 euros", ["1\u{00A0}000", "euros"]),
        ("2\u{202F}500,50 euros", ["2\u{202F}500,50", "euros"]),
        ("en 2016 300 morts", ["en", "2016", "300", "morts"]),
        ("de 1 à 3", ["de", "1", "à", "3"]),
    ])
    func linksAndNumbers(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("letters followed by digits are words, even where ICU says number", arguments: [
        ("TF1", Token.Kind.word), ("M6", .word), ("A320", .word), ("3M", .word), ("3,5", .number), ("1 000", .number),
    ])
    func lettersAndDigits(text: String, kind: Token.Kind) {
        let doc = tokenizer.tokenize(text)
        #expect(doc.tokens.map(\.kind) == [kind])
    }

    @Test("URL and e-mail tokens have their kind")
    func linkKinds() {
        let doc = tokenizer.tokenize("https://a.fr et x@y.fr")
        #expect(doc.tokens.map(\.kind) == [.url, .word, .email])
    }

    @Test("white space, including no-break spaces, is never a token")
    func whiteSpace() {
        #expect(tokens(" \u{00A0}«\u{202F}Bonjour\u{202F}»\t\n") == ["«", "Bonjour", "»"])
        #expect(tokens("") == [])
        #expect(tokens(" \n ") == [])
    }
}

@Suite("Tokenizer: sentences")
struct SentenceTests {
    private func sentences(_ text: String) -> [String] {
        let doc = tokenizer.tokenize(text)
        return doc.sentences.map { doc.string(tokens: $0.tokens) }
    }

    @Test("no sentence starts after a title, an initial or etc. inside a sentence", arguments: [
        "M. Dupont est venu.",
        "Mme Dupont est venue.",
        "Le Dr. House est là.",
        "Le Pr. Raoult parle.",
        "Me Dupond-Moretti plaide.",
        "Mgr. Aupetit prêche.",
        "Il vit à St. Louis depuis.",
        "La Ste. Vierge.",
        "J. Chirac est venu.",
        "J.-P. Sartre écrit.",
        "Des pommes, des poires, etc. et des fraises.",
    ])
    func noBreak(text: String) {
        #expect(sentences(text) == [text])
    }

    @Test("real sentence ends are kept", arguments: [
        ("Il est venu. Elle est partie.", ["Il est venu.", "Elle est partie."]),
        ("Il est venu avec O'Neill. Mme Dupont est là.", ["Il est venu avec O'Neill.", "Mme Dupont est là."]),
        ("Vraiment ? Oui !", ["Vraiment ?", "Oui !"]),
        ("Des pommes, etc. Ensuite il part.", ["Des pommes, etc.", "Ensuite il part."]),
        ("Titre sans point\nLe texte suit.", ["Titre sans point", "Le texte suit."]),
        ("Voir https://a.fr/x?y=1. Ensuite il part.", ["Voir https://a.fr/x?y=1.", "Ensuite il part."]),
    ])
    func breaks(text: String, expected: [String]) {
        #expect(sentences(text) == expected)
    }

    @Test("the first word of each sentence is marked")
    func sentenceStart() {
        let doc = tokenizer.tokenize("« Paris est belle. » Lyon aussi.")
        let starts = doc.tokens.filter { $0.flags.contains(.sentenceStart) }.map { doc.string(of: $0) }
        #expect(starts == ["Paris", "Lyon"])
    }
}

@Suite("Tokenizer: keys and shapes")
struct TokenKeyTests {
    @Test("keys are case- and accent-folded", arguments: [
        ("Élysée", "elysee"), ("ŒUVRE", "oeuvre"), ("İstanbul", "istanbul"), ("Straße", "strasse"),
        ("L’", "l'"), ("Ærø", "aero"), ("Łódź", "lodz"), ("MÜNCHEN", "munchen"),
        ("E\u{0301}lyse\u{0301}e", "elysee"),
    ])
    func keys(word: String, key: String) {
        let doc = tokenizer.tokenize(word)
        #expect(doc.tokens.count >= 1)
        #expect(doc.tokens.map { doc.key(of: $0) }.joined() == key)
    }

    @Test("ASCII keys: A–Z lower-cased, every other character itself (the tokenizer's ASCII table)")
    func asciiKeys() {
        let text = String(decoding: (0x21...0x7E).map { UInt8($0) }, as: UTF8.self)
        let doc = tokenizer.tokenize(text)
        #expect(doc.tokens.map { doc.key(of: $0) }.joined() == text.lowercased())
    }

    @Test("shape flags")
    func shapes() {
        let doc = tokenizer.tokenize("Paris OTAN iPhone paris 2022 McDonald")
        let t = doc.tokens
        #expect(t[0].isCapitalized && !t[0].isAllCaps)
        #expect(t[1].isAllCaps && !t[1].isCapitalized)
        #expect(t[2].isMixedCase && t[2].isLowercaseWord)
        #expect(t[3].isLowercaseWord && !t[3].isMixedCase)
        #expect(t[4].flags.contains(.hasDigit) && t[4].kind == .number)
        #expect(t[5].isCapitalized && t[5].isMixedCase)
    }

    /// Expected flags of a one-token text: starts upper, inner upper, lower case, digit, letter.
    @Test("shape flags per token", arguments: [
        ("Paris", "U-l-L".flags), ("ÉLYSÉE", "UI--L".flags), ("élysée", "--l-L".flags),
        ("McDonald", "UIl-L".flags), ("iPhone", "-Il-L".flags), ("A320", "U--DL".flags),
        ("1er", "--lDL".flags), ("2022", "---D-".flags), ("-", "-----".flags),
        ("ǅemal", "U-l-L".flags),       // a title-case letter counts as upper case
        ("李", "----L".flags),           // a letter without case, beyond the table
        ("𝐀bc", "U-l-L".flags),          // an upper-case letter outside the BMP
        ("x𝐀", "-Il-L".flags),
    ])
    func shapeFlags(text: String, expected: Token.Flags) {
        let doc = tokenizer.tokenize(text)
        #expect(doc.tokens.count == 1)
        let shape: Token.Flags = [.startsUppercase, .innerUppercase, .hasLowercase, .hasDigit, .hasLetter]
        #expect(doc.tokens.first?.flags.intersection(shape) == expected)
    }
}

@Suite("Offsets: UTF-16, code points and UTF-8 bytes")
struct OffsetTests {
    @Test("offsets in all three units agree with Swift's views of the string", arguments: [
        "Élysée 🇫🇷 à Saint-Étienne, l'OTAN 😀😀 et 李 Pékin.",
        "ascii only text. Second sentence!",
        String(repeating: "é🇫🇷a ", count: 100) + "fin",
    ])
    func offsets(text: String) {
        let doc = tokenizer.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        for token in doc.tokens {
            let cpStart = doc.text.codePointOffset(utf16: Int(token.start))
            let cpEnd = doc.text.codePointOffset(utf16: Int(token.end))
            let viaScalars = String(String.UnicodeScalarView(scalars[cpStart..<cpEnd]))
            #expect(viaScalars == doc.string(of: token))
            let bStart = doc.text.utf8Offset(utf16: Int(token.start))
            let bEnd = doc.text.utf8Offset(utf16: Int(token.end))
            let bytes = Array(text.utf8)[bStart..<bEnd]
            #expect(String(decoding: bytes, as: UTF8.self) == doc.string(of: token))
        }
        #expect(doc.text.codePointCount == scalars.count)
        #expect(doc.text.utf8Count == text.utf8.count)
    }

    @Test("invalid UTF-8 is rejected with the byte offset of the first bad byte", arguments: [
        ([0x61, 0x62, 0xFF], 2), ([0xC3], 0), ([0x61, 0xC0, 0xAF], 1), ([0xED, 0xA0, 0x80], 0),
        ([0x61, 0x62, 0x63, 0xE2, 0x82], 3),
    ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        #expect(throws: TextDecodingError.self) { try TextBuffer(validatingUTF8: bytes) }
        do {
            _ = try TextBuffer(validatingUTF8: bytes)
        } catch {
            #expect(error.byteOffset == offset)
        }
    }

    @Test("lossy decoding replaces each bad sequence with one U+FFFD")
    func lossy() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xE2, 0x82, 0x63]
        let text = bytes.withUnsafeBufferPointer { TextBuffer(lossyUTF8: $0) }
        #expect(text.string == "a\u{FFFD}b\u{FFFD}c")
    }
}

private extension String {
    /// Shape flags spelt as five characters, `-` for absent: `U` starts upper case, `I` inner upper case,
    /// `l` lower case, `D` digit, `L` letter (`"U-lDL"`).
    var flags: Token.Flags {
        var flags: Token.Flags = []
        for (character, flag) in zip(self, [Token.Flags.startsUppercase, .innerUppercase, .hasLowercase, .hasDigit, .hasLetter])
        where character != "-" { flags.insert(flag) }
        return flags
    }
}
