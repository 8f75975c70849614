/// Rules that vote for a person (PER). Weights: `RuleWeights`, "Person rules".
extension RuleCatalogue {
    static let person: [EvidenceRule] = [
        personTitle, personFunction, personDemonym, personApposition, personFirstName, personSpeech,
        personAccording, personChez, personLeader, personRegnalNumeral, personInitial, personList,
    ]

    /// `E. Macron`, `J. Quillifer`, `Karabatic L.`: a capital initial and its period before a
    /// capitalised surname, or after it (score sheets); two words in all.
    static let personInitial = EvidenceRule(.personInitial, votes: .person, weight: RuleWeights.personInitial,
                                            halvedWhenKnownOther: true) { r, span in
        guard span.wordCount == 2, !span.prefix.title else { return false }
        let s = span.start, last = span.end - 1
        // Not a function word, which after a letter's period opens the next sentence (`tome A. Puis`).
        if r.isInitial(s) {
            return r.tokens[last].isCapitalized && !r.isInitial(last) && !r.commonClasses(last).contains(.function)
        }
        // `Karabatic L.`, not `Radio J.`: the surname is no common word unless a known surname.
        return r.isInitial(last) && r.tokens[s].isCapitalized
            && (r.commonClasses(s).isEmpty || r.has(r.singleTypes[s], .personLast))
    }

    static let personCandidates: [CandidateRule] = [personRegnalEpithet]

    /// `Ramsès II`, `Childéric Ier`: a capitalised word and a Roman numeral up to XXXIX (two words in
    /// all), the word no known place or organisation (`Vatican II`, `Paris VIII` are not persons).
    /// The word is a known first name or no common word (`Golf VIII`, `Roadster II` are models).
    static let personRegnalNumeral = EvidenceRule(.personRegnal, votes: .person, weight: RuleWeights.personRegnalNumeral) { r, span in
        let s = span.start
        return span.span.count == 2 && r.tokens[s].isCapitalized && r.isRomanNumeral(span.end - 1)
            && r.singleTypes[s] & (Recognition.locationTypes | Recognition.organisationTypes) == 0
            && (r.has(r.singleTypes[s], .personFirst) || r.commonClasses(s).isEmpty)
    }

    /// `Charles le Chauve`, `Jeanne la Folle`, `Philippe le Bel`: a known first name, `le` or `la`, and
    /// a capitalised common word (the epithet) make one person, not a place named like the epithet.
    static let personRegnalEpithet = CandidateRule(name: .personRegnal, label: .person,
                                                   weight: RuleWeights.personRegnalEpithet) { r in
        var found: [(span: Range<Int>, weight: Double)] = []
        let tokens = r.tokens, n = tokens.count
        for i in r.ruleStarts.firstNames where i < n - 2 {
            let article = tokens[i + 1]
            guard article.isLowercaseWord, r.doc.keyEquals(article, "le") || r.doc.keyEquals(article, "la"),
                  r.nameLike[i + 2], tokens[i + 2].isCapitalized, !tokens[i + 2].flags.contains(.sentenceStart),
                  !r.commonClasses(i + 2).isEmpty, !r.commonClasses(i + 2).contains(.grammatical),
                  i + 3 >= n || !r.nameLike[i + 3] else { continue }
            found.append((i..<(i + 3), RuleWeights.personRegnalEpithet))
        }
        return found
    }

    /// `M. Antony Blinken`, `Mme Hidalgo`, `Dr Dupont`: a title just before the name (outside the span).
    static let personTitle = EvidenceRule(.personTitle, votes: .person, weight: RuleWeights.personTitle) { r, span in
        span.prefix.title || (span.start > 0 && r.has(r.endingTypes[span.start - 1], .title))
    }

    /// `le président américain Joe Biden`, `le ministre de l'Intérieur, Bernard Cazeneuve`: a function
    /// before the name, possibly with nationality adjectives and a comma between. Halved on a known
    /// organisation or place: `une élue Les Républicains` names her party.
    static let personFunction = EvidenceRule(.personFunction, votes: .person, weight: RuleWeights.personFunction,
                                             halvedWhenKnownOther: true) { r, span in
        // `la députée Agir`, `les élus Horizons`: an elected office names its party, even one whose
        // name is also a common word.
        if let known = span.exactMatch, r.typesOf(known) & Recognition.bit(.party) != 0 { return false }
        return span.prefix.function || r.functionBefore(span.start)
    }

    /// `l'Espagnol Mario Mola`: a capitalised demonym noun before the name (outside the span).
    /// Also written in lower case right after an article (`l'américain River Radamus`).
    static let personDemonym = EvidenceRule(.personDemonym, votes: .person, weight: RuleWeights.personDemonym) { r, span in
        let s = span.start
        return span.prefix.demonym
            || (s > 0 && r.has(r.singleTypes[s - 1], .demonym)
                && (r.tokens[s - 1].flags.contains(.startsUppercase) || s > 1 && r.roles[s - 2].contains(.article)))
    }

