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

extension Tagger {
    /// Infers a gold corpus's person-span conventions from its annotations: for each gold person, is
    /// a title (function) just before the name inside the span or outside it? The majority decides,
    /// and a convention needs at least 5 cases to be switched on.
    public func inferConventions(from documents: [GoldDocument]) -> TaggingConventions {
        var titleInside = 0, titleOutside = 0, functionInside = 0, functionOutside = 0
        var appositionInside = 0, appositionOutside = 0
        for document in documents {
            let doc = tokenizer.tokenize(document.text)
            let recognition = Recognition(doc: doc, gazetteer: gazetteer, roleTable: roleTable)
            var tokenAt: [Int: Int] = [:]
            for (index, token) in doc.tokens.enumerated() {
                tokenAt[doc.text.codePointOffset(utf16: Int(token.start))] = index
            }
            for span in document.entities where span.label == .person {
                guard let first = tokenAt[span.start] else { continue }
                let title = Recognition.bit(.title), function = Recognition.bit(.function)
                if recognition.startingTypes[first] & title != 0 { titleInside += 1 }
                else if first > 0, recognition.endingTypes[first - 1] & title != 0 { titleOutside += 1 }
                if recognition.startingTypes[first] & function != 0, doc.tokens[first].isLowercaseWord { functionInside += 1 }
                else if first > 0, recognition.endingTypes[first - 1] & function != 0 { functionOutside += 1 }
                // An apposition: a comma inside the span, or just after it.
                var last = first
                while last + 1 < doc.tokens.count,
                      doc.text.codePointOffset(utf16: Int(doc.tokens[last + 1].end)) <= span.end { last += 1 }
                // (a comma followed by a lower-case word: `Numa Matthey, secrétaire`, not `Smith, John`)
                if (first..<last).contains(where: { doc.keyEquals(doc.tokens[$0], ",") && doc.tokens[$0 + 1].isLowercaseWord }) {
                    appositionInside += 1
                } else if recognition.appositionAfter(last + 1) {
                    appositionOutside += 1
                }
            }
        }
        return TaggingConventions(personTitles: titleInside >= 5 && titleInside > titleOutside,
                                  personFunctions: functionInside >= 5 && functionInside > functionOutside,
                                  personAppositions: appositionInside >= 5 && appositionInside > appositionOutside)
    }
}
