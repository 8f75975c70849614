/// Rules that vote for, or decide, an organisation (ORG). Weights: `RuleWeights`, "Organisation rules".
extension RuleCatalogue {
    static let organisationCandidates: [CandidateRule] = [organisationLowercaseHead]

    static let organisation: [EvidenceRule] = [
        organisationHead, organisationLegalForm, organisationApposition, organisationAcronym, organisationList,
        organisationMemberOf, organisationBranch,
    ]

    /// `France Bleu Hérault`, `Crédit Agricole Alpes Provence`, `Sanofi France`: a known organisation of
    /// two words or more (not a hyphenated first name: `Marie-Claire`), or of one word that names nothing
    /// else, followed by one or more known places, and nothing else, is the organisation's branch there.
    static let organisationBranch = EvidenceRule(.organisationBranch, votes: .organisation,
                                                 weight: RuleWeights.organisationBranch) { r, span in
        let s = span.start, e = span.end
        guard s + 1 < e, !r.tokens[s + 1].isJoinedToPrevious,
              let organisation = r.longestMatch(startingAt: s, types: Recognition.organisationTypes),
              Int(organisation.end) < e,
              Int(organisation.end) - s >= 2 || r.isUnambiguousOrganisation(s) else { return false }
        var i = Int(organisation.end)
        while i < e, let place = r.longestMatch(startingAt: i, types: Recognition.locationTypes), Int(place.end) <= e {
            i = Int(place.end)
        }
        return i == e
    }

    /// `Facebook, Instagram`, `Snecma et Zorbak`: a name in a list whose neighbour across `,`, `et` or
    /// `ou` is a known organisation (an entry of no other label, not ambiguous).
    static let organisationList = EvidenceRule(.organisationList, votes: .organisation, weight: RuleWeights.organisationList,
                                               loneWord: .notOnCommonNoun) { _, span in
        span.listNeighbourAfter == .organisation || span.listNeighbourBefore == .organisation
    }

    /// `Banque mondiale`, `Grande Mosquée de Valence`, `l'Assemblée`: a capitalised organisation head
    /// opens the name (`organisationHeadInName`; alone, not opening a sentence: `organisationHeadAlone`,
    /// and with no adjective or complement after it `organisationHeadBare`, which needs the document),
    /// or is its second word (`Emirates Airlines`… `organisationHeadSecond`) or its last
    /// (`organisationHeadLast`). The name then extends over adjectives and `de` complements.
    static let organisationHead = EvidenceRule(.organisationHead, votes: .organisation,
                                               weight: RuleWeights.organisationHeadInName,
                                               loneWord: .notOnCommonNoun,
                                               extendsOrganisationName: true) { r, span in
        let s = span.start, e = span.end
        if r.has(r.singleTypes[s], .organisationHead) && !r.isSentenceInitial(s)
            || (span.wordCount >= 2 && r.has(r.singleTypes[s], .organisationHead)) {
            if span.wordCount >= 2 { return RuleWeights.organisationHeadInName }
            // `l'Institut`, `l'Ordre`, `l'Église` with nothing after: a capitalised common noun that
            // needs the document's support (`EvidenceRule.LoneWord.notOnCommonNoun`).
            return r.extendOrganisation(from: e) > e ? RuleWeights.organisationHeadAlone : RuleWeights.organisationHeadBare
        }
        if span.wordCount >= 2, s + 1 < e, r.has(r.singleTypes[s + 1], .organisationHead), r.nameLike[s + 1] {
            return RuleWeights.organisationHeadSecond
        }
        if span.wordCount >= 2, r.has(r.singleTypes[e - 1], .organisationHead), r.nameLike[e - 1] {
            return RuleWeights.organisationHeadLast
        }
        return nil
    }

    /// `Dupont SA`, `Acme Inc.`: a legal form right after the name, or ending it.
    static let organisationLegalForm = EvidenceRule(.organisationLegalForm, votes: .organisation,
                                                    weight: RuleWeights.organisationLegalForm) { r, span in
        if span.end < r.tokens.count, r.has(r.startingTypes[span.end], .legalForm) { return true }
        guard span.wordCount >= 2, let legal = r.matchEnding(at: span.end - 1, types: Recognition.bit(.legalForm)) else {
            return false
        }
        return Int(legal.start) > span.start
    }

