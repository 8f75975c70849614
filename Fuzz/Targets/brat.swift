// Fuzz target: the brat standoff reader (`frner eval --gold FOLDER`).
//
// Input: the document text, a NUL byte, then the `.ann` text (UTF-8, decoded leniently); without a NUL,
// the whole input is the `.ann` of a 100-character text.
// Checks: no crash; errors name the `.ann` file and a line of it; spans lie inside the text; the
// outermost spans are ordered, not overlapping, and taken from the spans. Every 16th input also goes
// through `BratReader.read(folder:)` from files, which must agree with the parsed spans.
@testable import FrenchNER
import Foundation

nonisolated(unsafe) var runCount = 0
let folder = NSTemporaryDirectory() + "frner-fuzz-brat-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBrat(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let whole = TextBuffer(lossyUTF8: bytes).string
    let text: String, ann: String
    if let nul = whole.unicodeScalars.firstIndex(of: "\u{0}") {
        text = String(whole.unicodeScalars[..<nul])
        ann = String(whole.unicodeScalars[whole.unicodeScalars.index(after: nul)...])
    } else {
        text = String(repeating: "x", count: 100)
        ann = whole
    }
    let length = text.unicodeScalars.count
    let spans: [EntitySpan]
    do throws(GoldFormatError) {
        spans = try BratReader.parseAnnotations(ann, file: "doc.ann", textLength: length, labels: Set(EntityLabel.allCases))
    } catch {
        Fuzz.check(error.file == "doc.ann", "brat-error-position", "error names \(error.file)")
        Fuzz.checkErrorLine(error.line, in: ann, reader: "brat", message: error.message)
        return 0
    }
    for span in spans {
        Fuzz.check(span.start >= 0 && span.start <= span.end && span.end <= length, "brat-span-bounds",
                   "span \(span.start)..<\(span.end) in a text of \(length) code points")
    }
    let kept = outermost(spans)
    var previousEnd = -1
    for span in kept {
        Fuzz.check(span.start >= previousEnd, "brat-outermost", "outermost span \(span.start)..<\(span.end) overlaps the one before (end \(previousEnd))")
        Fuzz.check(spans.contains(span), "brat-outermost", "outermost span \(span) is not a parsed span")
        previousEnd = span.end
    }
    // Every span is inside a kept one or overlaps one (nothing is lost silently).
    for span in spans {
        Fuzz.check(kept.contains { $0.start <= span.start && span.end <= $0.end || ($0.start < span.end && span.start < $0.end) || $0 == span }
                   || span.start == span.end,
                   "brat-outermost", "span \(span) was dropped without an overlapping kept span")
    }
    runCount += 1
    // (Not with an empty .ann: Foundation's FileManager.contents(atPath:) leaks 4 KB per empty file read,
    // which LeakSanitizer reports; see Fuzz/README.md.)
    if runCount % 16 == 0 && !text.isEmpty && !ann.isEmpty {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/doc.txt"))
        try? Data(ann.utf8).write(to: URL(fileURLWithPath: folder + "/doc.ann"))
        do throws(GoldFormatError) {
            let documents = try BratReader.read(folder: folder)
            Fuzz.check(documents.count == 1 && documents[0].text == text && documents[0].entities == kept, "brat-folder",
                       "reading the files gives \(documents.count) documents / other spans")
        } catch {
            Fuzz.fail("brat-folder", "reading the files failed where parsing succeeded: \(error)")
        }
    }
    return 0
}
