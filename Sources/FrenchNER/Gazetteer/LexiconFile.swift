#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reading lexicon files (`Lexicons/README.md` gives the format).
public enum LexiconFile {
    /// Parses the text of a lexicon file.
    ///
    /// Columns after `type` may be left out (`Jean Dupont<TAB>PER.full` is a valid user entry); the bare
    /// labels `PER`, `ORG` and `LOC` stand for `PER.full`, `ORG.other` and `LOC.region`.
    /// - Parameter name: the file name used in errors.
    /// - Throws: `LexiconError` naming the line and what is wrong.
    /// - Complexity: O(n) in the length of the text.
    public static func parse(_ text: String, name: String) throws(LexiconError) -> [LexiconEntry] {
        var entries: [LexiconEntry] = []
        var lineNumber = 0
        for rawLine in text.lines() {
            lineNumber += 1
            let line = rawLine
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            var columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            // Columns from the seventh on are a comment when the seventh starts with `#` (`frner learn`).
            if columns.count > 6 && columns[6].hasPrefix("#") { columns.removeLast(columns.count - 6) }
            func fail(_ message: String) -> LexiconError { LexiconError(file: name, line: lineNumber, message: message) }
            guard columns.count >= 2 else {
                throw fail("expected at least 2 tab-separated columns (surface, type), found \(columns.count)")
            }
            guard columns.count <= 6 else {
                throw fail("expected at most 6 tab-separated columns (surface, type, canonical, source, flags, importance), found \(columns.count) (a seventh column starting with '#' and the rest are comments)")
            }
            let surface = columns[0].trimmingWhitespace()
            guard !surface.isEmpty else { throw fail("empty surface form") }
            let typeName = columns[1].trimmingWhitespace()
            let type: EntryType
            switch typeName {
            case "PER": type = .personFull
            case "ORG": type = .otherOrganisation
            case "LOC": type = .region
            default:
                guard let parsed = EntryType(name: Substring(typeName)) else {
                    throw fail("unknown type '\(typeName)' (known: PER, ORG, LOC, \(EntryType.allCases.map(\.description).joined(separator: ", ")))")
                }
                type = parsed
            }
            let canonical = columns.count > 2 ? columns[2].trimmingWhitespace() : ""
            let source = columns.count > 3 && !columns[3].isEmpty ? String(columns[3]) : "user"
            var flags: LexiconEntry.Flags = []
            if columns.count > 4 {
                for flag in columns[4].split(separator: ",") {
                    switch flag.trimmingWhitespace() {
                    case "amb": flags.insert(.ambiguous)
                    case "exact": flags.insert(.exactCase)
                    case "alias": flags.insert(.alias)
                    case "": break
                    default: throw fail("unknown flag '\(flag)' (known: amb, exact, alias)")
                    }
                }
            }
            var importance = LexiconEntry.Importance.notable
            if columns.count > 5 {
                switch columns[5].trimmingWhitespace() {
                case "A": importance = .major
                case "B", "": importance = .notable
                case "C": importance = .minor
                case let other: throw fail("unknown importance '\(other)' (known: A, B, C)")
                }
            }
            entries.append(LexiconEntry(surface: surface, type: type, canonical: canonical, source: source,
                                        flags: flags, importance: importance))
        }
        return entries
    }

    /// Reads and parses a lexicon file.
    public static func load(path: String) throws(LexiconError) -> [LexiconEntry] {
        try parse(try readText(path), name: path)
    }

    /// Parses a common-word list: `word<TAB>pos[,pos…]` per line.
    static func parseCommonWords(_ text: String, name: String) throws(LexiconError) -> [(word: String, classes: CommonWordClass)] {
        var words: [(String, CommonWordClass)] = []
        var lineNumber = 0
        for rawLine in text.lines() {
            lineNumber += 1
            let line = rawLine
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard !columns[0].isEmpty else { throw LexiconError(file: name, line: lineNumber, message: "empty word") }
            var classes: CommonWordClass = []
            if columns.count > 1 {
                for pos in columns[1].split(separator: ",") {
                    switch pos {
                    case "noun": classes.insert(.noun)
                    case "adj": classes.insert(.adjective)
                    case "verb": classes.insert(.verb)
                    case "adv", "intj": classes.insert(.function)
                    default: classes.insert([.function, .grammatical])
                    }
                }
            }
            if classes.isEmpty { classes = .noun }
            words.append((String(columns[0]), classes))
        }
        return words
    }

    static func readText(_ path: String) throws(LexiconError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw LexiconError(file: path, line: 0, message: exists ? "cannot read the file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            var units = ContiguousArray<UInt16>()
            let offset = data.withUnsafeBytes { raw in
                TextBuffer.decode(raw.bindMemory(to: UInt8.self), into: &units, lossy: false)?.byteOffset ?? 0
            }
            let line = data.prefix(offset).filter { $0 == 0x0A }.count + 1
            throw LexiconError(file: path, line: line, message: "invalid UTF-8 at byte \(offset)")
        }
        return text
    }
}

/// Word classes of a common French word.
public struct CommonWordClass: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let noun = CommonWordClass(rawValue: 1)
    public static let adjective = CommonWordClass(rawValue: 2)
    public static let verb = CommonWordClass(rawValue: 4)
    /// Determiners, pronouns, prepositions, conjunctions, adverbs, interjections.
    public static let function = CommonWordClass(rawValue: 8)
    /// Determiners, pronouns, prepositions, conjunctions: function words but adverbs and interjections
    /// (`avant`, `sur`, `tout` are; `rouge`, an adverb in `voir rouge`, is not).
    public static let grammatical = CommonWordClass(rawValue: 16)
}
