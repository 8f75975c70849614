/// Weighing the evidence for a span: the lexicons, the context before and after, the name's own shape.
/// Each piece of evidence is a named rule (`RuleName`) with a weight; the label with the most weight
/// wins, and its strongest piece of evidence becomes the entity's `source`.
extension Recognition {
    /// The candidate for a span, or nil when the span is not an entity (a product, an event, a
    /// demonym, a title or function on its own, a word inside a longer function).
    func classify(_ span: Range<Int>, prefix: Prefix) -> Candidate? {
        let s = span.lowerBound
        var e = span.upperBound
        let wordCount = span.filter { !tokens[$0].flags.contains(.hyphen) }.count
        var evidence = Evidence()

        // Lexicon entries of exactly this span.
        var lexiconWeight = 0.0
        if let match = match(exactly: span) {
            // Hand-curated knowledge outranks package lists for the same name (`Matignon` the
            // prime minister's office, not the village).
            let curated = gazetteer.entries(of: match).contains { position in
                let entry = gazetteer.entryIndex(at: position)
                return gazetteer.type(ofEntry: entry).label != nil && gazetteer.source(ofEntry: entry) == "curated"
            }
            for position in gazetteer.entries(of: match) {
                let entry = gazetteer.entryIndex(at: position)
                let type = gazetteer.type(ofEntry: entry)
                guard let label = type.label else { continue }
                let flags = gazetteer.flags(ofEntry: entry)
                let caseExact = gazetteer.caseMatches(entry: entry, match: match, in: doc)
                if flags.contains(.exactCase) && !caseExact { continue }
                // Never let an entry written with a capital tag a lower-case word (`La première` is
                // not the radio `La Première`).
                if !caseExact && !caseCompatible(entry: entry, match: match) { continue }
                // Minor aliases (`Tour` for the village `La Tour`) are too weak to stand alone.
                if wordCount == 1 && flags.contains(.alias) && gazetteer.importance(ofEntry: entry) == .minor { continue }
                var weight: Double
                if wordCount >= 2 {
                    weight = flags.contains(.ambiguous) ? 3 : 5
                } else {
                    switch gazetteer.importance(ofEntry: entry) {
                    case .major: weight = 3.5
                    case .notable: weight = 3
                    case .minor: weight = 2.2
                    }
                    if flags.contains(.ambiguous) { weight = 1.4 }
                    if flags.contains(.alias) { weight -= 0.3 }
                    if isSentenceInitial(s) && !commonClasses(s).isEmpty { weight = min(weight, 1.4) }
                }
                if curated && gazetteer.source(ofEntry: entry) != "curated" && gazetteer.importance(ofEntry: entry) != .major {
                    weight *= 0.5
                }
                lexiconWeight = max(lexiconWeight, weight)
                let canonical = gazetteer.canonical(ofEntry: entry)
                evidence.add(label, weight, "lexicon:\(type):\(gazetteer.source(ofEntry: entry))", canonical: canonical)
            }
        }

        // `ministre de l'Intérieur`: the portfolio names the ministry.
        if let portfolioEnd = portfolio(at: s), portfolioEnd >= e {
            return Candidate(start: s, end: e, label: .organisation, score: 3, source: RuleName.organisationPortfolio.rawValue)
        }
        if lexiconWeight == 0, span.count >= 3, isTeamName(span, particle: s + 1) {
            return Candidate(start: s, end: e, label: .organisation, score: 3, source: RuleName.organisationTeam.rawValue)
        }
        // Things that are not PER/ORG/LOC.
        if lexiconWeight < 5 && isNonEntity(span) { return nil }
        // A code with digits (`PT5`, `U23`, `A7`) is a name only when a lexicon knows it (`TF1`, `M6`).
        if wordCount == 1 && lexiconWeight == 0 && tokens[s].flags.contains(.hasDigit) { return nil }
        let nonEntityEntry = match(exactly: span).map { typesOf($0) & Recognition.nonEntityTypes != 0 } ?? false

        let knownOther = evidence.score(.organisation) > 0 || evidence.score(.location) > 0
        addPersonEvidence(span, wordCount: wordCount, prefix: prefix, knownOther: knownOther, to: &evidence)
        addOrganisationEvidence(span, wordCount: wordCount, to: &evidence)
        addLocationEvidence(span, to: &evidence)
        if prefix.placeCue { evidence.add(.location, 4, .locationCue) }

        // Without evidence, a name is kept only if the document names it surely elsewhere.
        var bare = false
        if evidence.isEmpty {
            bare = true
            if wordCount >= 2 {
                evidence.add(.person, 0.5, .defaultMultiword)
            } else {
                // A single letter, or a common noun written with a capital, is not a name by itself.
                if letterCount(s) < 2 { return nil }
                evidence.add(.location, 0.4, .defaultSingle)
            }
        } else if let best = evidence.best, best.score < 2.5, wordCount == 1, lexiconWeight == 0,
                  best.source == RuleName.organisationAcronym.rawValue && best.score < 1.5
                    || (best.source == RuleName.locationPreposition.rawValue || best.source == RuleName.personSpeech.rawValue)
                    && commonClasses(s).contains(.noun) {
            // A preposition or a speech verb is too weak to make a capitalised common noun a name
            // (`en Master`, `au Ski`), and so is a bare acronym: the document must support them.
            bare = true
        }
        // A capitalised common word whose only support is a minor place or name (`Grand`, the village,
        // in `Grand collisionneur`) needs the document to confirm it.
        if let best = evidence.best, wordCount == 1, best.score <= 2.2, best.source.hasPrefix("lexicon:"),
           commonClasses(s).contains(.adjective) || commonClasses(s).contains(.function) {
            bare = true
        }
        guard let best = evidence.best else { return nil }
        // Services, products and other non-entities that share a name with a company (`Facebook`,
        // `YouTube`) are non-entities unless the context names an organisation.
        if nonEntityEntry && best.score - lexiconWeight < 3 { return nil }
        // A name that already has its complement (`Banque de France`) is complete.
        if best.label == .organisation, best.source == RuleName.organisationHead.rawValue,
           !span.contains(where: { roles[$0].contains(.nameParticle) && tokens[$0].isLowercaseWord }) {
            e = extendOrganisation(from: e)
        }
        var candidate = Candidate(start: s, end: e, label: best.label, score: best.score, source: best.source,
                                  canonical: e == span.upperBound ? best.canonical : nil)
        // A capitalised common word opening a sentence needs the document to name it elsewhere.
        if wordCount == 1 && isSentenceInitial(s) && !commonClasses(s).isEmpty && best.score < 4
            && !(lexiconWeight >= 3 && tokens[s].isAllCaps) {
            candidate.needsDocumentSupport = true
        }
        if bare { candidate.needsDocumentSupport = true }
        return candidate
    }