    /// `la société Renault`, `le constructeur automobile français Renault`, `le quotidien Le Monde`:
    /// a lower-case noun naming a kind of organisation before the name (outside the span).
    static let organisationApposition = EvidenceRule(.organisationApposition, votes: .organisation,
                                                     weight: RuleWeights.organisationApposition) { r, span in
        r.organisationNounBefore(span.start)
    }

    /// `le PDG de Niantic`, `les salariés de Vexholm`, `l'entraîneur de Vexholm`, `le directeur
    /// général de Vexholm`: a role held in an organisation (`organisationMemberNouns`, an adjective
    /// allowed after it), `de`/`du`/`d'`, then the name: the organisation. Halved on a known place
    /// (`le président de la Tunisie`), not alone on a common noun.
    static let organisationMemberOf = EvidenceRule(.organisationMemberOf, votes: .organisation,
                                                   weight: RuleWeights.organisationMemberOf,
                                                   halvedWhenKnownOther: true, loneWord: .notOnCommonNoun) { r, span in
        r.organisationMemberBefore(span.start)
    }

    /// Nouns for a role held in an organisation, or its people and parts, before `de` and the
    /// organisation's name (folded keys; tested through `RuleWords.Lists`). Not nouns that as often
    /// take a place (`maire`, `usine`, `siège`).
    static let organisationMemberNouns: Set<String> = [
        "pdg", "dg", "ceo", "patron", "patronne", "patrons", "fondateur", "fondatrice", "fondateurs", "cofondateur",
        "cofondatrice", "dirigeant", "dirigeante", "dirigeants", "actionnaire", "actionnaires", "salarie", "salariee",
        "salaries", "salariees", "employe", "employee", "employes", "employees", "filiale", "filiales", "rachat",
        "directeur", "directrice",
    ]

    /// Lower-case nouns for a kind of organisation that, unlike `CUE.orghead`, never head a
    /// capitalised name themselves: media, trades, industries (folded keys; tested through
    /// `RuleWords.Lists`; `organisation.apposition`). Not nouns as often said of a person
    /// (`producteur`, `créateur`) or a place (`site`).
    static let organisationKindNouns: Set<String> = [
        "quotidien", "hebdomadaire", "mensuel", "journal", "magazine", "revue", "chaine", "radio",
        "constructeur", "fabricant", "equipementier", "operateur", "distributeur", "editeur", "assureur",
        "transporteur", "armateur", "brasseur", "label", "enseigne", "firme", "multinationale", "conglomerat",
        "geant", "startup", "ong", "formation", "ecurie", "chantier", "promoteur", "bailleur", "gestionnaire",
        "exploitant", "fournisseur", "prestataire", "sous-traitant", "concessionnaire",
    ]

    /// `CGT`, `O.N.U.`: an unknown acronym (`organisationAcronymAfterArticle` after `la`/`le`/`l'`:
    /// `la KRTX`). Not in text written in capitals, where every word looks like one. Alone and weak,
    /// it needs the document's support.
    static let organisationAcronym = EvidenceRule(.organisationAcronym, votes: .organisation,
                                                  weight: RuleWeights.organisationAcronym,
                                                  loneWord: .needsSupportBelow(RuleWeights.organisationAcronymAlone)) { r, span in
        let s = span.start
        guard span.wordCount == 1, r.tokens[s].isAllCaps, r.letterCount(s) >= 2,
              !r.inHeadline[s] else { return nil }
        let afterArticle = s > 0 && r.roles[s - 1].contains(.article)
        return afterArticle ? RuleWeights.organisationAcronymAfterArticle : RuleWeights.organisationAcronym
    }

    /// `ministre de l'Intérieur` → `Intérieur`, `ministre des Affaires étrangères` → `Affaires
    /// étrangères`, `ministre des Outre-mer` → `Outre-mer`, `ministère russe de la Défense` →
    /// `Défense`: a minister's portfolio names the ministry, as news annotation does. The portfolio is
    /// one word, its hyphen chain and its adjectives; no `de` complement, no nationality
    /// (`Recognition.portfolio(at:)`); it may reach beyond its run of capitalised words.
    static let organisationPortfolio = SpanRule(name: .organisationPortfolio, label: .organisation,
                                                weight: RuleWeights.organisationPortfolio) { r, span in
        guard let portfolioEnd = r.portfolio(at: span.start) else { return false }
        return portfolioEnd >= span.end
    }

