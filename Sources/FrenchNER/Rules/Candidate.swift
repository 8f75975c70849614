/// A span the rules propose as an entity, with the label its evidence favours.
struct Candidate {
    var start: Int
    var end: Int
    var label: EntityLabel
    /// The weight of the winning label's evidence: ≥ `RuleWeights.sure` is sure, < 1 is a bare default.
    var score: Double
    /// The rule or lexicon that gave most of that weight.
    var source: EvidenceSource
    /// The lexicon entry whose canonical form the entity carries, or -1.
    var canonicalEntry: Int32 = -1
    /// A capitalised common word opening a sentence, kept only if the document names it elsewhere.
    var needsDocumentSupport = false

    init(start: Int, end: Int, label: EntityLabel, score: Double, source: EvidenceSource, canonicalEntry: Int32 = -1) {
        self.start = start
        self.end = end
        self.label = label
        self.score = score
        self.source = source
        self.canonicalEntry = canonicalEntry
    }

    init(_ range: Range<Int>, _ label: EntityLabel, score: Double, rule: RuleName) {
        self.init(start: range.lowerBound, end: range.upperBound, label: label, score: score, source: .rule(rule))
    }

    var range: Range<Int> { start..<end }
    var length: Int { end - start }
    var isSure: Bool { score >= RuleWeights.sure }
}

/// What decided a candidate, as ids: a named rule, or a lexicon entry's type and source. The text
/// (`person.title`, `lexicon:LOC.city:geonames`) is made only when an entity is written out.
enum EvidenceSource: Hashable, Sendable {
    case none
    case rule(RuleName)
    /// A lexicon entry: its type and its source's id in the gazetteer's string pool.
    case lexicon(EntryType, sourceID: Int32)

    /// The rule, when a rule decided.
    var rule: RuleName? {
        if case let .rule(rule) = self { return rule }
        return nil
    }

    var isLexicon: Bool {
        if case .lexicon = self { return true }
        return false
    }

    /// The `source` written out: the rule's name, or `lexicon:TYPE:SOURCE`.
    func name(in gazetteer: Gazetteer) -> String {
        switch self {
        case .none: ""
        case let .rule(rule): rule.rawValue
        case let .lexicon(type, sourceID): gazetteer.lexiconSourceName(type: type, sourceID: sourceID)
        }
    }
}

/// Evidence for the three labels: for each, the sum of its votes and its heaviest vote's source.
/// A fixed-size value: weighing a candidate allocates nothing.
struct Evidence: PerLabel {
    struct Tally {
        var total = 0.0
        var top = 0.0
        var source = EvidenceSource.none
        var canonicalEntry: Int32 = -1
    }

    var person = Tally(), organisation = Tally(), location = Tally()

    /// Adds a vote; the first of equally heavy votes stays the label's source.
    mutating func add(_ label: EntityLabel, _ weight: Double, _ source: EvidenceSource, canonicalEntry: Int32 = -1) {
        var tally = self[label]
        tally.total += weight
        if weight > tally.top {
            tally.top = weight
            tally.source = source
            if canonicalEntry >= 0 { tally.canonicalEntry = canonicalEntry }
        }
        self[label] = tally
    }

    func score(_ label: EntityLabel) -> Double { self[label].total }

    var isEmpty: Bool { person.total == 0 && organisation.total == 0 && location.total == 0 }

    /// The label with the most weight (ties: LOC, then PER, then ORG).
    var best: (label: EntityLabel, score: Double, source: EvidenceSource, canonicalEntry: Int32)? {
        var bestLabel: EntityLabel?
        var bestTally = Tally()
        @inline(__always) func consider(_ label: EntityLabel, _ tally: Tally) {
            if tally.total > 0 && (bestLabel == nil || tally.total > bestTally.total) {
                bestLabel = label
                bestTally = tally
            }
        }
        consider(.location, location)
        consider(.person, person)
        consider(.organisation, organisation)
        guard let bestLabel else { return nil }
        return (bestLabel, bestTally.total, bestTally.source, bestTally.canonicalEntry)
    }
}
