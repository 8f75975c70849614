/// Inferring a gold corpus's span conventions, so that `frner eval` scores by the corpus's own guidelines.
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
