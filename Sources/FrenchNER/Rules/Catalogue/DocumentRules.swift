/// Document rules: one sense per document, after overlaps are resolved. Weights and thresholds:
/// `RuleWeights`, "Document rules". Every rule has a scope (`Recognition+DocumentScope.swift`): a
/// mention lends its label only along its chain of mentions of the same name, each at most
/// `documentScopeSentences` sentences after the previous; a name made only of function words (`Il`,
/// `La`, `De`, `Pour`) never lends or takes one.
///
/// - `document.same-name`: a name with sure evidence (score ≥ `RuleWeights.sure`) gives its label to
///   the same name nearby, including where it opens a sentence; weak mentions of one name that no
///   sure mention decides take the label most of their weight in the chain favours.
/// - `document.person-part`: the words after the first name of a person named in full
///   (score ≥ `documentPersonSource`) make lone mentions nearby persons (`Antony Blinken` … `Blinken`),
///   also over a one-word lexicon place or organisation weaker than `documentPersonOverLexicon` when a
///   lexicon also lists the word as a surname (`Valls` after `Manuel Valls`; `Canada` is no surname);
///   the first name alone counts for a word that needs support.
/// - `document.acronym`: an acronym in parentheses after a name of two words or more takes the name's
///   label (`Organisation du traité de l'Atlantique nord (OTAN)`; a person's only if it is made of the
///   name's initials, `Dominique Strauss-Kahn (DSK)`; a country code after a capitalised word is no
///   acronym there, `location.country-code`), or ORG after an unrecognised
///   capitalised phrase (`Opération des Nations unies au Burundi (ONUB)`); its mentions score
///   `documentAcronym`.
extension Recognition {
    func applyDocumentConsistency(_ candidates: [Candidate]) -> [Candidate] {
        let scope = RuleWeights.documentScopeSentences
        // The tables' arrays are the thread's, kept from its last document (`RecognitionBuffers`): taken
        // here, handed back at the end.
        let buffers = RecognitionBuffers.current()
        let sentenceOf = sentenceIndices(of: candidates, reusing: RecognitionBuffers.take(&buffers.sentenceOf, empty: []))
        // Each candidate looks up its name and the name one word longer (persons: a few more), so
        // there are at most about three names and chains per candidate: tables sized for that do not grow.
        let chainCapacity = 3 * candidates.count
        var chains = NameChains(scope: scope, capacity: chainCapacity,
                                slots: RecognitionBuffers.take(&buffers.chainSlots, empty: []),
                                names: RecognitionBuffers.take(&buffers.chainNames, empty: []))
        var sureLabels = ChainTable<(label: EntityLabel, score: Double)?>(
            nil, capacity: chainCapacity, storage: RecognitionBuffers.take(&buffers.sureLabels, empty: []))
        var personParts = ChainTable<Double?>(nil, capacity: chainCapacity,
                                              storage: RecognitionBuffers.take(&buffers.personParts, empty: []))
        var firstNames = ChainTable<Double?>(nil, capacity: chainCapacity,
                                             storage: RecognitionBuffers.take(&buffers.firstNames, empty: []))
        var acronyms = ScopedMentions<EntityLabel>()
        var definedAcronyms: [Int: EntityLabel] = [:]
        // Per chain: mentions inside a sentence or inside a longer name, and sentence-opening mentions
        // that need support. A word the chain writes with a capital almost only where it opens a
        // sentence (`Liste des communes…` hundreds of times, one `M. Liste`) is a common word there,
        // whatever a few mentions say.
        var inside = ChainTable<Int>(0, capacity: chainCapacity, storage: RecognitionBuffers.take(&buffers.inside, empty: []))
        var opening = ChainTable<Int>(0, capacity: chainCapacity, storage: RecognitionBuffers.take(&buffers.opening, empty: []))
        // The chain of each candidate's name, and of the name one word longer to the left (`De Gendt`).
        var ownChain = RecognitionBuffers.take(&buffers.ownChain, empty: [])
        var leftChain = RecognitionBuffers.take(&buffers.leftChain, empty: [])
        ownChain.removeAll(keepingCapacity: true)
        leftChain.removeAll(keepingCapacity: true)
        ownChain.reserveCapacity(candidates.count)
        leftChain.reserveCapacity(candidates.count)

        for (index, candidate) in candidates.enumerated() {
            let sentence = sentenceOf[index]
            // The name's key, then the key one word longer to the left, in one right-to-left pass.
            var keys = NameKeySuffixes()
            for i in candidate.range.reversed() { keys.extend(tokens[i]) }
            let own = chains.chain(keys.key, sentence: sentence)
            ownChain.append(own)
            if candidate.start > 0 {
                keys.extend(tokens[candidate.start - 1])
                leftChain.append(chains.chain(keys.key, sentence: sentence))
            } else {
                leftChain.append(nil)
            }
            if opensSentence(candidate) {
                if candidate.needsDocumentSupport { opening[own] += 1 }
            } else {
                inside[own] += 1
            }
            if candidate.needsDocumentSupport { continue }
            if candidate.isSure && !isOnlyClosedClass(candidate.range) {
                if sureLabels[own].map({ $0.score < candidate.score }) ?? true { sureLabels[own] = (candidate.label, candidate.score) }
            }
            let words = wordCount(candidate.range)
            if candidate.label == .person && words >= 2 && candidate.score >= RuleWeights.documentPersonSource {
                // Every suffix after the first name: `Le Drian`, `Drian` for `Jean-Yves Le Drian` (one
                // right-to-left pass: linear in the name's length); not a suffix of function words only.
                var firstNameEnd = candidate.start + 1
                while firstNameEnd < candidate.end && tokens[firstNameEnd].isJoinedToPrevious { firstNameEnd += 1 }
                var suffixes = NameKeySuffixes()
                var onlyClosedClass = true
                var suffixWords = 0
                for suffixStart in stride(from: candidate.end - 1, through: firstNameEnd, by: -1) {
                    suffixes.extend(tokens[suffixStart])
                    if !tokens[suffixStart].flags.contains(.hyphen) { suffixWords += 1 }
                    // A surname is a few words (`Ursula von der Leyen`): longer suffixes name nothing alone.
                    if suffixWords > RuleWeights.documentSurnameWords { break }
                    if !tokens[suffixStart].flags.contains(.hyphen) && !isClosedClass(suffixStart) { onlyClosedClass = false }
                    guard nameLike[suffixStart], !onlyClosedClass else { continue }
                    let part = chains.chain(suffixes.key, sentence: sentence)
                    personParts[part] = max(personParts[part] ?? 0, candidate.score)
                    inside[part] += 1
                }
                // The first name alone (`Alistair` for `Alistair Brownlee`), weaker than a surname.
                if has(singleTypes[candidate.start], .personFirst), !isOnlyClosedClass(candidate.start..<firstNameEnd) {
                    let first = chains.chain(nameKey(candidate.start..<firstNameEnd), sentence: sentence)
                    firstNames[first] = max(firstNames[first] ?? 0, candidate.score)
                    inside[first] += 1
                }
            }
            // `Organisation du traité de l'Atlantique nord (OTAN)`.
            let e = candidate.end
            if words >= 2, e + 2 < tokens.count, doc.keyEquals(tokens[e], "("), doc.keyEquals(tokens[e + 2], ")"),
               tokens[e + 1].isAllCaps, candidate.label != .person || isInitialism(e + 1, of: candidate.range) {
                definedAcronyms[e + 1] = candidate.label
            }
        }
        // Acronyms in parentheses, in text order: after a name they take its label; after a capitalised
        // phrase the rules did not recognise they are taken for an organisation (`Opération des Nations
        // unies au Burundi (ONUB)`) unless the name defines them nearby.
        var acronymSentence = 0
        for i in ruleStarts.capitals where i >= 1 && i < tokens.count - 1
            && doc.keyEquals(tokens[i - 1], "(") && doc.keyEquals(tokens[i + 1], ")")
            && !(lists[i].contains(.countryCode) && i >= 2 && tokens[i - 2].flags.contains(.startsUppercase) && !inHeadline[i]) {
            while acronymSentence + 1 < doc.sentences.count && Int(doc.sentences[acronymSentence].tokenEnd) <= i { acronymSentence += 1 }
            let key = nameKey(i..<(i + 1))
            if let label = definedAcronyms[i] {
                acronyms.add(key, sentence: acronymSentence, label)
            } else if letterCountOf(i) >= 3, acronyms.nearest(key, sentence: acronymSentence, scope: scope) == nil, i >= 3,
                      nameLike[i - 2] || tokens[i - 2].isLowercaseWord && capitalisedWordsBefore(i - 1) >= 2 {
                acronyms.add(key, sentence: acronymSentence, .organisation)
            }
        }

        var votes = ChainTable<Votes?>(nil, capacity: chainCapacity, storage: RecognitionBuffers.take(&buffers.votes, empty: []))
        var updated: [Candidate] = []
        var updatedChains = RecognitionBuffers.take(&buffers.updatedChains, empty: [])
        updatedChains.removeAll(keepingCapacity: true)
        updated.reserveCapacity(candidates.count)
        updatedChains.reserveCapacity(candidates.count)
        for (index, var candidate) in candidates.enumerated() {
            let sentence = sentenceOf[index]
            let own = ownChain[index]
            let isSure = candidate.isSure && !candidate.needsDocumentSupport
            let closedClass = isOnlyClosedClass(candidate.range)
                || candidate.needsDocumentSupport && opensSentence(candidate)
                    && opening[own] > RuleWeights.documentOpeningUsesPerInside * inside[own]
            let personPart = closedClass ? nil : personParts[own]
            if !isSure && !closedClass {
                if let acronym = acronyms.nearest(own.name, sentence: sentence, scope: scope), candidate.length == 1 {
                    candidate.label = acronym
                    candidate.source = .rule(.documentAcronym)
                    candidate.score = RuleWeights.documentAcronym
                    candidate.needsDocumentSupport = false
                } else if let sure = sureLabels[own] {
                    if sure.label != candidate.label { candidate.source = .rule(.documentSameName) }
                    candidate.label = sure.label
                    candidate.needsDocumentSupport = false
                } else if personPart != nil && (candidate.label == .person || !knownAsPlaceOrOrganisationOnly(candidate)) {
                    if candidate.label != .person { candidate.source = .rule(.documentPersonPart) }
                    candidate.label = .person
                    candidate.needsDocumentSupport = false
                } else if candidate.length == 1, firstNames[own] != nil,
                          candidate.needsDocumentSupport
                            // `rendre hommage à Johnny` after `Johnny Hallyday`: a lone first name the rules typed
                            // otherwise (not a lexicon's organisation: `Samu`).
                            || candidate.label != .person && !candidate.source.isLexicon
                               && singleTypes[candidate.start] & Recognition.organisationTypes == 0 {
                    candidate.label = .person
                    candidate.source = .rule(.documentPersonPart)
                    candidate.needsDocumentSupport = false
                }
            } else if candidate.length == 1, candidate.label != .person, personPart != nil, candidate.score < RuleWeights.documentPersonOverLexicon,
                      candidate.source.isLexicon, !knownAsPlaceOrOrganisationOnly(candidate) {
                // `Valls` after `Manuel Valls`: the person named in the document, not the town.
                candidate.label = .person
                candidate.source = .rule(.documentPersonPart)
            }
            // `De Gendt` opening a sentence after `Thomas De Gendt`: the particle belongs to the name, when
            // it is in the same sentence and line and no kept entity holds it.
            if candidate.label == .person, candidate.start > 0, tokens[candidate.start - 1].flags.contains(.startsUppercase),
               isSentenceInitial(candidate.start - 1), !tokens[candidate.start].flags.contains(.sentenceStart),
               !lineBreakBetween(candidate.start - 1, candidate.start), updated.last.map({ $0.end < candidate.start }) ?? true,
               let left = leftChain[index], personParts[left] != nil {
                candidate.start -= 1
                candidate.canonicalEntry = -1
            }
            keepCanonicalOnlyIfItsLabel(&candidate)
            if candidate.needsDocumentSupport { continue }
            if !candidate.isSure && !closedClass {
                var tally = votes[own] ?? Votes()
                tally[candidate.label] += candidate.score
                votes[own] = tally
            }
            updated.append(candidate)
            updatedChains.append(candidate.start == candidates[index].start ? own : leftChain[index]!)
        }
        // Weak mentions of one name take the label most of its weak mentions in the chain favour.
        for i in updated.indices where !updated[i].isSure {
            guard let tally = votes[updatedChains[i]] else { continue }
            let label = tally.best
            if label != updated[i].label && tally[label] > tally[updated[i].label] {
                updated[i].label = label
                updated[i].source = .rule(.documentSameName)
                keepCanonicalOnlyIfItsLabel(&updated[i])
            }
        }
        // The tables' arrays serve the thread's next document (not a huge document's).
        if tokens.count <= RecognitionBuffers.maxKeptTokens {
            buffers.sentenceOf = sentenceOf
            (buffers.chainSlots, buffers.chainNames) = chains.storage
            buffers.sureLabels = sureLabels.storage
            buffers.personParts = personParts.storage
            buffers.firstNames = firstNames.storage
            buffers.inside = inside.storage
            buffers.opening = opening.storage
            buffers.votes = votes.storage
            buffers.ownChain = ownChain
            buffers.leftChain = leftChain
            buffers.updatedChains = updatedChains
        }
        return updated
    }

