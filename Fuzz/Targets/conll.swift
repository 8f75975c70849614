// Fuzz target: the CoNLL gold reader (`frner eval --gold x.conll`, `frner tag --input-format conll`).
//
// Input: a CoNLL text (UTF-8, decoded leniently).
// Checks: no crash; errors name the file and a line of the text; with `requireTags: false` only a row
// without a token is rejected, and the rebuilt texts are those of the tagged reading; documents are numbered `name#1`,
// `name#2`…; entity spans lie in the text, ordered, not overlapping; the sentence count is the number of
// lines of the rebuilt text; keeping fewer labels keeps a subset of the spans.
@testable import FrenchNER

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCoNLL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = TextBuffer(lossyUTF8: UnsafeBufferPointer(start: data, count: size)).string
    let name = "fuzz.conll"
    var tagged: [GoldDocument]?
    do throws(GoldFormatError) {
        tagged = try CoNLLReader.parse(text, name: name)
    } catch {
        Fuzz.check(error.file == name, "conll-error-position", "error names \(error.file)")
        Fuzz.checkErrorLine(error.line, in: text, reader: "conll", message: error.message)
    }
    let untagged: [GoldDocument]
    do throws(GoldFormatError) {
        untagged = try CoNLLReader.parse(text, name: name, requireTags: false)
    } catch {
        // Only a row without a token is an error for untagged input, and then also for tagged input.
        Fuzz.check(error.message == "empty token (first column)" && tagged == nil, "conll-untagged",
                   "requireTags: false rejected the text: \(error)")
        Fuzz.checkErrorLine(error.line, in: text, reader: "conll", message: error.message)
        return 0
    }
    checkDocuments(untagged, name: name)
    Fuzz.check(untagged.allSatisfy { $0.entities.isEmpty }, "conll-untagged", "untagged reading has entities")
    if let tagged {
        checkDocuments(tagged, name: name)
        Fuzz.check(tagged.map(\.text) == untagged.map(\.text), "conll-untagged", "untagged reading rebuilds other texts")
        if let persons = try? CoNLLReader.parse(text, name: name, labels: [.person]) {
            let all = Set(tagged.flatMap { doc in doc.entities.map { "\(doc.id) \($0.start) \($0.end) \($0.label)" } })
            for doc in persons {
                for span in doc.entities {
                    Fuzz.check(span.label == .person && all.contains("\(doc.id) \(span.start) \(span.end) \(span.label)"),
                               "conll-labels", "a span kept with labels [PER] is not a PER span of the full reading")
                }
            }
        } else {
            Fuzz.fail("conll-labels", "the text parses with every label but not with [PER]")
        }
    }
    return 0
}

func checkDocuments(_ documents: [GoldDocument], name: String) {
    for (index, doc) in documents.enumerated() {
        Fuzz.check(doc.id == "\(name)#\(index + 1)", "conll-ids", "document \(index) has id \(doc.id)")
        let length = doc.text.unicodeScalars.count
        var previousEnd = 0
        for span in doc.entities {
            Fuzz.check(span.start >= 0 && span.start <= span.end && span.end <= length, "conll-span-bounds",
                       "\(doc.id): span \(span.start)..<\(span.end) in a text of \(length) code points")
            Fuzz.check(span.start >= previousEnd, "conll-span-overlap", "\(doc.id): span \(span.start)..<\(span.end) before \(previousEnd)")
            Fuzz.check(span.start < span.end, "conll-span-empty",
                       "\(doc.id): empty \(span.label.rawValue) span at \(span.start) in \(Fuzz.show(doc.text))")
            previousEnd = max(previousEnd, span.end)
        }
        let lineEnds = doc.text.unicodeScalars.filter { $0 == "\n" }.count
        Fuzz.check(doc.sentenceCount == lineEnds, "conll-sentences", "\(doc.id): \(doc.sentenceCount) sentences, \(lineEnds) line ends")
    }
}
