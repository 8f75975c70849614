// Fuzz target: the whole tagger (tokenizer, gazetteer, rules, overlap resolution, document consistency,
// span conventions) with the shipped lexicons (`$FRNER_LEXICONS`, default the checkout's `Lexicons/`).
//
// Input: UTF-8 bytes (decoded leniently), or 0xFE + raw UTF-16LE units.
// Checks, under every person-span convention: entities inside the text, on token boundaries, ordered and
// not overlapping, each slice equal to `entity.text`, code-point and byte offsets agreeing with a plain
// walk, labels and sources valid; tokens as in the tokenizer target; tagging is deterministic.
@testable import FrenchNER

let tagger = try! Tagger()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTagger(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let (text, valid) = Fuzz.text(UnsafeBufferPointer(start: data, count: size))
    let reference = valid ? Fuzz.OffsetReference(text.utf16) : nil
    let doc = tagger.tokenizer.tokenize(text)
    Fuzz.checkTokens(doc, reference: reference)
    var first: [Entity]?
    for conventions in Fuzz.allConventions {
        var t = tagger
        t.conventions = conventions
        let tagged = t.tag(doc)
        Fuzz.checkEntities(tagged, reference: reference, context: "conventions \(conventions)")
        if conventions == .namesOnly { first = tagged.entities }
    }
    // The public entry point gives what tagging the tokens gave.
    if valid {
        let again = tagger.entities(in: text.string)
        Fuzz.check(again == first, "tagger-deterministic", "entities(in:) differs from tag(tokenize(text))")
    }
    return 0
}

/// Loads what the target needs before the first input, so that start-up (ICU, the lexicons) does not count
/// against the first input's -timeout.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = tagger.gazetteer.keyCount
    return 0
}