    /// A candidate that opens its sentence (or a headline's), where any word takes a capital.
    private func opensSentence(_ candidate: Candidate) -> Bool {
        tokens[candidate.start].flags.contains(.sentenceStart) || inHeadline[candidate.start]
    }

    /// A one-word lexicon place or organisation that a surname of the document does not relabel without
    /// its own evidence: no lexicon lists the word as a person's name, or a lexicon knows it as a major,
    /// unambiguous place or organisation (`Canada` after `Jean Canada`; `Valls`, a minor town and a
    /// surname, does become `Manuel Valls`).
    private func knownAsPlaceOrOrganisationOnly(_ candidate: Candidate) -> Bool {
        guard candidate.length == 1, candidate.label != .person else { return false }
        let types = singleTypes[candidate.start]
        guard types & Recognition.placeOrOrganisationTypes != 0 else { return false }
        if types & Recognition.personTypes == 0 { return true }
        guard let match = match(exactly: candidate.range) else { return false }
        return gazetteer.entries(of: match).contains { position in
            let entry = gazetteer.entryIndex(at: position)
            let label = gazetteer.type(ofEntry: entry).label
            return (label == .location || label == .organisation) && gazetteer.importance(ofEntry: entry) == .major
                && !gazetteer.flags(ofEntry: entry).contains(.ambiguous)
        }
    }

