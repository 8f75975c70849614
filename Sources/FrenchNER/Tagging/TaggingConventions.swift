/// Span conventions that differ between annotation guidelines.
///
/// The default follows modern news gold (WiNER, CoNLL): a person's span is the name alone
/// (`M. Antony Blinken` → `Antony Blinken`). Historical-press guidelines (HIPE, Quaero) put the title
/// in the span (`M. Hagenbeck`), and some also the function (`président Wilson`).
public struct TaggingConventions: Sendable, Hashable, CustomStringConvertible {
    /// Include a title before a person's name in the span: `M. Chéron`, `Mlle Wilson`.
    public var personTitles: Bool
    /// Include a function before a person's name in the span: `président Wilson`.
    public var personFunctions: Bool
    /// Include an apposition after a person's name in the span, up to the next punctuation:
    /// `Numa Matthey, secrétaire`, `M. Hagenbeck, le célèbre marchand d'animaux de Hambourg`.
    public var personAppositions: Bool

    public init(personTitles: Bool = false, personFunctions: Bool = false, personAppositions: Bool = false) {
        self.personTitles = personTitles
        self.personFunctions = personFunctions
        self.personAppositions = personAppositions
    }

    /// Names only (modern news, CoNLL).
    public static let namesOnly = TaggingConventions()

    /// `names-only`, or the parts included joined by `+`: `titles`, `functions`, `appositions`.
    public var description: String {
        var parts: [String] = []
        if personTitles { parts.append("titles") }
        if personFunctions { parts.append("functions") }
        if personAppositions { parts.append("appositions") }
        return parts.isEmpty ? "names-only" : parts.joined(separator: "+")
    }

    /// Parses `names-only` or parts joined by `+` (`titles+functions`, `titles+appositions`…);
    /// `all` is every part.
    public init?(name: String) {
        self.init()
        if name == "names-only" || name == "none" { return }
        if name == "all" {
            self.init(personTitles: true, personFunctions: true, personAppositions: true)
            return
        }
        guard !name.isEmpty else { return nil }
        for part in name.split(separator: "+", omittingEmptySubsequences: false) {
            switch part {
            case "titles": personTitles = true
            case "functions": personFunctions = true
            case "appositions": personAppositions = true
            default: return nil
            }
        }
    }
}
