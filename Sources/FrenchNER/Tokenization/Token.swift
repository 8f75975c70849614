/// One token: a range of UTF-16 offsets into its `TextBuffer`, a kind, shape flags and a match key.
///
/// Tokens never copy text. The key (case- and accent-folded form, `Élysée` → `elysee`) lives in the
/// `TokenizedText`'s key pool; `keyHash` is its FNV-1a hash, used by the gazetteer.
public struct Token: Sendable, Hashable {
    /// What a token is made of.
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case word, number, punctuation, symbol, url, email

        public var description: String {
            switch self {
            case .word: "word"
            case .number: "number"
            case .punctuation: "punctuation"
            case .symbol: "symbol"
            case .url: "url"
            case .email: "email"
            }
        }
    }

    /// Boolean features of a token.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// White space separates this token from the previous one (true for the first token).
        public static let spaceBefore = Flags(rawValue: 1 << 0)
        /// The first word of a sentence (after any opening punctuation).
        public static let sentenceStart = Flags(rawValue: 1 << 1)
        /// The first letter is upper case.
        public static let startsUppercase = Flags(rawValue: 1 << 2)
        /// Some letter after the first is upper case.
        public static let innerUppercase = Flags(rawValue: 1 << 3)
        /// Some letter is lower case.
        public static let hasLowercase = Flags(rawValue: 1 << 4)
        /// Some character is a digit.
        public static let hasDigit = Flags(rawValue: 1 << 5)
        /// Some character is a letter.
        public static let hasLetter = Flags(rawValue: 1 << 6)
        /// An elided clitic with its apostrophe: `l'`, `d’`, `qu'`, `jusqu'`.
        public static let elision = Flags(rawValue: 1 << 7)
        /// An abbreviation or initial that keeps its final period: `M.`, `Dr.`, `O.N.U.`, `J.-C.`.
        public static let abbreviation = Flags(rawValue: 1 << 8)
        /// A hyphen (`-`, U+2010, U+2011).
        public static let hyphen = Flags(rawValue: 1 << 9)
    }

    /// Start, UTF-16 offset.
    public var start: Int32
    /// End (exclusive), UTF-16 offset.
    public var end: Int32
    /// Start of the key in the key pool.
    var keyStart: Int32
    /// FNV-1a hash of the key.
    var keyHash: UInt32
    /// Length of the key in UTF-16 units.
    var keyLength: UInt16
    public var kind: Kind
    public var flags: Flags

    /// The UTF-16 range.
    @inlinable public var range: Range<Int> { Int(start)..<Int(end) }
    /// Joined to the previous token with no white space (`Saint` `-` `Étienne`, `l'` `OTAN`).
    @inlinable public var isJoinedToPrevious: Bool { !flags.contains(.spaceBefore) }
    /// Starts with an upper-case letter and has lower-case letters: `Paris`, `McDonald`.
    @inlinable public var isCapitalized: Bool { flags.contains(.startsUppercase) && flags.contains(.hasLowercase) }
    /// Only upper-case letters, at least one: `OTAN`, `O.N.U.`, `A`.
    @inlinable public var isAllCaps: Bool { flags.contains(.startsUppercase) && !flags.contains(.hasLowercase) }
    /// Starts with a lower-case letter.
    @inlinable public var isLowercaseWord: Bool { flags.contains(.hasLetter) && !flags.contains(.startsUppercase) }
    /// Mixed case: `iPhone`, `eBay`, `McDonald`, `LeBron`.
    @inlinable public var isMixedCase: Bool { flags.contains(.innerUppercase) && flags.contains(.hasLowercase) }
}

/// A sentence: a range of tokens.
public struct Sentence: Sendable, Hashable {
    /// Index of the first token.
    public var tokenStart: Int32
    /// Index after the last token.
    public var tokenEnd: Int32
    /// The token index range.
    @inlinable public var tokens: Range<Int> { Int(tokenStart)..<Int(tokenEnd) }
}