    /// Whether the text could be the entry written in another case: capitals may stand for lower
    /// case (headlines, sentence starts) but a lower-case word never stands for a capitalised one.
    func caseCompatible(entry: Int, match: GazetteerMatch) -> Bool {
        let shape = gazetteer.entryShapes[entry]
        var position = 0
        for t in Int(match.start)..<Int(match.end) {
            let token = tokens[t]
            if token.flags.contains(.hyphen) && token.isJoinedToPrevious { continue }
            guard position < 16 else { break }
            let expected = (shape >> (2 * UInt32(position))) & 3
            if expected >= 2 && Gazetteer.shapeCode(token) == 1 { return false }
            position += 1
        }
        return true
    }

    func isSentenceInitial(_ i: Int) -> Bool {
        tokens[i].flags.contains(.sentenceStart) || (i > 0 && isOpeningPunctuation(i - 1))
            || inHeadline[i]
    }

    // MARK: - Not an entity

    static let cueTypes: UInt64 = bit(.title) | bit(.function) | bit(.organisationHead) | bit(.legalForm)
        | bit(.placeCue) | bit(.placeHead) | bit(.speech)

    /// Products, events, works, demonyms, a cue on its own, or a word inside a longer cue or
    /// non-entity (`Affaires` in `ministre des Affaires étrangères`, `Coupe` in `Coupe du monde`).
    func isNonEntity(_ span: Range<Int>) -> Bool {
        let s = span.lowerBound, e = span.upperBound
        let entity = Recognition.entityTypes
        // A known entity keeps its own span inside a product or event (`Boeing` in `Boeing 737`,
        // `Minsk` in `accords de Minsk`), as news annotation does.
        let knownEntity = entityMatch(exactly: span) != nil
        for start in max(0, s - 8)...s {
            for m in matches(startingAt: start) where Int(m.end) >= e {
                let types = typesOf(m)
                if types & entity != 0 && Int(m.start) == s && Int(m.end) == e { continue }
                if types & Recognition.nonEntityTypes != 0 && types & entity == 0 && !knownEntity { return true }
                let longer = Int(m.start) < s || Int(m.end) > e
                if longer && types & (Recognition.bit(.function) | Recognition.bit(.title)) != 0 && types & entity == 0 {
                    return true
                }
            }
        }
        if let match = match(exactly: span) {
            let types = typesOf(match)
            if types & entity == 0 {
                if types & Recognition.bit(.demonym) != 0 { return true }
                // A cue alone: `Président`, `Ministre`; an organisation head alone is kept (`l'Assemblée`).
                if types & Recognition.cueTypes != 0 && types & Recognition.bit(.organisationHead) == 0 { return true }
                if types & Recognition.bit(.organisationHead) != 0 && isSentenceInitial(s) { return true }
            } else if types & Recognition.bit(.demonym) != 0 {
                // `la Suisse`, `en Argentine` (a place) against `le Suisse`, `les Argentins`,
                // `un Suisse` (people): a masculine or plural article before the name means people.
                // Only a demonym written as in the text counts (`Philippines` is not `philippines`).
                let demonymAsWritten = gazetteer.entries(of: match).contains { position in
                    let entry = gazetteer.entryIndex(at: position)
                    return gazetteer.type(ofEntry: entry) == .demonym && gazetteer.caseMatches(entry: entry, match: match, in: doc)
                }
                // A country whose name is itself plural (`les Philippines`) stays a place after `les`.
                let pluralCountry = types & Recognition.bit(.country) != 0 && doc.text.utf16[Int(tokens[e - 1].end) - 1] == 0x73
                if demonymAsWritten, s > 0, ["le", "les", "des", "un", "du", "aux"].contains(doc.key(of: tokens[s - 1])),
                   !(pluralCountry && ["les", "des", "aux"].contains(doc.key(of: tokens[s - 1]))) {
                    return true
                }
            }
        }
        return false
    }

