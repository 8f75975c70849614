/// Weighing a span: the engine that applies the rule catalogue (`Catalogue/`). It knows no rule by
/// name: each rule's trigger, label, weight and what its vote means alone are in its catalogue entry.
///
/// 1. Lexicon entries of exactly the span vote for their labels (weights: `RuleWeights`, "Lexicon").
/// 2. A span rule may decide the whole span (`RuleCatalogue.spanRules`).
/// 3. Non-entities (products, events, demonyms, cues alone) are dropped.
/// 4. Every evidence rule votes (`RuleCatalogue.evidenceRules`); with no vote at all, the defaults do.
/// 5. The label with most weight wins; weak or bare decisions need the document's support.
extension Recognition {
    /// The candidate for a span, or nil when the span is not an entity (a product, an event, a
    /// demonym, a title or function on its own, a word inside a longer function).
    func classify(_ span: Range<Int>, prefix: Prefix) -> Candidate? {
        let s = span.lowerBound
        var e = span.upperBound
        var wordCount = 0
        for i in span where !tokens[i].flags.contains(.hyphen) { wordCount += 1 }
        var evidence = Evidence()
        let exactMatch = match(exactly: span)
        let lexiconWeight = exactMatch.map { addLexiconVotes(of: $0, wordCount: wordCount, to: &evidence) } ?? 0

        let facts = SpanFacts(span: span, wordCount: wordCount, prefix: prefix, lexiconWeight: lexiconWeight,
                              knownOther: evidence.score(.organisation) > 0 || evidence.score(.location) > 0,
                              exactMatch: exactMatch, listNeighbourAfter: listNeighbourLabel(after: span.upperBound),
                              listNeighbourBefore: listNeighbourLabel(before: span.lowerBound))
        // Rules are read in place (by index): iterating would copy each rule, closure and all.
        let spanRules = VoteTable.spanRules
        for k in spanRules.indices where spanRules[k].decides(self, facts) {
            return Candidate(span, spanRules[k].label, score: spanRules[k].weight, rule: spanRules[k].name)
        }
        // Things that are not PER/ORG/LOC.
        if lexiconWeight < RuleWeights.lexiconMultiword && isNonEntity(span, exactMatch: exactMatch) { return nil }
        // `l'opération Sentinelle`, `la tempête tropicale Alex`, `le rover Opportunity`: a work, a
        // vessel or an event named after somewhere is no entity.
        // A person stays (`la saga Harry Potter`: news annotation keeps the person in the title).
        if isThingName(span), evidence.score(.organisation) == 0, evidence.best?.label != .person { return nil }
        // A code with digits (`PT5`, `U23`, `A7`) is a name only when a lexicon knows it (`TF1`, `M6`).
        if wordCount == 1 && lexiconWeight == 0 && tokens[s].flags.contains(.hasDigit) { return nil }
        let nonEntityEntry = exactMatch.map { typesOf($0) & Recognition.nonEntityTypes != 0 } ?? false

        let votes = VoteTable.evidence
        for k in votes.indices {
            guard var weight = votes[k].vote(self, facts) else { continue }
            if votes[k].halvedWhenKnownOther && facts.knownOther { weight *= RuleWeights.knownOtherFactor }
            evidence.add(votes[k].label, weight, .rule(votes[k].name))
        }

        // Without evidence, a name is kept only if the document names it surely elsewhere.
        var bare = false
        if evidence.isEmpty {
            bare = true
            let votes = VoteTable.defaults
            for k in votes.indices {
                if let weight = votes[k].vote(self, facts) { evidence.add(votes[k].label, weight, .rule(votes[k].name)) }
            }
        } else if let best = evidence.best, best.score < RuleWeights.loneWordDoubt, wordCount == 1, lexiconWeight == 0,
                  let rule = best.source.rule.flatMap(VoteTable.rule(named:)) {
            switch rule.loneWord {
            case .enough: break
            case .notOnCommonNoun: bare = commonClasses(s).contains(.noun)
            case let .needsSupportBelow(score): bare = best.score < score
            }
        }
        // The evidence is complete: its best label is read once.
        guard let best = evidence.best else { return nil }
        // In capitals, a lone word that no lexicon knows may be any word (`EN LIGNE`, `À TÊTE`): context
        // alone types it only when it is strong; else the document must name it elsewhere.
        if wordCount == 1, lexiconWeight == 0, inHeadline[s], best.score < RuleWeights.capitalsLoneWordNeeds {
            bare = true
        }
        // A capitalised common word whose only support is a minor place or name (`Grand`, the village,
        // in `Grand collisionneur`) needs the document to confirm it.
        // Context that agrees with the lexicon (`sur Terre`: a place preposition) is support enough.
        if wordCount == 1, best.score <= RuleWeights.minorLexiconSupport, best.source.isLexicon,
           best.score <= lexiconWeight,
           commonClasses(s).contains(.adjective) || commonClasses(s).contains(.function) {
            bare = true
        }
        // Services, products and other non-entities that share a name with a company (`Facebook`,
        // `YouTube`) are non-entities unless the context names an organisation.
        if nonEntityEntry && best.score - lexiconWeight < RuleWeights.contextOverNonEntity { return nil }
        // A name that already has its complement (`Banque de France`) is complete.
        if best.label == .organisation, let rule = best.source.rule.flatMap(VoteTable.rule(named:)),
           rule.extendsOrganisationName,
           !span.contains(where: { roles[$0].contains(.nameParticle) && tokens[$0].isLowercaseWord }) {
            e = extendOrganisation(from: e)
        }
        var candidate = Candidate(start: s, end: e, label: best.label, score: best.score, source: best.source,
                                  canonicalEntry: e == span.upperBound ? best.canonicalEntry : -1)
        // A capitalised common word opening a sentence needs the document to name it elsewhere.
        if wordCount == 1 && isSentenceInitial(s) && !commonClasses(s).isEmpty && best.score < RuleWeights.sentenceOpenerNeeds
            && !(lexiconWeight >= RuleWeights.sure && tokens[s].isAllCaps) {
            candidate.needsDocumentSupport = true
        }
        if bare { candidate.needsDocumentSupport = true }
        return candidate
    }

