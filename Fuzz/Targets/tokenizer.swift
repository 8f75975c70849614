// Fuzz target: UTF-8 decoding, TextBuffer's offset maps, the tokenizer and the windowed sentence
// boundaries.
//
// Input: UTF-8 bytes (decoded leniently, as `frner --lossy`), or 0xFE + raw UTF-16LE units.
// Checks: strict decoding accepts exactly what Swift's UTF-8 validation accepts and reports the first bad
// byte; lenient decoding of valid input is the strict decoding; code-point/UTF-8 offsets agree with a
// plain walk; tokens ordered, in bounds, non-overlapping, not splitting surrogate pairs, keys in the pool
// and hashed; sentences cover the tokens; windowed sentence boundaries equal ICU's over the whole text;
// tokenizing twice gives the same result.
@testable import FrenchNER

let tokenizer = try! Tokenizer()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    checkDecoding(bytes)
    let (text, valid) = Fuzz.text(bytes)
    let reference = valid ? Fuzz.checkTextBuffer(text) : nil
    let doc = tokenizer.tokenize(text)
    Fuzz.checkTokens(doc, reference: reference)
    Fuzz.checkSentenceBoundaries(text)
    let again = tokenizer.tokenize(text)
    Fuzz.check(again.tokens == doc.tokens && again.sentences == doc.sentences && again.keyPool == doc.keyPool,
               "tokenizer-deterministic", "tokenizing the same text twice differs")
    return 0
}

/// `TextBuffer(validatingUTF8:)` against Swift's own validation.
func checkDecoding(_ bytes: UnsafeBufferPointer<UInt8>) {
    let swift = String(validating: bytes, as: UTF8.self)
    do throws(TextDecodingError) {
        let buffer = try TextBuffer(validatingUTF8: bytes)
        Fuzz.check(swift != nil, "utf8-validation", "TextBuffer accepted bytes that Swift rejects")
        if let swift {
            Fuzz.check(Array(buffer.utf16) == Array(swift.utf16), "utf8-decoding", "units differ from Swift's")
            Fuzz.check(Array(TextBuffer(swift).utf16) == Array(swift.utf16), "utf8-decoding", "TextBuffer(String) differs")
            Fuzz.check(Array(TextBuffer(lossyUTF8: bytes).utf16) == Array(swift.utf16), "utf8-decoding",
                       "lenient decoding of valid UTF-8 differs")
        }
    } catch {
        Fuzz.check(swift == nil, "utf8-validation", "TextBuffer rejected valid UTF-8: \(error)")
        let offset = error.byteOffset
        Fuzz.check(offset >= 0 && offset < bytes.count, "utf8-error-position", "error offset \(offset) of \(bytes.count) bytes")
        if offset >= 0 && offset <= bytes.count {
            let prefix = UnsafeBufferPointer(rebasing: bytes[0..<offset])
            Fuzz.check(String(validating: prefix, as: UTF8.self) != nil, "utf8-error-position",
                       "the bytes before the reported offset \(offset) are not valid UTF-8: \(error)")
        }
        // Lenient decoding always gives valid UTF-16.
        let lossy = TextBuffer(lossyUTF8: bytes)
        Fuzz.check(String(validating: lossy.utf16, as: UTF16.self) != nil, "utf8-lossy", "lenient decoding left bad UTF-16")
    }
}

/// Loads what the target needs before the first input, so that start-up (ICU, the lexicons) does not count
/// against the first input's -timeout.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = tokenizer.tokenize("Init.")
    return 0
}