    /// When `s` starts a minister's portfolio (`ministre de l'Intérieur`, `ministre des Affaires
    /// étrangères`), the end of the portfolio.
    func portfolio(at s: Int) -> Int? {
        // `ministre du Canada`: a place is the minister's country, not a portfolio.
        guard nameLike[s], s >= 2, startingTypes[s] & Recognition.locationTypes == 0 else { return nil }
        var j = s - 1
        if roles[j].contains(.secondParticle) { j -= 1 }
        guard j >= 1, roles[j].contains(.complement) || doc.keyEquals(tokens[j], "a") else { return nil }
        let head = tokens[j - 1]
        guard doc.keyEquals(head, "ministre") || doc.keyEquals(head, "ministres")
                || doc.keyEquals(head, "etat") && j >= 3 && doc.keyEquals(tokens[j - 3], "secretaire")
        else { return nil }
        var e = s + 1
        // The portfolio is a name joined by hyphens, particles or adjectives; a person may follow it
        // directly (`ministre de l'Intérieur Bernard Cazeneuve`).
        while e < tokens.count, !(nameLike[e] && !tokens[e].isJoinedToPrevious), let next = extendName(from: e),
              !tokens[e].flags.contains(.sentenceStart) { e = next }
        return e
    }

    // MARK: - Persons