    /// The votes of the lexicon entries of exactly a span; returns the heaviest.
    ///
    /// An entry of several words weighs `lexiconMultiword` (ambiguous: `lexiconMultiwordAmbiguous`); a
    /// one-word entry by its importance, less for an alias, capped for a common word opening a sentence.
    /// Hand-curated knowledge outranks package lists for the same name (`Matignon` the prime minister's
    /// office, not the village). An entry written with a capital never tags a lower-case word
    /// (`La première` is not the radio `La Première`), and a minor one-word alias never stands alone.
    private func addLexiconVotes(of match: GazetteerMatch, wordCount: Int, to evidence: inout Evidence) -> Double {
        let s = Int(match.start)
        var heaviest = 0.0
        let entries = gazetteer.entries(of: match)
        let curated = entries.contains { position in
            let entry = gazetteer.entryIndex(at: position)
            return gazetteer.type(ofEntry: entry).label != nil && gazetteer.isCurated(entry: entry)
        }
        // A major, unambiguous curated entry (`Toyota` the company) outranks even a major package entry
        // (`Toyota` the Japanese city).
        let curatedMajor = curated && entries.contains { position in
            let entry = gazetteer.entryIndex(at: position)
            return gazetteer.type(ofEntry: entry).label != nil && gazetteer.isCurated(entry: entry)
                && gazetteer.importance(ofEntry: entry) == .major && !gazetteer.flags(ofEntry: entry).contains(.ambiguous)
                && !gazetteer.flags(ofEntry: entry).contains(.alias)
        }
        for position in entries {
            let entry = gazetteer.entryIndex(at: position)
            let type = gazetteer.type(ofEntry: entry)
            guard let label = type.label else { continue }
            let flags = gazetteer.flags(ofEntry: entry)
            let importance = gazetteer.importance(ofEntry: entry)
            let caseExact = gazetteer.caseMatches(entry: entry, match: match, in: doc)
            if flags.contains(.exactCase) && !caseExact { continue }
            if !caseExact && !caseCompatible(entry: entry, match: match) { continue }
            if wordCount == 1 && flags.contains(.alias) && importance == .minor { continue }
            // `Parce` (que) is not the village `Parcé`: a minor one-word entry wants its accents, save
            // on the capital (`Evry` for `Évry` is how capitals are often typed).
            if wordCount == 1 && importance == .minor && !accentsAgree(token: s, entry: entry) { continue }
            var weight: Double
            if wordCount >= 2 {
                weight = flags.contains(.ambiguous) ? RuleWeights.lexiconMultiwordAmbiguous : RuleWeights.lexiconMultiword
            } else {
                switch importance {
                case .major: weight = RuleWeights.lexiconMajor
                case .notable: weight = RuleWeights.lexiconNotable
                case .minor: weight = RuleWeights.lexiconMinor
                }
                if flags.contains(.ambiguous) { weight = RuleWeights.lexiconAmbiguous }
                if flags.contains(.alias) { weight -= RuleWeights.lexiconAliasPenalty }
                if isSentenceInitial(s) && !commonClasses(s).isEmpty { weight = min(weight, RuleWeights.lexiconSentenceOpenerCap) }
            }
            if curated && !gazetteer.isCurated(entry: entry) && (importance != .major || curatedMajor) {
                weight *= RuleWeights.lexiconUnderCuratedFactor
            }
            heaviest = max(heaviest, weight)
            evidence.add(label, weight, .lexicon(type, sourceID: gazetteer.sourceID(ofEntry: entry)), canonicalEntry: Int32(entry))
        }
        return heaviest
    }
}

