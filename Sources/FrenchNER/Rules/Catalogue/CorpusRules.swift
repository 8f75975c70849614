/// Corpus rules: what a batch run learned in its first pass (`CorpusMemory`, `frner tag --corpus-memory`),
/// applied after overlaps are resolved and before one sense per document. Weight: `RuleWeights`,
/// "Corpus rules".
///
/// - `corpus.same-name`: a name the corpus typed surely elsewhere (in at least
///   `CorpusMemory.minimumCount` documents, `minimumAgreement` of them agreeing) gives its label to a
///   mention with weaker evidence (score below `corpusSameName`) and keeps a lone word that would need
///   the document's support (`la société Quillifer` in one article, a bare `Quillifer` in the next). The
///   mention scores `corpusSameName`, below `sure`: a sure mention in the document itself still decides.
///   A function word (`Les`, `Son`, `Alors`) is never remembered, and a lone common word that needs
///   support (`Nord`, `Bien`) still needs its own document. A remembered surname takes the capitalised
///   particle opening the sentence before it when the corpus knows the longer name (`De Gendt`).
extension Recognition {
    func applyCorpusMemory(_ memory: CorpusMemory, to candidates: [Candidate]) -> [Candidate] {
        // Names the document types surely itself are left to `document.same-name`.
        let sureHere = Set(candidates.filter { $0.isSure && !$0.needsDocumentSupport }.map { nameKey($0.range) })
        return candidates.map { candidate in
            guard !candidate.isSure || candidate.needsDocumentSupport, isRememberable(candidate.range),
                  !sureHere.contains(nameKey(candidate.range)),
                  !(candidate.needsDocumentSupport && candidate.length == 1 && !commonClasses(candidate.start).isEmpty),
                  let label = memory.label(of: nameKey(candidate.range)) else { return candidate }
            var remembered = candidate
            if label != candidate.label && candidate.score < RuleWeights.corpusSameName {
                remembered.label = label
                remembered.score = RuleWeights.corpusSameName
            } else if label == candidate.label && candidate.needsDocumentSupport {
                remembered.score = max(candidate.score, RuleWeights.corpusSameName)
            } else {
                return candidate
            }
            remembered.source = .rule(.corpusSameName)
            remembered.needsDocumentSupport = false
            let s = candidate.start
            if remembered.label == .person, s > 0, tokens[s - 1].flags.contains(.startsUppercase), isSentenceInitial(s - 1),
               memory.label(of: nameKey((s - 1)..<candidate.end)) == .person {
                remembered.start -= 1
            }
            return remembered
        }
    }

    /// Whether the corpus may remember a name: not a lone function word (`Les` in a headline).
    func isRememberable(_ range: Range<Int>) -> Bool {
        guard range.count == 1 else { return true }
        let classes = commonClasses(range.lowerBound)
        return !classes.contains(.function) && !classes.contains(.grammatical)
    }
}
