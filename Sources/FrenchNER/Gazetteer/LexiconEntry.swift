/// One line of a lexicon file.
///
/// ```
/// OTAN	ORG.international	Organisation du traité de l'Atlantique nord	curated	exact	A
/// ```
public struct LexiconEntry: Sendable, Hashable {
    /// Flags of an entry (`Lexicons/README.md`).
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Also a common word or otherwise ambiguous: needs supporting context.
        public static let ambiguous = Flags(rawValue: 1)
        /// Matches only when the text's case is exactly the entry's.
        public static let exactCase = Flags(rawValue: 2)
        /// A short or informal alias of `canonical`.
        public static let alias = Flags(rawValue: 4)
    }

    /// How well known the entry is.
    public enum Importance: UInt8, Sendable, Comparable {
        case minor = 0, notable = 1, major = 2
        public static func < (a: Importance, b: Importance) -> Bool { a.rawValue < b.rawValue }
        public var letter: String { ["C", "B", "A"][Int(rawValue)] }
    }

    public var surface: String
    public var type: EntryType
    /// The canonical form; empty when the surface is canonical itself.
    public var canonical: String
    public var source: String
    public var flags: Flags
    public var importance: Importance

    /// - Parameter source: the name in each entity's `source` (`lexicon:TYPE:SOURCE`); `user` by default.
    public init(surface: String, type: EntryType, canonical: String = "", source: String = "user",
                flags: Flags = [], importance: Importance = .notable) {
        self.surface = surface
        self.type = type
        self.canonical = canonical
        self.source = source
        self.flags = flags
        self.importance = importance
    }
}

/// Why a lexicon could not be compiled: the file, the line and what is wrong there.
public struct LexiconError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line number; 0 when the problem is the file as a whole.
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
