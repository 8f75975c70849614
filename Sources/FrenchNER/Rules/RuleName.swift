/// The named rules. Each entity's `source` is the name of the rule that decided it (or the lexicon).
///
/// What each rule matches, the label it votes for and its weight are in `Rules/Catalogue/`; the weights
/// themselves in `RuleWeights`. Every rule has a test table with positive and negative examples in
/// `Tests/FrenchNERTests/RuleTests.swift`, reached through an exhaustive `switch` over this enum.
public enum RuleName: String, Sendable, CaseIterable {
    /// A title before a name: `M. Antony Blinken`, `Mme Hidalgo`, `Dr Dupont` → PER (title excluded).
    case personTitle = "person.title"
    /// A function or profession before a name, possibly with a nationality between:
    /// `le président américain Joe Biden`, `l'entraîneur Didier Deschamps` → PER.
    case personFunction = "person.function"
    /// An apposition after the name: `X, ministre de…`, `X, 45 ans,` → PER.
    case personApposition = "person.apposition"
    /// An initial and a surname, or a surname and an initial: `E. Macron`, `Karabatic L.` → PER.
    case personInitial = "person.initial"
    /// A known first name followed by a capitalised word: `Mathilde Panot` → PER.
    case personFirstName = "person.first-name"
    /// A demonym noun before a name: `l'Espagnol Mario Mola` → PER (demonym excluded).
    case personDemonym = "person.demonym"
    /// A name listed beside a person named in full: `Matt Hall, Aliy Zirkle`, `Thierry et Véronique
    /// Roy` → PER.
    case personList = "person.list"
    /// A speech verb after the name: `X a déclaré`, `X estime` → PER.
    case personSpeech = "person.speech"
    /// `selon` or `d'après` before the name: `selon X` → PER.
    case personAccording = "person.according"
    /// `chez` before the name: `chez Dupont` → PER.
    case personChez = "person.chez"
    /// A government or time in office named after its leader: `le gouvernement Valls`,
    /// `l'administration Obama`, `le régime Assad` → PER.
    case personLeader = "person.leader"
    /// A regnal name: a name and a Roman numeral (`Ramsès II`, `Childéric Ier`), or a first name,
    /// `le`/`la` and an epithet (`Charles le Chauve`, `Jeanne la Folle`) → PER.
    case personRegnal = "person.regnal"
    /// A capitalised organisation head starts the name, with its adjectives and `de` complements:
    /// `Banque mondiale`, `Université de Strasbourg`, `Grande Mosquée de Valence` → ORG (outermost).
    case organisationHead = "organisation.head"
    /// A lower-case head with a demonym or a `de` complement: `ministère de l'Intérieur`,
    /// `armée syrienne`, `opéra de Lyon`, `orchestre philharmonique de Vienne`; an institution head
    /// and its name: `hôpital Pasteur de Nice`, `collège Lucie-Aubrac` → ORG (head included).
    case organisationLowercaseHead = "organisation.lowercase-head"
    /// A common noun naming a kind of organisation before the name: `la société Renault`,
    /// `le quotidien Le Monde` → ORG (noun excluded).
    case organisationApposition = "organisation.apposition"
    /// A name after a role held in an organisation and its `de`: `le PDG de Niantic`, `les salariés
    /// de Vexholm`, `l'entraîneur de Vexholm` → ORG.
    case organisationMemberOf = "organisation.member-of"
    /// A known organisation of two words or more, then known places: its branch there (`France Bleu
    /// Hérault`, `Crédit Agricole Alpes Provence`) → ORG, the whole span.
    case organisationBranch = "organisation.branch"
    /// A minister's portfolio after `ministre de`/`secrétaire d'État à`/`ministère russe de`:
    /// `ministre de l'Intérieur` → `Intérieur`, `ministre des Affaires étrangères` → `Affaires
    /// étrangères`, `ministre des Outre-mer` → `Outre-mer` ORG (the ministry), as news annotation does.
    case organisationPortfolio = "organisation.portfolio"
    /// A team named after its city in the French way: `Penguins de Pittsburgh`, `Braves d'Atlanta`,
    /// `Canadiens de Montréal` → ORG (a capitalised plural, `de`, a known city).
    case organisationTeam = "organisation.team"
    /// A legal form after the name: `Dupont SA`, `Acme Inc.` → ORG.
    case organisationLegalForm = "organisation.legal-form"
    /// A name listed beside a known organisation: `Facebook, Instagram` → ORG.
    case organisationList = "organisation.list"
    /// An unknown acronym: `CGT`, `O.N.U.` → ORG.
    case organisationAcronym = "organisation.acronym"
    /// A noun announcing a place before the name: `la ville de Bron`, `la province de Hama` → LOC.
    case locationCue = "location.cue"
    /// A place head starts the name, in capitals or not: `Lac Léman`, `mont Ventoux`,
    /// `place de la République`, `vallée de Joux` → LOC (head included); or an English place noun
    /// ends it: `Gakona Lodge`, `Big Island`.
    case locationHead = "location.head"
    /// A preposition of place before the name: `à Bron`, `en Savoie`, `dans le Var` → LOC.
    case locationPreposition = "location.preposition"
    /// A name listed beside a known place: `Faial, Pico, Graciosa et Terceira` → LOC.
    case locationList = "location.list"
    /// A place-name shape: `Saint-Xxx`, `Xxx-sur-Yyy`, `Xxx-en-Yyy`, `Xxx-lès-Yyy` → LOC.
    case locationShape = "location.shape"
    /// A road code: `l'A7`, `la RN 20`, `la D 906`, `l'autoroute A7` (head included) → LOC.
    case locationRoad = "location.road"
    /// A country's three-letter code in parentheses after a name: `Usain Bolt (JAM)` → LOC.
    case locationCountryCode = "location.country-code"
    /// A name after a place's office, people or side and its `de`: `le maire de Vexholm`, `les
    /// habitants de Vexholm`, `au nord de Vexholm` → LOC.
    case locationPlaceOf = "location.place-of"
    /// A name before a French département or region in parentheses: `Vexholm (Gard)` → LOC.
    case locationAdminInParentheses = "location.admin-in-parentheses"
    /// No cue: a name of several words is taken for a person.
    case defaultMultiword = "default.multiword"
    /// No cue: a single unknown word is taken for a place.
    case defaultSingle = "default.single"
    /// The same name as a surer mention elsewhere in the document takes its label.
    case documentSameName = "document.same-name"
    /// A lone surname (or first name) of a person named in full elsewhere in the document → PER.
    case documentPersonPart = "document.person-part"
    /// An acronym defined in the text (`Organisation … (OTAN)`) takes the label of its long form.
    case documentAcronym = "document.acronym"
    /// A name the batch typed surely in other documents (`frner tag --corpus-memory`) decides a weaker
    /// mention or keeps a lone word that needs support: `Quillifer` after `la société Quillifer` → ORG.
    case corpusSameName = "corpus.same-name"
    /// A weak mention of a name most documents of the batch type PER or ORG, by any evidence, takes
    /// that label: `au SNR` (a preposition's LOC) after `le SNR` in other documents → ORG.
    case corpusMajority = "corpus.majority"
}
