/// Precision, recall and F1 from counts. Scores add up (`+`) across documents and types.
public struct PRF: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    public var precision: Double {
        truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    public static func + (a: PRF, b: PRF) -> PRF {
        PRF(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
            falseNegatives: a.falseNegatives + b.falseNegatives)
    }
}

/// An error found by the scorer, for `--errors`.
public struct ScoringError: Sendable {
    public enum Kind: String, Sendable { case falsePositive = "FP", falseNegative = "FN" }
    public var kind: Kind
    public var documentID: String
    public var span: EntitySpan
    public var text: String
    /// What the other side had overlapping this span (`LOC 10-16 Valence`), if anything.
    public var overlapping: String
    public var context: String
    public var source: String?
}

/// Scores predicted spans against gold spans, spaCy-style: strict matches need the same start, end
/// and label; scores are micro-averaged overall and per type. Also: partial-overlap matches (same
/// label, overlapping spans), boundary-only matches (exact span, any label), and a type confusion
/// matrix over exact spans.
public struct Scorer: Sendable {
    public private(set) var strict: [EntityLabel: PRF] = [:]
    public private(set) var partial = PRF()
    public private(set) var boundary = PRF()
    /// confusion[gold][predicted] over spans matched exactly; `O` for missing/spurious.
    public private(set) var confusion: [String: [String: Int]] = [:]
    public private(set) var errors: [ScoringError] = []
    /// Strict true and false positives per predicted source (rule or lexicon).
    public private(set) var bySource: [String: PRF] = [:]
    public private(set) var documents = 0
    public private(set) var sentences = 0
    public var keepErrors = false

    public init(keepErrors: Bool = false) { self.keepErrors = keepErrors }

    public var overall: PRF { strict.values.reduce(PRF(), +) }

    /// Adds one document.
    /// - Parameter sources: the source of each predicted span (same order), for error reports.
    public mutating func add(gold: [EntitySpan], predicted: [EntitySpan], text: String, id: String,
                             sentences: Int = 0, sources: [String]? = nil) {
        documents += 1
        self.sentences += sentences
        let goldSet = Set(gold)
        let predictedSet = Set(predicted)
        for label in EntityLabel.allCases {
            var prf = strict[label] ?? PRF()
            prf.truePositives += goldSet.filter { $0.label == label && predictedSet.contains($0) }.count
            prf.falsePositives += predictedSet.filter { $0.label == label && !goldSet.contains($0) }.count
            prf.falseNegatives += goldSet.filter { $0.label == label && !predictedSet.contains($0) }.count
            strict[label] = prf
        }
        if let sources {
            for (index, p) in predicted.enumerated() {
                let hit = goldSet.contains(p)
                bySource[sources[index], default: PRF()] = bySource[sources[index], default: PRF()]
                    + PRF(truePositives: hit ? 1 : 0, falsePositives: hit ? 0 : 1)
            }
        }
        // Partial: a gold span counts as found when a prediction of its label overlaps it.
        let overlaps = { (a: EntitySpan, b: EntitySpan) in a.start < b.end && b.start < a.end }
        let partialFound = gold.filter { g in predicted.contains { $0.label == g.label && overlaps($0, g) } }.count
        let partialRight = predicted.filter { p in gold.contains { $0.label == p.label && overlaps($0, p) } }.count
        partial = partial + PRF(truePositives: partialFound, falsePositives: predicted.count - partialRight,
                                falseNegatives: gold.count - partialFound)
        // Boundary: exact span, any label.
        let goldRanges = Set(gold.map { $0.start..<$0.end })
        let predictedRanges = Set(predicted.map { $0.start..<$0.end })
        let common = goldRanges.intersection(predictedRanges).count
        boundary = boundary + PRF(truePositives: common, falsePositives: predictedRanges.count - common,
                                  falseNegatives: goldRanges.count - common)
        // Confusion over exact spans.
        var predictedByRange: [Range<Int>: EntityLabel] = [:]
        for p in predicted { predictedByRange[p.start..<p.end] = p.label }
        var goldByRange: [Range<Int>: EntityLabel] = [:]
        for g in gold { goldByRange[g.start..<g.end] = g.label }
        for g in gold {
            let other = predictedByRange[g.start..<g.end]?.rawValue ?? "O"
            confusion[g.label.rawValue, default: [:]][other, default: 0] += 1
        }
        for p in predicted where goldByRange[p.start..<p.end] == nil {
            confusion["O", default: [:]][p.label.rawValue, default: 0] += 1
        }
        guard keepErrors else { return }
        let scalars = Array(text.unicodeScalars)
        func slice(_ a: Int, _ b: Int) -> String {
            let lo = max(0, min(a, scalars.count)), hi = max(lo, min(b, scalars.count))
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[lo..<hi])
            return String(view)
        }
        func context(_ span: EntitySpan) -> String {
            (slice(span.start - 60, span.start) + "[" + slice(span.start, span.end) + "]" + slice(span.end, span.end + 60))
                .replacingNewlines()
        }
        func describe(_ others: [EntitySpan]) -> String {
            others.map { "\($0.label.rawValue) \(slice($0.start, $0.end))" }.joined(separator: "; ")
        }
        for (index, p) in predicted.enumerated() where !goldSet.contains(p) {
            errors.append(ScoringError(kind: .falsePositive, documentID: id, span: p, text: slice(p.start, p.end),
                                       overlapping: describe(gold.filter { overlaps($0, p) }), context: context(p),
                                       source: sources?[index]))
        }
        for g in gold where !predictedSet.contains(g) {
            let others = predicted.enumerated().filter { overlaps($0.element, g) }
            errors.append(ScoringError(kind: .falseNegative, documentID: id, span: g, text: slice(g.start, g.end),
                                       overlapping: describe(others.map(\.element)), context: context(g),
                                       source: others.first.flatMap { sources?[$0.offset] }))
        }
    }
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
    }
}
