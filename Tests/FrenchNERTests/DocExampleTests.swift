import Foundation
import FrenchNER
import Testing

/// The documentation's Swift examples, compiled and run: each test holds an example's code verbatim
/// between `// BEGIN` and `// END` (a local `print` captures what it prints), and checks that the
/// documentation's block has the same code and that its `// ` lines are what the code printed.
@Suite("Documentation examples compile and print what they say", .serialized)
struct DocExampleTests {
    /// The `index`-th ```swift block of a file (doc comments: `/// ` stripped).
    static func block(_ file: String, _ index: Int) throws -> [String] {
        let text = try String(contentsOfFile: packageRoot + "/" + file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix("///") ? String(trimmed.dropFirst(3).drop { $0 == " " }.isEmpty ? "" : trimmed.dropFirst(4)) : String(line)
        }
        var blocks: [[String]] = []
        var current: [String]?
        for line in lines {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" { current = []; continue }
            if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" { blocks.append(current!); current = nil; continue }
            current?.append(line)
        }
        guard index < blocks.count else { throw ExampleError("\(file) has no Swift block \(index)") }
        return blocks[index]
    }

    /// The code of this file between `// BEGIN name` and `// END name`.
    static func testCode(_ name: String) throws -> [String] {
        let text = try String(contentsOfFile: #filePath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let begin = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "// BEGIN \(name)" }),
              let end = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "// END \(name)" }) else {
            throw ExampleError("no BEGIN/END \(name)")
        }
        return Array(lines[(begin + 1)..<end])
    }

    struct ExampleError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Checks a documented block against the test's code and the printed lines.
    static func check(_ file: String, block index: Int, code name: String, printed: [String]?) throws {
        let documented = try block(file, index)
        func code(_ lines: [String]) -> [String] {
            lines.map { line -> String in
                // A trailing comment (`code   // note`) is not code.
                let code = line.range(of: "  //").map { String(line[..<$0.lowerBound]) } ?? line
                return code.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty && !$0.hasPrefix("// ") && !$0.hasPrefix("import ") }
        }
        #expect(code(documented) == code(try testCode(name)), "\(file) block \(index)")
        if let printed {
            let expected = documented.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("// ") }.map { String($0.dropFirst(3)) }
            #expect(printed == expected, "\(file) block \(index)")
        }
    }

    @Test("Tagger's example")
    func tagger() throws {
        var printed: [String] = []
        func print(_ items: Any..., separator: String = " ") { printed.append(items.map { "\($0)" }.joined(separator: separator)) }
        // BEGIN tagger
        let tagger = try Tagger()
        for entity in tagger.entities(in: "M. Antony Blinken est arrivé à Kiev.") {
            print(entity.label, entity.text, entity.start, entity.end, entity.source)
        }
        // END tagger
        try Self.check("Sources/FrenchNER/Tagging/Tagger.swift", block: 0, code: "tagger", printed: printed)
        try Self.check("Sources/FrenchNER/FrenchNER.docc/GettingStarted.md", block: 1, code: "tagger", printed: printed)
        try Self.check("README.md", block: 0, code: "tagger", printed: nil)
    }

    @Test("the DocC catalogue's first example")
    func overview() throws {
        var printed: [String] = []
        func print(_ items: Any..., separator: String = " ") { printed.append(items.map { "\($0)" }.joined(separator: separator)) }
        // BEGIN overview
        let tagger = try Tagger()
        for entity in tagger.entities(in: "M. Antony Blinken est arrivé à Kiev.") {
            print(entity.label, entity.text, entity.start, entity.end)
        }
        // END overview
        try Self.check("Sources/FrenchNER/FrenchNER.docc/FrenchNER.md", block: 0, code: "overview", printed: printed)
    }

    @Test("user entries and a missing lexicon (getting started, README)")
    func userEntries() throws {
        var printed: [String] = []
        func print(_ items: Any..., separator: String = " ") { printed.append(items.map { "\($0)" }.joined(separator: separator)) }
        // BEGIN entries
        let mine = LexiconEntry(surface: "Zorglub Industries", type: .company)
        do {
            let tagger = try Tagger(lexicons: LexiconSet(userLexicons: ["my-names.tsv"], entries: [mine]))
            print(tagger.entities(in: "Il travaille chez Zorglub Industries."))
        } catch let error as LexiconError {
            print(error)
        }
        // END entries
        try Self.check("Sources/FrenchNER/FrenchNER.docc/GettingStarted.md", block: 2, code: "entries", printed: printed)
        let tagger = try Tagger(lexicons: LexiconSet(userLexicons: [], entries: [mine]))
        #expect(tagger.entities(in: "Il travaille chez Zorglub Industries.").map(\.source) == ["lexicon:ORG.company:user"])
    }

    @Test("EntityCounts' examples")
    func counts() throws {
        let tagger = try Tagger()
        var printed: [String] = []
        func print(_ items: Any..., separator: String = " ") { printed.append(items.map { "\($0)" }.joined(separator: separator)) }
        // BEGIN counts
        var counts = EntityCounts()
        counts.add(tagger.entities(in: "Emmanuel Macron est à Paris. L'OTAN aussi."))
        counts.add(tagger.entities(in: "Emmanuel Macron et l'Organisation du traité de l'Atlantique nord."))
        for row in counts.rows() { print(row.label, row.name, row.documents, row.mentions) }
        // END counts
        try Self.check("Sources/FrenchNER/Output/EntityCounts.swift", block: 0, code: "counts", printed: printed)
        printed = []
        // BEGIN counts-guide
        var counts2 = EntityCounts()
        for text in ["Emmanuel Macron est à Paris.", "Emmanuel Macron et l'OTAN."] {
            counts2.add(tagger.entities(in: text))
        }
        for row in counts2.rows(top: 1) { print(row.label, row.name, row.documents, row.mentions) }
        // END counts-guide
        let guide = try Self.block("Sources/FrenchNER/FrenchNER.docc/GettingStarted.md", 3)
        let expected = guide.filter { $0.hasPrefix("// ") }.map { String($0.dropFirst(3)) }
        #expect(printed == expected)
    }

    @Test("LexiconSet's example compiles (it names a file that does not exist here)")
    func lexiconSet() throws {
        func example() throws -> Tagger {
            // BEGIN lexiconset
            let lexicons = try LexiconSet(userLexicons: ["my-companies.tsv"],
                                          entries: [LexiconEntry(surface: "Zorglub Industries", type: .company)])
            let tagger = try Tagger(lexicons: lexicons)
            // END lexiconset
            return tagger
        }
        #expect(throws: LexiconError.self) { try example() }
        try Self.check("Sources/FrenchNER/Gazetteer/LexiconSet.swift", block: 0, code: "lexiconset", printed: nil)
    }

    @Test("EntityLabel prints PER, ORG, LOC; Entity is Codable with the JSON Lines field names")
    func labelAndCodable() throws {
        #expect(EntityLabel.allCases.map { "\($0)" }.sorted() == ["LOC", "ORG", "PER"])
        let entity = try #require(try Tagger().entities(in: "À l'OTAN.").first)
        let json = try JSONEncoder().encode(entity)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["label"] as? String == "ORG" && object["start"] as? Int == 4 && object["canonical"] as? String != nil)
        #expect(try JSONDecoder().decode(Entity.self, from: json) == entity)
        // An entity of `frner tag`'s output decodes too.
        let line = #"{"text":"Kiev","label":"LOC","start":30,"end":34,"byteStart":31,"byteEnd":35,"source":"x"}"#
        let read = try JSONDecoder().decode(Entity.self, from: Data(line.utf8))
        #expect(read.label == .location && read.end == 34 && read.canonical == nil && read.tokenRange.isEmpty)
        #expect(Set([entity, entity]).count == 1)
    }
}
