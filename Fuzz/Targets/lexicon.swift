// Fuzz target: the lexicon TSV parser (`--lexicon FILE`, the shipped `Lexicons/`), the common-word list
// parser, the gazetteer compiled from what they read, its cache format, and a tagger over it.
//
// Input: a lexicon file's text (UTF-8, decoded leniently).
// Checks: no crash; errors name the file and a line of the text; entries have a trimmed, non-empty surface;
// for up to 64 entries: a gazetteer compiles, survives its cache format unchanged (same entities on a text
// made of the surfaces), and the entities of the tagger over it keep the entity invariants. (Damaged
// cache files are the `cache` target's.)
@testable import FrenchNER
import Foundation

let tokenizer = try! Tokenizer()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLexicon(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = TextBuffer(lossyUTF8: UnsafeBufferPointer(start: data, count: size)).string
    let name = "fuzz.tsv"
    var entries: [LexiconEntry] = []
    do throws(LexiconError) {
        entries = try LexiconFile.parse(text, name: name)
    } catch {
        Fuzz.check(error.file == name, "lexicon-error-position", "error names \(error.file)")
        Fuzz.checkErrorLine(error.line, in: text, reader: "lexicon", message: error.message)
    }
    for entry in entries {
        Fuzz.check(!entry.surface.isEmpty && !entry.surface.contains("\t") && !entry.surface.contains("\n"), "lexicon-entry",
                   "bad surface \(Fuzz.show(entry.surface))")
    }
    var commonWords: [(word: String, classes: CommonWordClass)] = []
    do throws(LexiconError) {
        commonWords = try LexiconFile.parseCommonWords(text, name: name)
    } catch {
        Fuzz.check(error.file == name, "lexicon-error-position", "common words: error names \(error.file)")
        Fuzz.checkErrorLine(error.line, in: text, reader: "lexicon", message: "common words: " + error.message)
    }
    // A surface may hold a bare CR, NEL, LS or PS (`LexiconFile.parse` splits lines at LF only): such an
    // entry matches across a line break by its own text, so it is left out of the tagging checks.
    entries = entries.filter { !$0.surface.unicodeScalars.contains { [0x0D, 0x85, 0x2028, 0x2029].contains($0.value) } }
    guard !entries.isEmpty, entries.count <= 64, commonWords.count <= 256 else { return 0 }
    let gazetteer = Gazetteer(compiling: entries, commonWords: commonWords, reservedKeys: Tagger.reservedKeys, tokenizer: tokenizer)
    let tagger = Tagger(gazetteer: gazetteer, tokenizer: tokenizer)
    // A text that names every entry, in sentences and in a run.
    let sample = entries.map { "Hier, \($0.surface) a parlé." }.joined(separator: " ") + "\n"
        + entries.map(\.surface).joined(separator: " et ")
    let textBuffer = TextBuffer(sample)
    let reference = Fuzz.OffsetReference(textBuffer.utf16)
    let tagged = tagger.tag(textBuffer)
    Fuzz.checkEntities(tagged, reference: reference, context: "lexicon tagger")

    let fingerprint: UInt64 = 0x5EED
    let cache = gazetteer.cacheData(fingerprint: fingerprint)
    guard let loaded = Gazetteer(cacheData: cache, fingerprint: fingerprint) else {
        Fuzz.fail("gazetteer-cache", "the cache of a fresh gazetteer does not load")
        return 0
    }
    let fromCache = Tagger(gazetteer: loaded, tokenizer: tokenizer).tag(textBuffer)
    Fuzz.check(fromCache.entities == tagged.entities, "gazetteer-cache", "the cached gazetteer tags differently")
    return 0
}

/// Loads what the target needs before the first input, so that start-up (ICU, the lexicons) does not count
/// against the first input's -timeout.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = tokenizer.tokenize("Init.")
    return 0
}
