/// What a span with no evidence at all is taken for. A default never decides alone: the candidate is
/// kept only when the document names it surely elsewhere (`needsDocumentSupport`).
extension RuleCatalogue {
    static let defaults: [EvidenceRule] = [defaultMultiword, defaultSingle]

    /// `Zorbak Quentale`: several unknown capitalised words are taken for a person.
    static let defaultMultiword = EvidenceRule(.defaultMultiword, votes: .person, weight: RuleWeights.defaultMultiword) { _, span in
        span.wordCount >= 2
    }

    /// `Trambulac`: one unknown word of two letters or more is taken for a place.
    static let defaultSingle = EvidenceRule(.defaultSingle, votes: .location, weight: RuleWeights.defaultSingle) { r, span in
        span.wordCount == 1 && r.letterCount(span.start) >= 2
    }
}
