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

    public init(personTitles: Bool = false, personFunctions: Bool = false) {
        self.personTitles = personTitles
        self.personFunctions = personFunctions
    }

    /// Names only (modern news, CoNLL).
    public static let namesOnly = TaggingConventions()

    public var description: String {
        switch (personTitles, personFunctions) {
        case (false, false): "names-only"
        case (true, false): "titles"
        case (false, true): "functions"
        case (true, true): "titles+functions"
        }
    }

    /// Parses `names-only`, `titles`, `functions`, `titles+functions`.
    public init?(name: String) {
        switch name {
        case "names-only", "none": self.init()
        case "titles": self.init(personTitles: true)
        case "functions": self.init(personFunctions: true)
        case "titles+functions", "all": self.init(personTitles: true, personFunctions: true)
        default: return nil
        }
    }
}

extension Tagger {
    /// Infers a gold corpus's person-span conventions from its annotations: for each gold person, is
    /// a title (function) just before the name inside the span or outside it? The majority decides,
    /// and a convention needs at least 5 cases to be switched on.
    public func inferConventions(from documents: [GoldDocument]) -> TaggingConventions {
        var titleInside = 0, titleOutside = 0, functionInside = 0, functionOutside = 0
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
            }
        }
        return TaggingConventions(personTitles: titleInside >= 5 && titleInside > titleOutside,
                                  personFunctions: functionInside >= 5 && functionInside > functionOutside)
    }
}