    /// `Matt Hall, Aliy Zirkle et Ed Hopkins`, `Thierry et Véronique Roy`: a name in a list whose
    /// neighbour across `,`, `et` or `ou` opens with a known first name and has a surname.
    static let personList = EvidenceRule(.personList, votes: .person, weight: RuleWeights.personList,
                                         halvedWhenKnownOther: true, loneWord: .notOnCommonNoun) { r, span in
        r.listNeighbourIsPerson(after: span.end) || r.listNeighbourIsPerson(before: span.start)
    }

    /// `X, ministre de…`, `X, l'ancien président`, `X, 45 ans,`: an apposition after the name.
    static let personApposition = EvidenceRule(.personApposition, votes: .person, weight: RuleWeights.personApposition,
                                               halvedWhenKnownOther: true) { r, span in
        r.appositionAfter(span.end)
    }

    /// `Mathilde Panot`: a known first name (not a function word or an article) followed by a
    /// capitalised word; `RuleWeights.personFirstNameAmbiguous` for a first name that is also a common
    /// word, plus `personFirstNameKnownSurname` when the last word is a known surname. Without a
    /// known first name, two words ending in a known surname: `RuleWeights.personSurnameOnly`.
    /// Never a compound ending in a common noun (`Basse-Ville`).
    static let personFirstName = EvidenceRule(.personFirstName, votes: .person, weight: RuleWeights.personFirstName) { r, span in
        let s = span.start, e = span.end
        guard span.wordCount >= 2 else { return nil }
        let compoundOfNoun = span.span.dropFirst().allSatisfy { r.tokens[$0].isJoinedToPrevious }
            && r.commonClasses(e - 1).contains(.noun)
        if r.has(r.singleTypes[s], .personFirst) && !r.commonClasses(s).contains(.function) && !r.roles[s].contains(.article)
            && !compoundOfNoun {
            // An organisation that is also a rare first name names a product or a part of itself
            // (`Porsche Taycan`, `Bentley Mulsanne`, `Williams Advanced Engineering`), not a person.
            if r.isRareFirstNameOfOrganisation(s) { return nil }
            // An organisation of two words or more opening the span names a branch or a product
            // (`France Bleu Hérault`, `Aston Martin Vantage`), not a person; not a hyphenated first
            // name that is also a title (`Marie-Claire Blais`).
            if let organisation = r.longestMatch(startingAt: s, types: Recognition.organisationTypes),
               Int(organisation.end) - s >= 2, Int(organisation.end) < e, !r.tokens[s + 1].isJoinedToPrevious { return nil }
            var weight = r.firstNameIsAmbiguous(s) ? RuleWeights.personFirstNameAmbiguous : RuleWeights.personFirstName
            if r.has(r.singleTypes[e - 1], .personLast) { weight += RuleWeights.personFirstNameKnownSurname }
            return weight
        }
        // Not after a common word (`Joyeux Noël`, `Piano Black`).
        if r.has(r.singleTypes[e - 1], .personLast) && span.wordCount == 2 && !r.tokens[s].isAllCaps && !compoundOfNoun
            && r.commonClasses(s).isEmpty {
            return RuleWeights.personSurnameOnly
        }
        return nil
    }

    /// `X a déclaré`, `X estime`: a speech verb right after the name.
    static let personSpeech = EvidenceRule(.personSpeech, votes: .person, weight: RuleWeights.personSpeech,
                                           halvedWhenKnownOther: true, loneWord: .notOnCommonNoun) { r, span in
        span.end < r.tokens.count && r.has(r.startingTypes[span.end], .speech)
    }

    /// `selon X`, `d'après X`: the source of a quotation.
    static let personAccording = EvidenceRule(.personAccording, votes: .person, weight: RuleWeights.personAccording,
                                              halvedWhenKnownOther: true, loneWord: .notOnCommonNoun) { r, span in
        span.start > 0 && r.roles[span.start - 1].contains(.according)
    }

    /// `le gouvernement Valls`, `l'administration Obama`, `le régime Assad`, `le quinquennat Hollande`: a
    /// government or time in office takes its leader's name, a person (as news annotation types it),
    /// not the organisation `organisation.apposition` would see after `gouvernement`. One or two words
    /// (`le clan Le Pen`), not a known place or organisation (halved).
    static let personLeader = EvidenceRule(.personLeader, votes: .person, weight: RuleWeights.personLeader,
                                           halvedWhenKnownOther: true, loneWord: .notOnCommonNoun) { r, span in
        r.leaderNounBefore(span.start) && span.wordCount <= 2 && !r.tokens[span.start].isAllCaps
    }

    /// `chez Dupont`: at someone's place (or a company's: `chez Renault` is often ORG, hence the low weight).
    static let personChez = EvidenceRule(.personChez, votes: .person, weight: RuleWeights.personChez,
                                         halvedWhenKnownOther: true, loneWord: .notOnCommonNoun) { r, span in
        span.start > 0 && r.roles[span.start - 1].contains(.chez)
    }
}
