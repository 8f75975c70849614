extension Tagger {
    /// Tags every gold document's text and scores the entities against the gold spans.
    ///
    /// ```swift
    /// let documents = try GoldCorpus.read(path: "winer-fr/docs", labels: [.person, .location, .organisation])
    /// let scorer = tagger.score(documents, labels: [.person, .location, .organisation])
    /// scorer.overall.f1
    /// ```
    /// - Parameter keepErrors: keep every false positive and negative with its context.
    /// - Complexity: the tagger's cost over all the documents.
    public func score(_ documents: [GoldDocument], labels: Set<EntityLabel>, keepErrors: Bool = false) -> Scorer {
        var scorer = Scorer(keepErrors: keepErrors)
        for document in documents {
            let entities = entities(in: document.text).filter { labels.contains($0.label) }
            scorer.add(gold: document.entities,
                       predicted: entities.map { EntitySpan(start: $0.start, end: $0.end, label: $0.label) },
                       text: document.text, id: document.id, sentences: document.sentenceCount,
                       sources: entities.map(\.source))
        }
        return scorer
    }

    /// Scores the tagger under a corpus's span conventions: `conventions` when given, else those inferred
    /// from the gold (`inferConventions(from:)`). The report says which were used and how long it took.
    public func evaluate(_ documents: [GoldDocument], labels: Set<EntityLabel>, conventions: TaggingConventions? = nil,
                         keepErrors: Bool = false) -> EvaluationReport {
        var tagger = self
        tagger.conventions = conventions ?? inferConventions(from: documents)
        let start = MonotonicClock.now()
        let scorer = tagger.score(documents, labels: labels, keepErrors: keepErrors)
        return EvaluationReport(scorer: scorer, labels: labels.sorted(), seconds: MonotonicClock.seconds(since: start),
                                conventions: tagger.conventions.description)
    }
}
