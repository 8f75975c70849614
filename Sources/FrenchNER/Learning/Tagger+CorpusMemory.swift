extension Tagger {
    /// This tagger, tagging with what a corpus taught (`corpus.same-name`); nil forgets it.
    ///
    /// A remembered name decides its unknown or weak mentions (score below `RuleWeights.corpusSameName`,
    /// or a lone word that would need the document's support); the document's own sure mentions still
    /// win (`document.same-name`).
    public func withCorpusMemory(_ memory: CorpusMemory?) -> Tagger {
        var tagger = self
        tagger.corpusMemory = memory
        return tagger
    }

    /// Pass 1 over one document: the names it types surely (score ≥ `RuleWeights.sure` after one sense
    /// per document, and the surnames of persons named in full), without any corpus memory.
    /// - Parameter detail: also record each name's text, source, context, every entity and the
    ///   lower-case words around sure names (for `frner learn`); without it only keys and labels.
    public func names(in text: TextBuffer, detail: Bool = false) -> DocumentNames {
        names(in: tokenizer.tokenize(text), detail: detail)
    }

    /// Pass 1 over an already tokenized document.
    public func names(in doc: TokenizedText, detail: Bool = false) -> DocumentNames {
        let recognition = Recognition(doc: doc, gazetteer: gazetteer, roleTable: roleTable)
        let resolved = OverlapResolution.resolve(recognition.candidates(), tokenCount: doc.tokens.count)
        let final = recognition.applyDocumentConsistency(resolved)
        var result = DocumentNames()
        for candidate in final where recognition.isRememberable(candidate.range) {
            let observed = recognition.observation(of: candidate.range, candidate.label, source: "", detail: false)
            result.typed.append(observed)
            if detail { result.all.append(observed) }
            if candidate.isSure && !candidate.needsDocumentSupport {
                let source = candidate.source.isLexicon ? "lexicon" : candidate.source.rule?.rawValue ?? ""
                var observation = recognition.observation(of: candidate.range, candidate.label, source: source, detail: detail)
                // A portfolio (`ministre de la [Transition écologique]`) is a name only in its context.
                observation.known = observation.known || candidate.source.rule == .organisationPortfolio
                observation.isDefinition = candidate.source.rule == .documentAcronym
                result.sure.append(observation)
                if detail && candidate.source.rule != .organisationPortfolio {
                    recognition.addNeighbours(of: candidate, to: &result.neighbours)
                }
            }
            // The surnames of a person named in full: `Quillifer` for `Mathilde Quillifer`, every suffix
            // after the first name (`De Gendt`, `Gendt`), unless a common word or a known place or organisation.
            let words = candidate.range.filter { !doc.tokens[$0].flags.contains(.hyphen) }.count
            // Not after a first name that is also a place (`France Bleu Roussillon`, the radio).
            if candidate.label == .person && words >= 2 && candidate.score >= RuleWeights.documentPersonSource
                && !recognition.isKnownPlaceOrOrganisation(candidate.start) {
                var firstNameEnd = candidate.start + 1
                while firstNameEnd < candidate.end && doc.tokens[firstNameEnd].isJoinedToPrevious { firstNameEnd += 1 }
                // `frner learn` keeps only the whole surname (`Le Drian`, not `Drian`; not `Gaulle` of `de Gaulle`).
                for start in firstNameEnd..<(detail ? min(firstNameEnd + 1, candidate.end) : candidate.end)
                    where recognition.isUnknownSurname(start..<candidate.end) {
                    result.sure.append(recognition.observation(of: start..<candidate.end, .person, source: "person-part", detail: detail))
                }
            }
        }
        return result
    }
}

