/// Corpus rules: what a batch run learned in its first pass (`CorpusMemory`, `frner tag --corpus-memory`),
/// applied after overlaps are resolved and before one sense per document. Weight: `RuleWeights`,
/// "Corpus rules".
///
/// - `corpus.same-name`: a name the corpus typed surely elsewhere (in at least
///   `CorpusMemory.minimumCount` documents, or defined once as an acronym: `Commission nationale
///   d'investiture (CNI)`; `minimumAgreement` of them agreeing) gives its label to a
///   mention with weaker evidence (score below `corpusSameName`) and keeps a lone word that would need
///   the document's support (`la société Quillifer` in one article, a bare `Quillifer` in the next). The
///   mention scores `corpusSameName`, below `sure`: a sure mention in the document itself still decides.
///   A function word (`Les`, `Son`, `Alors`) is never remembered, and a lone common word that needs
///   support (`Nord`, `Bien`) still needs its own document. A remembered surname takes the capitalised
///   particle opening the sentence before it when the corpus knows the longer name (`De Gendt`).
/// - `corpus.majority`: a name the batch did not type surely often enough takes the label most of its
///   documents give it by any evidence, PER or ORG, when that label outnumbers the mention's own at
///   least twice over elsewhere (`CorpusMemory.majorityLabel`): `au SNR` (LOC by the preposition) after
///   `le SNR` in two other documents; `chez Whirlpool` after `Whirlpool a annoncé`, `Whirlpool ferme`.
///   Only a weak mention (below `RuleWeights.corpusMajority`) changes.
extension Recognition {
    func applyCorpusMemory(_ memory: CorpusMemory, to candidates: [Candidate]) -> [Candidate] {
        // Names the document types surely itself are left to `document.same-name`.
        let sureHere = Set(candidates.filter { $0.isSure && !$0.needsDocumentSupport }.map { nameKey($0.range) })
        return candidates.map { candidate in
            guard !candidate.isSure || candidate.needsDocumentSupport, isRememberable(candidate.range),
                  !sureHere.contains(nameKey(candidate.range)),
                  !(candidate.needsDocumentSupport && candidate.length == 1 && !commonClasses(candidate.start).isEmpty)
            else { return candidate }
            guard let label = memory.label(of: nameKey(candidate.range)) else {
                return majorityReading(of: candidate, in: memory) ?? candidate
            }
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

    /// `corpus.majority`: a weak mention (score below `RuleWeights.corpusMajority`, not waiting for its
    /// document's support) of a name most documents of the batch type otherwise, as PER or ORG; not a
    /// name of one or two letters (`DJ`, `C`), and PER only for one word (a lone surname or first name:
    /// two capitalised words lean PER by default, `Grand Palais`, `Courrier Picard`).
    func majorityReading(of candidate: Candidate, in memory: CorpusMemory) -> Candidate? {
        guard !candidate.needsDocumentSupport, candidate.score < RuleWeights.corpusMajority,
              candidate.length > 1 || letterCount(candidate.start) > 2,
              let label = memory.majorityLabel(of: nameKey(candidate.range), current: candidate.label),
              label != .person || candidate.length == 1 else { return nil }
        var relabelled = candidate
        relabelled.label = label
        relabelled.score = RuleWeights.corpusMajority
        relabelled.source = .rule(.corpusMajority)
        relabelled.canonicalEntry = -1
        return relabelled
    }

    /// Whether the corpus may remember a name: not a lone function word (`Les` in a headline).
    func isRememberable(_ range: Range<Int>) -> Bool {
        guard range.count == 1 else { return true }
        let classes = commonClasses(range.lowerBound)
        return !classes.contains(.function) && !classes.contains(.grammatical)
    }
}
