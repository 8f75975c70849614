/// Document rules: one sense per document, after overlaps are resolved. Weights and thresholds:
/// `RuleWeights`, "Document rules".
///
/// - `document.same-name`: a name with sure evidence (score ≥ `RuleWeights.sure`) gives its label to
///   the same name elsewhere, including where it opens a sentence; weak mentions of one name that no
///   sure mention decides take the label most of their weight favours.
/// - `document.person-part`: the words after the first name of a person named in full
///   (score ≥ `documentPersonSource`) make later lone mentions persons (`Antony Blinken` … `Blinken`),
///   also over a one-word lexicon place or organisation weaker than `documentPersonOverLexicon`
///   (`Valls` after `Manuel Valls`); the first name alone counts for a word that needs support.
/// - `document.acronym`: an acronym in parentheses after a name of two words or more takes the name's
///   label (`Organisation du traité de l'Atlantique nord (OTAN)`), or ORG after an unrecognised
///   capitalised phrase (`Opération des Nations unies au Burundi (ONUB)`); its mentions score
///   `documentAcronym`.
extension Recognition {
    func applyDocumentConsistency(_ candidates: [Candidate]) -> [Candidate] {
        var sureLabels: [UInt64: (label: EntityLabel, score: Double)] = [:]
        var personParts: [UInt64: Double] = [:]
        var acronyms: [UInt64: EntityLabel] = [:]
        var firstNames: [UInt64: Double] = [:]

        for candidate in candidates where !candidate.needsDocumentSupport {
            let key = nameKey(candidate.range)
            if candidate.isSure, sureLabels[key].map({ $0.score < candidate.score }) ?? true {
                sureLabels[key] = (candidate.label, candidate.score)
            }
            let words = candidate.range.filter { !tokens[$0].flags.contains(.hyphen) }
            if candidate.label == .person && words.count >= 2 && candidate.score >= RuleWeights.documentPersonSource {
                // Every suffix after the first name: `Le Drian`, `Drian` for `Jean-Yves Le Drian`.
                var firstNameEnd = candidate.start + 1
                while firstNameEnd < candidate.end && tokens[firstNameEnd].isJoinedToPrevious { firstNameEnd += 1 }
                for suffixStart in firstNameEnd..<candidate.end where nameLike[suffixStart] {
                    let part = nameKey(suffixStart..<candidate.end)
                    personParts[part] = max(personParts[part] ?? 0, candidate.score)
                }
                // The first name alone (`Alistair` for `Alistair Brownlee`), weaker than a surname.
                let first = nameKey(candidate.start..<firstNameEnd)
                if personParts[first] == nil && has(singleTypes[candidate.start], .personFirst) {
                    firstNames[first] = candidate.score
                }
            }
            // `Organisation du traité de l'Atlantique nord (OTAN)`.
            let e = candidate.end
            if words.count >= 2, e + 2 < tokens.count, doc.keyEquals(tokens[e], "("), doc.keyEquals(tokens[e + 2], ")"),
               tokens[e + 1].isAllCaps {
                acronyms[nameKey((e + 1)..<(e + 2))] = candidate.label
            }
        }
        // An acronym in parentheses after a capitalised phrase the rules did not recognise is taken
        // for an organisation: `Opération des Nations unies au Burundi (ONUB)`.
        for i in 1..<max(1, tokens.count - 1) where doc.keyEquals(tokens[i - 1], "(") && doc.keyEquals(tokens[i + 1], ")")
            && tokens[i].isAllCaps && letterCountOf(i) >= 3 {
            let key = nameKey(i..<(i + 1))
            if acronyms[key] == nil, i >= 3, nameLike[i - 2] || tokens[i - 2].isLowercaseWord && capitalisedWordsBefore(i - 1) >= 2 {
                acronyms[key] = .organisation
            }
        }

        var votes: [UInt64: [Double]] = [:]
        var updated: [Candidate] = []
        for var candidate in candidates {
            let key = nameKey(candidate.range)
            let isSure = candidate.isSure && !candidate.needsDocumentSupport
            if !isSure {
                if let acronym = acronyms[key], candidate.length == 1 {
                    candidate.label = acronym
                    candidate.source = .rule(.documentAcronym)
                    candidate.score = RuleWeights.documentAcronym
                    candidate.needsDocumentSupport = false
                } else if let sure = sureLabels[key] {
                    if sure.label != candidate.label { candidate.source = .rule(.documentSameName) }
                    candidate.label = sure.label
                    candidate.needsDocumentSupport = false
                } else if personParts[key] != nil || (candidate.length == 1 && firstNames[key] != nil && candidate.needsDocumentSupport) {
                    if candidate.label != .person { candidate.source = .rule(.documentPersonPart) }
                    candidate.label = .person
                    candidate.needsDocumentSupport = false
                }
            } else if candidate.length == 1, candidate.label != .person, personParts[key] != nil, candidate.score < RuleWeights.documentPersonOverLexicon,
                      candidate.source.isLexicon {
                // `Valls` after `Manuel Valls`: the person named in the document, not the town.
                candidate.label = .person
                candidate.source = .rule(.documentPersonPart)
            }
            // `De Gendt` opening a sentence after `Thomas De Gendt`: the particle belongs to the name, when
            // it is in the same sentence and line and no kept entity holds it.
            if candidate.label == .person, candidate.start > 0, tokens[candidate.start - 1].flags.contains(.startsUppercase),
               isSentenceInitial(candidate.start - 1), !tokens[candidate.start].flags.contains(.sentenceStart),
               !lineBreakBetween(candidate.start - 1, candidate.start), updated.last.map({ $0.end < candidate.start }) ?? true,
               personParts[nameKey((candidate.start - 1)..<candidate.end)] != nil {
                candidate.start -= 1
                candidate.canonicalEntry = -1
            }
            keepCanonicalOnlyIfItsLabel(&candidate)
            if candidate.needsDocumentSupport { continue }
            if !candidate.isSure {
                var tally = votes[key] ?? [0, 0, 0]
                tally[Recognition.index(candidate.label)] += candidate.score
                votes[key] = tally
            }
            updated.append(candidate)
        }
        // Weak mentions of one name take the label most of its weak mentions favour.
        for i in updated.indices where !updated[i].isSure {
            guard let tally = votes[nameKey(updated[i].range)] else { continue }
            let bestIndex = tally.indices.max { tally[$0] < tally[$1] }!
            let label = Recognition.labels[bestIndex]
            if label != updated[i].label && tally[bestIndex] > tally[Recognition.index(updated[i].label)] {
                updated[i].label = label
                updated[i].source = .rule(.documentSameName)
                keepCanonicalOnlyIfItsLabel(&updated[i])
            }
        }
        return updated
    }

    /// A relabelled name does not carry the canonical form of an entry of another label (`Dupont` the
    /// person is not the company `DuPont`).
    private func keepCanonicalOnlyIfItsLabel(_ candidate: inout Candidate) {
        if candidate.canonicalEntry >= 0, gazetteer.type(ofEntry: Int(candidate.canonicalEntry)).label != candidate.label {
            candidate.canonicalEntry = -1
        }
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

    static let labels: [EntityLabel] = [.person, .organisation, .location]
    static func index(_ label: EntityLabel) -> Int { labels.firstIndex(of: label)! }
}
