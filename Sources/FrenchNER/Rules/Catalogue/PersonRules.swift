/// Rules that vote for a person (PER). Weights: `RuleWeights`, "Person rules".
extension RuleCatalogue {
    static let person: [EvidenceRule] = [
        personTitle, personFunction, personDemonym, personApposition, personFirstName, personSpeech,
        personAccording, personChez,
    ]

    /// `M. Antony Blinken`, `Mme Hidalgo`, `Dr Dupont`: a title just before the name (outside the span).
    static let personTitle = EvidenceRule(.personTitle, votes: .person, weight: RuleWeights.personTitle) { r, span in
        span.prefix.title || (span.start > 0 && r.has(r.endingTypes[span.start - 1], .title))
    }

    /// `le président américain Joe Biden`, `le ministre de l'Intérieur, Bernard Cazeneuve`: a function
    /// before the name, possibly with nationality adjectives and a comma between.
    static let personFunction = EvidenceRule(.personFunction, votes: .person, weight: RuleWeights.personFunction) { r, span in
        span.prefix.function || r.functionBefore(span.start)
    }

    /// `l'Espagnol Mario Mola`: a capitalised demonym noun before the name (outside the span).
    static let personDemonym = EvidenceRule(.personDemonym, votes: .person, weight: RuleWeights.personDemonym) { r, span in
        span.prefix.demonym
            || (span.start > 0 && r.has(r.singleTypes[span.start - 1], .demonym)
                && r.tokens[span.start - 1].flags.contains(.startsUppercase))
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
            var weight = r.firstNameIsAmbiguous(s) ? RuleWeights.personFirstNameAmbiguous : RuleWeights.personFirstName
            if r.has(r.singleTypes[e - 1], .personLast) { weight += RuleWeights.personFirstNameKnownSurname }
            return weight
        }
        if r.has(r.singleTypes[e - 1], .personLast) && span.wordCount == 2 && !r.tokens[s].isAllCaps && !compoundOfNoun {
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

    /// `chez Dupont`: at someone's place (or a company's: `chez Renault` is often ORG, hence the low weight).
    static let personChez = EvidenceRule(.personChez, votes: .person, weight: RuleWeights.personChez,
                                         halvedWhenKnownOther: true, loneWord: .notOnCommonNoun) { r, span in
        span.start > 0 && r.roles[span.start - 1].contains(.chez)
    }
}
