/// A span the rules propose as an entity, with the label its evidence favours.
struct Candidate {
    var start: Int
    var end: Int
    var label: EntityLabel
    /// The weight of the winning label's evidence: ≥ 3 is sure, < 1 is a bare default.
    var score: Double
    /// The rule or lexicon that gave most of that weight.
    var source: String
    var canonical: String?
    /// A capitalised common word opening a sentence, kept only if the document names it elsewhere.
    var needsDocumentSupport = false

    var range: Range<Int> { start..<end }
    var length: Int { end - start }

    static let sure = 3.0
}

/// Evidence for the three labels, each with the source that weighed most.
struct Evidence {
    private(set) var scores: [Double] = [0, 0, 0]
    private(set) var sources: [String] = ["", "", ""]
    private var top: [Double] = [0, 0, 0]
    private(set) var canonicals: [String?] = [nil, nil, nil]

    private static func index(_ label: EntityLabel) -> Int {
        switch label {
        case .person: 0
        case .organisation: 1
        case .location: 2
        }
    }

    mutating func add(_ label: EntityLabel, _ weight: Double, _ source: String, canonical: String? = nil) {
        let i = Evidence.index(label)
        scores[i] += weight
        if weight > top[i] {
            top[i] = weight
            sources[i] = source
            if canonical != nil { canonicals[i] = canonical }
        }
    }

    mutating func add(_ label: EntityLabel, _ weight: Double, _ rule: RuleName) {
        add(label, weight, rule.rawValue)
    }

    func score(_ label: EntityLabel) -> Double { scores[Evidence.index(label)] }

    var isEmpty: Bool { scores.allSatisfy { $0 == 0 } }

    /// The label with the most weight (ties: LOC, then PER, then ORG).
    var best: (label: EntityLabel, score: Double, source: String, canonical: String?)? {
        var bestIndex = -1
        for i in [2, 0, 1] where scores[i] > 0 && (bestIndex < 0 || scores[i] > scores[bestIndex]) { bestIndex = i }
        guard bestIndex >= 0 else { return nil }
        let label: EntityLabel = [.person, .organisation, .location][bestIndex]
        return (label, scores[bestIndex], sources[bestIndex], canonicals[bestIndex])
    }
}