extension Recognition {
    /// Whether a token written without accents (ASCII) may stand for the entry: the entry has no
    /// accented letter after its first. A token with any non-ASCII unit is taken as written.
    ///
    /// - Complexity: O(token length), and O(entry length) for an ASCII token.
    func accentsAgree(token i: Int, entry: Int) -> Bool {
        let units = doc.text.utf16
        for k in Int(tokens[i].start)..<Int(tokens[i].end) where units[k] > 0x7F { return true }
        return !gazetteer.surface(ofEntry: entry).unicodeScalars.dropFirst().contains { $0.value > 0x7F && $0.properties.isAlphabetic }
    }
}

/// What `classify` reads of each voting rule, in catalogue order: a rule copied per candidate costs
/// more than its vote, so the fields are laid out once in a row of plain values and a closure.
private struct VoteTable {
    let name: RuleName
    let label: EntityLabel
    let halvedWhenKnownOther: Bool
    let loneWord: EvidenceRule.LoneWord
    let extendsOrganisationName: Bool
    let vote: @Sendable (Recognition, SpanFacts) -> Double?

    init(_ rule: EvidenceRule) {
        name = rule.name
        label = rule.label
        halvedWhenKnownOther = rule.halvedWhenKnownOther
        loneWord = rule.loneWord
        extendsOrganisationName = rule.extendsOrganisationName
        vote = rule.vote
    }

    static let evidence = ContiguousArray(RuleCatalogue.evidenceRules.map(VoteTable.init))
    static let defaults = ContiguousArray(RuleCatalogue.defaults.map(VoteTable.init))
    static let spanRules = ContiguousArray(RuleCatalogue.spanRules)

    /// What `classify` asks of the rule a name belongs to (the first of that name, as
    /// `RuleCatalogue.evidenceRule(named:)` gives it), found by comparing names: no hashing, no copy
    /// of the rule's closure.
    static func rule(named name: RuleName) -> (loneWord: EvidenceRule.LoneWord, extendsOrganisationName: Bool)? {
        for k in evidence.indices where evidence[k].name == name {
            return (evidence[k].loneWord, evidence[k].extendsOrganisationName)
        }
        for k in defaults.indices where defaults[k].name == name {
            return (defaults[k].loneWord, defaults[k].extendsOrganisationName)
        }
        return nil
    }
}