    /// - Parameter knownOther: a lexicon knows the span as an organisation or place; then clues that
    ///   only suggest a person (an apposition, a speech verb) count half.
    private func addPersonEvidence(_ span: Range<Int>, wordCount: Int, prefix: Prefix, knownOther: Bool,
                                   to evidence: inout Evidence) {
        let s = span.lowerBound, e = span.upperBound
        let weak = knownOther ? 0.5 : 1.0
        if prefix.title || (s > 0 && has(endingTypes[s - 1], .title)) {
            evidence.add(.person, 5, .personTitle)
        }
        if prefix.function || functionBefore(s) {
            evidence.add(.person, 4, .personFunction)
        }
        if prefix.demonym || (s > 0 && has(singleTypes[s - 1], .demonym) && tokens[s - 1].flags.contains(.startsUppercase)) {
            evidence.add(.person, 2.5, .personDemonym)
        }
        if appositionAfter(e) {
            evidence.add(.person, 3 * weak, .personApposition)
        }
        if wordCount >= 2 {
            // A function word is never a first name (`La`, `Le`, `Un` are in some name lists), and a
            // compound ending in a common noun is a place or thing (`Basse-Ville`).
            let compoundOfNoun = span.dropFirst().allSatisfy { tokens[$0].isJoinedToPrevious }
                && commonClasses(e - 1).contains(.noun)
            if has(singleTypes[s], .personFirst) && !commonClasses(s).contains(.function) && !roles[s].contains(.article)
                && !compoundOfNoun {
                let ambiguous = firstNameIsAmbiguous(s)
                var weight = ambiguous ? 1.8 : 2.5
                if has(singleTypes[e - 1], .personLast) { weight += 0.5 }
                evidence.add(.person, weight, .personFirstName)
            } else if has(singleTypes[e - 1], .personLast) && wordCount == 2 && !tokens[s].isAllCaps && !compoundOfNoun {
                evidence.add(.person, 0.8, .personFirstName)
            }
        }
        if e < tokens.count, has(startingTypes[e], .speech) {
            evidence.add(.person, 1.5 * weak, .personSpeech)
        }
        if s > 0, roles[s - 1].contains(.according) {
            evidence.add(.person, 1.2 * weak, .personSpeech)
        }
        if s > 0, roles[s - 1].contains(.chez) {
            evidence.add(.person, 1 * weak, .personSpeech)
        }
    }

    private func firstNameIsAmbiguous(_ i: Int) -> Bool {
        guard let match = match(exactly: i..<(i + 1)) else { return false }
        return gazetteer.entries(of: match).contains { position in
            let entry = gazetteer.entryIndex(at: position)
            return gazetteer.type(ofEntry: entry) == .personFirst && gazetteer.flags(ofEntry: entry).contains(.ambiguous)
        }
    }

    /// A function just before the name, possibly with nationality adjectives and a comma between:
    /// `le président américain Joe Biden`, `le ministre de l'Intérieur, Bernard Cazeneuve`.
    func functionBefore(_ s: Int) -> Bool {
        var j = s - 1
        if j >= 0, tokens[j].kind == .punctuation, doc.keyEquals(tokens[j], ",") { j -= 1 }
        return cue(.function, endingAt: j, lowercaseOnly: false)
    }

    /// Whether a cue of `type` ends at token `j`, or just before at most two lower-case adjectives or
    /// nationalities (`le président américain`, `le constructeur automobile français`).
    private func cue(_ type: EntryType, endingAt j: Int, lowercaseOnly: Bool) -> Bool {
        var j = j
        var skipped = 0
        while j >= 0 {
            if has(endingTypes[j], type) && (!lowercaseOnly || tokens[j].isLowercaseWord) { return true }
            guard skipped < 2, tokens[j].isLowercaseWord, roles[j].isEmpty,
                  has(singleTypes[j], .demonym) || commonClasses(j).contains(.adjective) else { return false }
            j -= 1
            skipped += 1
        }
        return false
    }

    /// `X, ministre de…`, `X, l'ancien président`, `X, 45 ans,`.
    func appositionAfter(_ e: Int) -> Bool {
        guard e + 1 < tokens.count, doc.keyEquals(tokens[e], ",") else { return false }
        var j = e + 1
        if tokens[j].kind == .number, j + 1 < tokens.count, roles[j + 1].contains(.years) { return true }
        var steps = 0
        while j < tokens.count && steps < 3 {
            if has(startingTypes[j], .function) { return true }
            guard roles[j].contains(.article) || roles[j].contains(.functionModifier) || tokens[j].flags.contains(.hyphen)
            else { return false }
            j += 1
            steps += 1
        }
        return false
    }

    // MARK: - Organisations

