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
    /// A known first name followed by a capitalised word: `Mathilde Panot` → PER.
    case personFirstName = "person.first-name"
    /// A demonym noun before a name: `l'Espagnol Mario Mola` → PER (demonym excluded).
    case personDemonym = "person.demonym"
    /// A speech verb after the name: `X a déclaré`, `X estime` → PER.
    case personSpeech = "person.speech"
    /// `selon` or `d'après` before the name: `selon X` → PER.
    case personAccording = "person.according"
    /// `chez` before the name: `chez Dupont` → PER.
    case personChez = "person.chez"
    /// A capitalised organisation head starts the name, with its adjectives and `de` complements:
    /// `Banque mondiale`, `Université de Strasbourg`, `Grande Mosquée de Valence` → ORG (outermost).
    case organisationHead = "organisation.head"
    /// A lower-case head with a demonym or a `de` complement: `ministère de l'Intérieur`,
    /// `armée syrienne`, `université de Kyoto` → ORG (head included).
    case organisationLowercaseHead = "organisation.lowercase-head"
    /// A common noun naming a kind of organisation before the name: `la société Renault`,
    /// `le quotidien Le Monde` → ORG (noun excluded).
    case organisationApposition = "organisation.apposition"
    /// A minister's portfolio after `ministre de`/`secrétaire d'État à`: `ministre de l'Intérieur` →
    /// `Intérieur` ORG (the ministry), as news annotation does.
    case organisationPortfolio = "organisation.portfolio"
    /// A team named after its city in the French way: `Penguins de Pittsburgh`, `Braves d'Atlanta`,
    /// `Canadiens de Montréal` → ORG (a capitalised plural, `de`, a known city).
    case organisationTeam = "organisation.team"
    /// A legal form after the name: `Dupont SA`, `Acme Inc.` → ORG.
    case organisationLegalForm = "organisation.legal-form"
    /// An unknown acronym: `CGT`, `O.N.U.` → ORG.
    case organisationAcronym = "organisation.acronym"
    /// A noun announcing a place before the name: `la ville de Bron`, `la province de Hama` → LOC.
    case locationCue = "location.cue"
    /// A place head starts the name, in capitals or not: `Lac Léman`, `mont Ventoux`,
    /// `place de la République`, `vallée de Joux` → LOC (head included).
    case locationHead = "location.head"
    /// A preposition of place before the name: `à Bron`, `en Savoie`, `dans le Var` → LOC.
    case locationPreposition = "location.preposition"
    /// A place-name shape: `Saint-Xxx`, `Xxx-sur-Yyy`, `Xxx-en-Yyy`, `Xxx-lès-Yyy` → LOC.
    case locationShape = "location.shape"
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
}
