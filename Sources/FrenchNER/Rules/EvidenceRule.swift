/// One named rule of the catalogue: when it fires on a span, it votes for a label with a weight.
///
/// ```swift
/// /// `M. Antony Blinken`, `Mme Hidalgo`: a title just before the name (outside the span).
/// static let title = EvidenceRule(.personTitle, votes: .person, weight: RuleWeights.personTitle) { r, span in
///     span.prefix.title || (span.start > 0 && r.has(r.endingTypes[span.start - 1], .title))
/// }
/// ```
///
/// The engine (`Recognition.classify`) applies the catalogue's rules in order and knows none of them;
/// a rule's name is the entity's `source` when its vote is the heaviest for the winning label.
struct EvidenceRule: Sendable {
    /// What the rule's vote means when it decides a lone word that no lexicon knows and its score
    /// stays below `RuleWeights.loneWordDoubt`.
    enum LoneWord: Sendable {
        /// The vote is enough.
        case enough
        /// A common noun written with a capital needs the document's support (`en Master`, `au Ski`).
        case notOnCommonNoun
        /// Below this score the word needs the document's support (a bare acronym).
        case needsSupportBelow(Double)
    }

    let name: RuleName
    let label: EntityLabel
    /// The rule's weight, from `RuleWeights`. A rule with variants (`weighing:`) returns one of the
    /// weights listed beside it there.
    let weight: Double
    /// Clues that only suggest a person count `RuleWeights.knownOtherFactor` when a lexicon knows the
    /// span as an organisation or a place.
    let halvedWhenKnownOther: Bool
    let loneWord: LoneWord
    /// When this rule decides an organisation, the name extends over its adjectives and `de`
    /// complements (`Banque centrale européenne`).
    let extendsOrganisationName: Bool
    /// The weight of the rule's vote on a span, or nil when it does not fire.
    let vote: @Sendable (Recognition, SpanFacts) -> Double?

    /// A rule that votes with its weight when `fires` holds.
    init(_ name: RuleName, votes label: EntityLabel, weight: Double, halvedWhenKnownOther: Bool = false,
         loneWord: LoneWord = .enough, extendsOrganisationName: Bool = false,
         fires: @escaping @Sendable (Recognition, SpanFacts) -> Bool) {
        self.init(name, votes: label, weight: weight, halvedWhenKnownOther: halvedWhenKnownOther, loneWord: loneWord,
                  extendsOrganisationName: extendsOrganisationName, weighing: { fires($0, $1) ? weight : nil })
    }

    /// A rule whose weight depends on what it finds: `weighing` returns the vote's weight or nil.
    init(_ name: RuleName, votes label: EntityLabel, weight: Double, halvedWhenKnownOther: Bool = false,
         loneWord: LoneWord = .enough, extendsOrganisationName: Bool = false,
         weighing: @escaping @Sendable (Recognition, SpanFacts) -> Double?) {
        self.name = name
        self.label = label
        self.weight = weight
        self.halvedWhenKnownOther = halvedWhenKnownOther
        self.loneWord = loneWord
        self.extendsOrganisationName = extendsOrganisationName
        self.vote = weighing
    }
}

/// A rule that decides a whole span by itself, before any vote (`ministre de l'Intérieur`).
struct SpanRule: Sendable {
    let name: RuleName
    let label: EntityLabel
    let weight: Double
    let decides: @Sendable (Recognition, SpanFacts) -> Bool
}

/// A rule that finds spans by itself anywhere in the text, not from a run of capitalised words
/// (`ministère de l'Intérieur`, `place de la République`); each span with the weight it is found with.
struct CandidateRule: Sendable {
    let name: RuleName
    let label: EntityLabel
    /// The rule's weight, from `RuleWeights`; `finds` gives each span one of the weights listed there.
    let weight: Double
    let finds: @Sendable (Recognition) -> [(span: Range<Int>, weight: Double)]
}

/// What the rules see of a span being weighed.
struct SpanFacts {
    let span: Range<Int>
    /// Words in the span, hyphens left out.
    let wordCount: Int
    /// Context that stripping the front of a run revealed (a title, a function…).
    let prefix: Recognition.Prefix
    /// The weight of the heaviest lexicon entry of exactly this span (0: none).
    let lexiconWeight: Double
    /// A lexicon knows the span as an organisation or a place.
    let knownOther: Bool
    /// The gazetteer match of exactly the span (`Recognition.match(exactly:)`), found once for all rules.
    let exactMatch: GazetteerMatch?
    /// The label of a known name across a list separator right after / right before the span
    /// (`Recognition.listNeighbourLabel(after:)`, `(before:)`), found once for the list rules.
    let listNeighbourAfter: EntityLabel?
    let listNeighbourBefore: EntityLabel?

    var start: Int { span.lowerBound }
    var end: Int { span.upperBound }
}

/// The rules, in the order they vote: `Catalogue/PersonRules.swift`, `OrganisationRules.swift`,
/// `LocationRules.swift`, `DefaultRules.swift`, `DocumentRules.swift`.
enum RuleCatalogue {
    /// Rules that decide a span before any vote, in order.
    static let spanRules: [SpanRule] = [organisationPortfolio, organisationTeam]

    /// Rules that find spans by themselves, in order.
    static let candidateRules: [CandidateRule] = personCandidates + organisationCandidates + locationCandidates

    /// Rules that vote, in order: the order breaks ties between equally heavy votes.
    static let evidenceRules: [EvidenceRule] = person + organisation + location

    /// The catalogue's entry for a rule's name (the first, for a rule with several triggers).
    static func evidenceRule(named name: RuleName) -> EvidenceRule? { byName[name] }

    private static let byName: [RuleName: EvidenceRule] = {
        var table: [RuleName: EvidenceRule] = [:]
        for rule in evidenceRules + defaults where table[rule.name] == nil { table[rule.name] = rule }
        return table
    }()
}