    private func addOrganisationEvidence(_ span: Range<Int>, wordCount: Int, to evidence: inout Evidence) {
        let s = span.lowerBound, e = span.upperBound
        // A capitalised head: `Banque mondiale`, `Grande Mosquée de Valence`, `Emirates Airlines`.
        if has(singleTypes[s], .organisationHead) && !isSentenceInitial(s) || (wordCount >= 2 && has(singleTypes[s], .organisationHead)) {
            // A head alone stands for a known body (`l'Assemblée`, `le Parlement`).
            evidence.add(.organisation, wordCount >= 2 ? 4 : 2.5, .organisationHead)
        } else if wordCount >= 2, s + 1 < e, has(singleTypes[s + 1], .organisationHead), nameLike[s + 1] {
            evidence.add(.organisation, 3.5, .organisationHead)
        } else if wordCount >= 2, has(singleTypes[e - 1], .organisationHead), nameLike[e - 1] {
            evidence.add(.organisation, 3, .organisationHead)
        }
        if e < tokens.count, has(startingTypes[e], .legalForm) {
            evidence.add(.organisation, 4, .organisationLegalForm)
        } else if wordCount >= 2, let legal = matchEnding(at: e - 1, types: Recognition.bit(.legalForm)), Int(legal.start) > s {
            // `Quillifer SA`, `Acme Inc.`: the legal form ends the name.
            evidence.add(.organisation, 4, .organisationLegalForm)
        }
        if organisationNounBefore(s) {
            evidence.add(.organisation, 3, .organisationApposition)
        }
        if wordCount == 1, tokens[s].isAllCaps, letterCount(s) >= 2, commonClasses(s).isEmpty || !inHeadline[s] {
            // After an article (`la KRTX`, `l'O.K.R.T.`) an unknown acronym is an organisation.
            let afterArticle = s > 0 && roles[s - 1].contains(.article)
            evidence.add(.organisation, afterArticle ? 2 : 1.2, .organisationAcronym)
        }
    }

    private func letterCount(_ i: Int) -> Int {
        doc.keyUnits(of: tokens[i]).filter { $0 != 0x2E }.count
    }

    /// `la société Renault`, `le constructeur automobile français Renault`, `le quotidien Le Monde`.
    func organisationNounBefore(_ s: Int) -> Bool {
        cue(.organisationHead, endingAt: s - 1, lowercaseOnly: true)
    }

    /// Extends an organisation name after its head: adjectives, then up to two `de` complements
    /// (`Banque centrale européenne`, `Conseil de sécurité des Nations unies`).
    func extendOrganisation(from end: Int) -> Int {
        var e = end
        let n = tokens.count
        while e < n, tokens[e].isLowercaseWord, isNameAdjective(e), !lineBreakBetween(e - 1, e) { e += 1 }
        var complements = 0
        while complements < 2, e < n, roles[e].contains(.complement), tokens[e].isLowercaseWord {
            var j = e + 1
            if j < n, roles[j].contains(.secondParticle), tokens[j].isLowercaseWord { j += 1 }
            guard j < n else { break }
            if nameLike[j], !tokens[j].flags.contains(.sentenceStart) {
                // A name complement ends the organisation's name (`Grande Mosquée de Valence`).
                var k = j + 1
                while k < n, nameLike[k] || tokens[k].flags.contains(.hyphen), let next = extendName(from: k) { k = next }
                e = k
                break
            } else if j <= e + 2, tokens[j].isLowercaseWord, tokens[j].kind == .word,
                      roles[j].isEmpty, !commonClasses(j).contains(.verb), !commonClasses(j).contains(.function) {
                e = j + 1
            } else {
                break
            }
            while e < n, tokens[e].isLowercaseWord, isNameAdjective(e) { e += 1 }
            complements += 1
        }
        return e
    }

    /// A demonym, or an adjective that is neither a verb nor a grammatical word (`avant`, `après`,
    /// `sur`, `tout` are adjectives too, but after a name they start the sentence's next phrase).
    private func isNameAdjective(_ i: Int) -> Bool {
        guard roles[i].isEmpty, !commonClasses(i).contains(.verb), !commonClasses(i).contains(.grammatical) else { return false }
        return has(singleTypes[i], .demonym) || commonClasses(i).contains(.adjective) || isInflectedAdjective(i)
    }