extension Recognition {
    /// A mention as pass 1 records it.
    func observation(of range: Range<Int>, _ label: EntityLabel, source: String, detail: Bool) -> NameObservation {
        var observation = NameObservation(name: nameKey(range), label: label, source: source)
        guard detail else { return observation }
        observation.text = doc.string(tokens: range)
        observation.commonWord = range.count == 1 && !commonClasses(range.lowerBound).isEmpty
        // Known to a lexicon as anything (an entity, an event, a product…), or opening with a function word.
        observation.known = match(exactly: range).map { typesOf($0) != 0 } ?? false
        let first = commonClasses(range.lowerBound)
        observation.known = observation.known || first.contains(.function) || first.contains(.grammatical)
            || startsWithPlaceThenPerson(range)
        observation.context = context(of: range)
        return observation
    }

    /// A place, organisation or portfolio glued to a person by the rules: `Paris Anne Hidalgo` (`la maire
    /// de Paris Anne Hidalgo`), `Santé Jérôme Salomon`; `frner learn` leaves it out.
    func startsWithPlaceThenPerson(_ range: Range<Int>) -> Bool {
        let s = range.lowerBound
        if range.count >= 3 && !commonClasses(s).isEmpty && has(singleTypes[s + 1], .personFirst) { return true }
        let others = Recognition.entityTypes & ~EntryType.allCases.filter { $0.label == .person }.reduce(0) { $0 | Recognition.bit($1) }
        guard let place = longestMatch(startingAt: range.lowerBound, types: others), Int(place.end) < range.upperBound else { return false }
        return has(singleTypes[Int(place.end)], .personFirst)
    }

    /// The sentence around a span on one line, at most about 60 characters each side, the span in brackets.
    func context(of range: Range<Int>) -> String {
        let sentence = doc.sentences.first { $0.tokens.contains(range.lowerBound) }?.tokens ?? range
        let start = Int(tokens[sentence.lowerBound].start)
        let end = Int(tokens[max(sentence.upperBound, range.upperBound) - 1].end)
        let nameStart = Int(tokens[range.lowerBound].start)
        let nameEnd = Int(tokens[range.upperBound - 1].end)
        let before = String(doc.text.string(start..<nameStart).suffix(60))
        let after = String(doc.text.string(nameEnd..<max(nameEnd, end)).prefix(60))
        let line = before + "[" + doc.text.string(nameStart..<nameEnd) + "]" + after
        return String(line.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// A surname the corpus may remember from a full name: a capitalised word (with what follows) that
    /// is no common word and no lexicon place or organisation.
    func isUnknownSurname(_ range: Range<Int>) -> Bool {
        let s = range.lowerBound
        // Not a roman numeral or an initial (`II` of `Elizabeth II`, `J.`).
        let shortCapitals = range.count == 1 && tokens[s].isAllCaps && letterCount(s) <= 3
        return nameLike[s] && !shortCapitals && (range.count > 1 || commonClasses(s).isEmpty) && !isKnownPlaceOrOrganisation(s)
    }

    /// Whether a lexicon place or organisation starts at a token.
    func isKnownPlaceOrOrganisation(_ i: Int) -> Bool {
        startingTypes[i] & Recognition.entityTypes & ~EntryType.allCases.filter { $0.label == .person }.reduce(0) { $0 | Recognition.bit($1) } != 0
    }

    /// The lower-case nouns just before and after a sure name that no lexicon or rule word knows.
    func addNeighbours(of candidate: Candidate, to neighbours: inout [ContextWord]) {
        for (i, side) in [(candidate.start - 1, ContextWord.Side.before), (candidate.end, .after)]
            where i >= 0 && i < tokens.count && isUnknownContextWord(i) {
            neighbours.append(ContextWord(word: doc.string(of: tokens[i]).lowercased(), side: side, label: candidate.label))
        }
    }

    private func isUnknownContextWord(_ i: Int) -> Bool {
        let token = tokens[i]
        guard token.kind == .word, token.isLowercaseWord, !token.flags.contains(.hasDigit), token.keyLength >= 3,
              roles[i].isEmpty, singleTypes[i] == 0 else { return false }
        let classes = commonClasses(i)
        return classes.contains(.noun) && !classes.contains(.adjective) && !classes.contains(.function)
            && !classes.contains(.grammatical)
    }
}
