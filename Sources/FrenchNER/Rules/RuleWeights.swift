/// Every weight and threshold the rules use, in one table: a change of weight is a one-line diff here.
///
/// **The scale.** A weight is how sure one piece of evidence is on its own:
/// - **5**: decisive alone (`M.` before a name; a lexicon entry of two words or more);
/// - **3 and above** (`sure`): enough to type a name with no other evidence, and to give its label to
///   the name's other mentions in the document (`document.same-name`);
/// - **1.5 – 2.5**: suggestive (a known first name, `en` before a name); votes add up;
/// - **below 1**: a default or a tie-breaker; a candidate whose best vote is this weak is kept only
///   when the document names it surely elsewhere.
///
/// **How votes combine.** Each rule that fires votes for one label with its weight. Votes for the same
/// label add up; the label with the largest sum wins (ties: LOC, then PER, then ORG), with that sum as
/// the candidate's score. The heaviest single vote for the winning label is the entity's `source`
/// (the first of equal votes, in catalogue order: lexicon, person, organisation, location rules).
enum RuleWeights {
    // MARK: Thresholds

    /// A candidate scored at least this is sure: it decides the label of the name's other mentions.
    static let sure = 3.0
    /// Below this, the lone word's deciding rule says whether it needs the document's support
    /// (`EvidenceRule.LoneWord`).
    static let loneWordDoubt = 2.5
    /// A capitalised common word opening a sentence needs the document's support below this score.
    static let sentenceOpenerNeeds = 4.0
    /// Context must outweigh a non-entity entry (`YouTube` the service) by this much to keep a name.
    static let contextOverNonEntity = 3.0
    /// In text written in capitals, a lone word no lexicon knows needs the document's support below
    /// this score (case cannot tell `EN LIGNE` from `EN TRANSNISTRIE`).
    static let capitalsLoneWordNeeds = 3.0
    /// A lexicon vote at most this weak does not make a capitalised adjective or function word a name
    /// on its own (`Grand`, the village, in `Grand collisionneur`).
    static let minorLexiconSupport = 2.2

    // MARK: Lexicon entries of exactly the span

    /// An entry of two words or more.
    static let lexiconMultiword = 5.0
    /// An ambiguous entry of two words or more (flag `amb`).
    static let lexiconMultiwordAmbiguous = 3.0
    /// A one-word entry by importance: major, notable, minor; ambiguous whatever its importance.
    static let lexiconMajor = 3.5
    static let lexiconNotable = 3.0
    static let lexiconMinor = 2.2
    static let lexiconAmbiguous = 1.4
    /// Taken off a one-word alias (`Tour` for `La Tour`).
    static let lexiconAliasPenalty = 0.3
    /// The most a one-word entry weighs when it is a common word opening a sentence.
    static let lexiconSentenceOpenerCap = 1.4
    /// A package entry that is not major counts this fraction when a curated entry names the same span.
    static let lexiconUnderCuratedFactor = 0.5

    // MARK: Person rules (`Catalogue/PersonRules.swift`)

    static let personTitle = 5.0
    static let personFunction = 4.0
    static let personDemonym = 2.5
    static let personApposition = 3.0
    static let personFirstName = 2.5
    static let personFirstNameAmbiguous = 1.8
    /// Added to `person.first-name` when the last word is a known surname.
    static let personFirstNameKnownSurname = 0.5
    /// A known surname after an unknown capitalised word, two words in all.
    static let personSurnameOnly = 0.8
    static let personSpeech = 1.5
    static let personAccording = 1.2
    static let personChez = 1.0
    static let personLeader = 3.5
    static let personInitial = 3.0
    static let personList = 1.5
    static let personRegnalNumeral = 3.0
    static let personRegnalEpithet = 3.5
    /// Clues that only suggest a person count this fraction when a lexicon knows the span as an
    /// organisation or a place (`EvidenceRule.halvedWhenKnownOther`).
    static let knownOtherFactor = 0.5

    // MARK: Organisation rules (`Catalogue/OrganisationRules.swift`)

    static let organisationHeadInName = 4.0
    static let organisationHeadAlone = 2.5
    /// A lone capitalised head with nothing after it (`l'Institut`): below `loneWordDoubt`.
    static let organisationHeadBare = 2.0
    static let organisationHeadSecond = 3.5
    static let organisationHeadLast = 3.0
    static let organisationLegalForm = 4.0
    static let organisationApposition = 3.0
    static let organisationMemberOf = 2.0
    /// Sure: outweighs a place preposition before the branch (`sur France Bleu Hérault`).
    static let organisationBranch = 3.5
    static let organisationAcronym = 1.2
    static let organisationList = 1.5
    static let organisationAcronymAfterArticle = 2.0
    /// A bare acronym below this needs the document's support.
    static let organisationAcronymAlone = 1.5
    static let organisationPortfolio = 3.0
    static let organisationTeam = 3.0
    static let organisationLowercaseHeadDemonym = 3.0
    static let organisationLowercaseHeadComplement = 3.5

    // MARK: Location rules (`Catalogue/LocationRules.swift`)

    static let locationCue = 4.0
    static let locationPrepositionStrong = 2.0
    static let locationPreposition = 1.5
    static let locationPrepositionWeak = 0.8
    static let locationPrepositionNear = 1.5
    static let locationPrepositionInThe = 1.2
    static let locationHeadBefore = 3.5
    static let locationHeadBeforeComplement = 3.0
    static let locationHeadInName = 4.0
    static let locationHeadSpan = 3.5
    static let locationShape = 2.0
    static let locationList = 1.5
    static let locationHeadLast = 3.0
    static let locationRoad = 3.5
    static let locationCountryCode = 4.0
    static let locationPlaceOf = 2.5
    static let locationAdminInParentheses = 3.0

    // MARK: Defaults (`Catalogue/DefaultRules.swift`)

    static let defaultMultiword = 0.5
    static let defaultSingle = 0.4

    // MARK: Document rules (`Catalogue/DocumentRules.swift`)

    /// A person named in full at least this surely lends its surname to lone mentions.
    static let documentPersonSource = 2.0
    /// A lone lexicon place or organisation below this becomes the person whose surname it is.
    static let documentPersonOverLexicon = 4.0
    /// The score an acronym defined in the text takes.
    static let documentAcronym = 3.0
    /// A chain of mentions of one name breaks where two mentions are more than this many sentences apart.
    static let documentScopeSentences = 200
    /// The longest suffix of a person's name (in words) that lends the person's label alone.
    static let documentSurnameWords = 4
    /// A word opening sentences is not supported by a chain that names it inside a sentence less than
    /// once per this many of those openings.
    static let documentOpeningUsesPerInside = 4

    // MARK: Corpus rules (`Catalogue/CorpusRules.swift`)

    /// A name the corpus typed surely elsewhere: outweighs prepositions and defaults, not a sure cue.
    static let corpusSameName = 2.5
    /// The label most documents of the batch give a name (`corpus.majority`): outweighs a preposition,
    /// even a strong one (`locationPrepositionStrong`), or a default; not the document's own sure cue.
    static let corpusMajority = 2.2
}