    /// `Penguins de Pittsburgh`, `Canadiens de Montréal`: a capitalised plural nickname, `de`, a known
    /// city, and no lexicon entry for the whole.
    static let organisationTeam = SpanRule(name: .organisationTeam, label: .organisation,
                                           weight: RuleWeights.organisationTeam) { r, span in
        span.lexiconWeight == 0 && span.span.count >= 3 && r.isTeamName(span.span, particle: span.start + 1)
    }

    /// `armée syrienne`, `gouvernement ukrainien` (a demonym: `organisationLowercaseHeadDemonym`);
    /// `ministère de l'Intérieur`, `université de Kyoto`, `orchestre philharmonique de Vienne`,
    /// `diocèse de Hearst` (adjectives that are no nationality, then a `de` complement:
    /// `organisationLowercaseHeadComplement`); `hôpital Pasteur de Nice`,
    /// `collège Lucie-Aubrac` (an institution head and its name, `RuleWords.Role.institutionHead`): a
    /// lower-case organisation head and what follows make one organisation, head included. Not a
    /// complement that opens with a first name (`l'orchestre de Jean Dupont` is the person's).
    static let organisationLowercaseHead = CandidateRule(name: .organisationLowercaseHead, label: .organisation,
                                                         weight: RuleWeights.organisationLowercaseHeadComplement) { r in
        var found: [(span: Range<Int>, weight: Double)] = []
        let tokens = r.tokens, n = tokens.count
        for i in r.ruleStarts.organisationHeads {
            var j = i + 1
            guard j < n else { continue }
            if r.doc.keyEquals(tokens[i], "armee") || r.doc.keyEquals(tokens[i], "gouvernement") {
                // `armée syrienne`, `armée nord-coréenne`.
                guard let end = r.compoundDemonymEnd(at: j) ?? (tokens[j].isLowercaseWord && r.has(r.singleTypes[j], .demonym) ? j + 1 : nil)
                else { continue }
                found.append((i..<end, RuleWeights.organisationLowercaseHeadDemonym))
                continue
            }
            var nameEnd: Int?
            if r.roles[i].contains(.institutionHead), r.nameLike[j], !tokens[j].flags.contains(.sentenceStart) {
                // `hôpital Pasteur`, `collège Lucie-Aubrac`: the institution's own name.
                var end = j + 1
                while end < n, let next = r.extendName(from: end), !tokens[end].isLowercaseWord || tokens[end].isJoinedToPrevious {
                    end = next
                }
                nameEnd = end
                j = end
            } else if r.roles[i].contains(.lowercaseOrganisationHead) {
                // `orchestre philharmonique de Vienne`, `assemblée nationale du Burundi`.
                // A nationality between head and complement makes the complement the name
                // (`ministère russe de la Défense` → `Défense`: `organisation.portfolio`).
                while j < n, j - i <= 2, tokens[j].isLowercaseWord, !r.has(r.singleTypes[j], .demonym),
                      r.isNameAdjective(j) || r.hasAdjectiveSuffix(j) {
                    j += 1
                }
            } else {
                continue
            }
            if j < n, r.roles[j].contains(.complement), tokens[j].isLowercaseWord {
                var k = j + 1
                if k < n, r.roles[k].contains(.secondParticle), tokens[k].isLowercaseWord { k += 1 }
                if k < n, r.nameLike[k], !tokens[k].flags.contains(.sentenceStart),
                   !r.has(r.singleTypes[k], .personFirst) || r.startingTypes[k] & Recognition.locationTypes != 0 {
                    var end = k + 1
                    while end < n, let next = r.extendName(from: end, adjectives: false) { end = next }
                    // `ministère des Affaires étrangères`: adjectives after a capitalised common noun;
                    // not after a place (`diocèse de Hearst ferme`), not a nationality (`ministère de
                    // l'Intérieur turc`).
                    while end < n, tokens[end].isLowercaseWord, !r.has(r.singleTypes[end], .demonym),
                          r.commonClasses(end - 1).contains(.noun) || tokens[end - 1].isLowercaseWord,
                          r.isNameAdjective(end) || r.isPluralAdjectiveAgreeing(end, with: end - 1) {
                        end += 1
                    }
                    found.append((i..<end, RuleWeights.organisationLowercaseHeadComplement))
                    continue
                }
            }
            if let nameEnd { found.append((i..<nameEnd, RuleWeights.organisationLowercaseHeadComplement)) }
        }
        return found
    }
}