    /// `nationale`, `royales`, `internationaux`: the word list knows the masculine singular as an
    /// adjective but not every inflection.
    private func isInflectedAdjective(_ i: Int) -> Bool {
        var key = Array(doc.keyUnits(of: tokens[i]))
        guard key.count > 4 else { return false }
        let s = UInt16(UInt8(ascii: "s")), e = UInt16(UInt8(ascii: "e")), x = UInt16(UInt8(ascii: "x"))
        var candidates: [[UInt16]] = []
        if key.last == s || key.last == x { key.removeLast() }
        if key.last == e { candidates.append(Array(key.dropLast())) }
        candidates.append(key)
        if key.suffix(2) == [UInt16(UInt8(ascii: "a")), UInt16(UInt8(ascii: "u"))] { // internationaux → international
            candidates.append(Array(key.dropLast(2)) + [UInt16(UInt8(ascii: "a")), UInt16(UInt8(ascii: "l"))])
        }
        return candidates.contains { gazetteer.commonWordClasses(keyID: gazetteer.keys.lookup($0)).contains(.adjective) }
    }

    // MARK: - Locations

    private func addLocationEvidence(_ span: Range<Int>, to evidence: inout Evidence) {
        let s = span.lowerBound, e = span.upperBound
        if s > 0 {
            if has(endingTypes[s - 1], .placeCue) {
                evidence.add(.location, 4, .locationCue)
            } else if s > 1, roles[s - 1].contains(.complement), has(endingTypes[s - 2], .placeCue) {
                evidence.add(.location, 4, .locationCue)
            }
            let role = roles[s - 1]
            // `a` (has) folds like `à`: only the accented form is the preposition.
            let isBareA = doc.keyEquals(tokens[s - 1], "a") && doc.text.utf16[Int(tokens[s - 1].start)] | 0x20 == 0x61
            if role.contains(.placePreposition) && !isBareA {
                let before = tokens[s - 1]
                let strong = doc.keyEquals(before, "en") || doc.keyEquals(before, "au") || doc.keyEquals(before, "aux")
                evidence.add(.location, strong ? 2 : 1.5, .locationPreposition)
            } else if role.contains(.weakPlacePreposition) {
                evidence.add(.location, 0.8, .locationPreposition)
            } else if s > 1, roles[s - 1].contains(.complement), doc.keyEquals(tokens[s - 2], "pres") {
                evidence.add(.location, 1.5, .locationPreposition)
            } else if s > 1, roles[s - 1].contains(.article), doc.keyEquals(tokens[s - 2], "dans") {
                // `dans le Var`
                evidence.add(.location, 1.2, .locationPreposition)
            }
            // `le lac Vexholm`, `le mont Ventoux`: a lower-case place head before the name (the
            // candidate with the head, from `placeHeadCandidates`, is longer and wins).
            if tokens[s - 1].isLowercaseWord, has(endingTypes[s - 1], .placeHead) {
                evidence.add(.location, 3.5, .locationHead)
            } else if s > 1, tokens[s - 2].isLowercaseWord, roles[s - 1].contains(.complement),
                      has(endingTypes[s - 2], .placeHead) {
                evidence.add(.location, 3, .locationHead)
            }
        }
        if has(singleTypes[s], .placeHead), e - s >= 2, nameLike[s] {
            evidence.add(.location, 4, .locationHead)
        }
        if hasPlaceShape(span) {
            evidence.add(.location, 2, .locationShape)
        }
    }

    /// Folded keys (`lès` folds to `les`).
    static let placeJoiners: Set<String> = ["sur", "sous", "en", "les", "le", "la", "aux", "d'", "de", "du", "des", "l'"]

    /// `Saint-Xxx`, `Xxx-sur-Yyy`, `Xxx-en-Yyy`, `Xxx-lès-Yyy`.
    func hasPlaceShape(_ span: Range<Int>) -> Bool {
        let s = span.lowerBound
        if span.count >= 3, ["saint", "sainte"].contains(doc.key(of: tokens[s])),
           tokens[s + 1].flags.contains(.hyphen), tokens[s + 1].isJoinedToPrevious { return true }
        for i in span.dropFirst() where tokens[i].isLowercaseWord && tokens[i].isJoinedToPrevious && i > s
            && tokens[i - 1].flags.contains(.hyphen) && i + 1 < span.upperBound && tokens[i + 1].flags.contains(.hyphen) {
            if Recognition.placeJoiners.contains(doc.key(of: tokens[i])) { return true }
        }
        return false
    }
}