    /// A relabelled name does not carry the canonical form of an entry of another label (`Dupont` the
    /// person is not the company `DuPont`).
    private func keepCanonicalOnlyIfItsLabel(_ candidate: inout Candidate) {
        if candidate.canonicalEntry >= 0, gazetteer.type(ofEntry: Int(candidate.canonicalEntry)).label != candidate.label {
            candidate.canonicalEntry = -1
        }
    }

    /// The tokens of a span that are not hyphens.
    private func wordCount(_ range: Range<Int>) -> Int {
        var count = 0
        for i in range where !tokens[i].flags.contains(.hyphen) { count += 1 }
        return count
    }

    /// Whether the acronym's letters are the initials of the name's capitalised words (`DSK` for
    /// `Dominique Strauss-Kahn`): a person's acronym must be; `Joseba Beloki (ESP)`, `Emil Frey (PRD)`
    /// name a country and a party.
    private func isInitialism(_ acronym: Int, of name: Range<Int>) -> Bool {
        let letters = doc.keyUnits(of: tokens[acronym]).filter { $0 != 0x2E }
        var initials: [UInt16] = []
        for t in name where tokens[t].isCapitalized {
            if let first = doc.keyUnits(of: tokens[t]).first(where: { $0 != 0x2D }) { initials.append(first) }
        }
        return letters.elementsEqual(initials)
    }

    private func letterCountOf(_ i: Int) -> Int { doc.keyUnits(of: tokens[i]).filter { $0 != 0x2E }.count }

    /// Capitalised words among the eight tokens before `i`, in the same sentence.
    private func capitalisedWordsBefore(_ i: Int) -> Int {
        var count = 0
        var j = i - 1
        while j >= 0 && j >= i - 8 {
            if nameLike[j] { count += 1 }
            if tokens[j].flags.contains(.sentenceStart) { break }
            j -= 1
        }
        return count
    }

    /// The weight of weak mentions for each label, in a chain.
    struct Votes: PerLabel {
        var person = 0.0, organisation = 0.0, location = 0.0

        /// The label with most weight (ties: person, then organisation, then location).
        var best: EntityLabel {
            var best = EntityLabel.person
            if organisation > self[best] { best = .organisation }
            if location > self[best] { best = .location }
            return best
        }
    }
}
