// Fuzz target: the compiled-gazetteer cache loader, `Gazetteer(cacheData:fingerprint:)`, which reads
// `~/.cache/frenchner/*` at every start. A damaged file (disk error, a copy cut short, another program's
// file under that name) must be rejected, or load into a gazetteer that tags without crashing or hanging.
//
// Input: a cache file. The fingerprint the loader expects is taken from the input itself (bytes 8..<16),
// so that mutations reach past the header. Seeds are caches of small lexicons, written by this target:
//   FRNER_FUZZ_WRITE_SEED=Fuzz/corpus/cache/seed-000 .build-fuzz/bin/fuzz-cache -runs=1 /dev/null
// Checks: no crash, no hang (-timeout), entity invariants on a fixed text with the tagger over it.
@testable import FrenchNER
import Foundation

let tokenizer = try! Tokenizer()
let sample = TextBuffer("""
    M. Jean Dupont, ministre de l'Intérieur, est à Paris avec l'OTAN et Renault SA. Jean Dupont est parti.
    Le président Wilson a visité Saint-Étienne et la Banque de France ; selon l'AFP, Mme Durand a déclaré.
    """)
let sampleReference = Fuzz.OffsetReference(sample.utf16)
nonisolated(unsafe) var seedWritten = false

/// The lexicon the seed caches are built from.
let seedLexicon = """
    Jean Dupont\tPER.full\t\tuser\t\tA
    OTAN\tORG.international\tOrganisation du traité de l'Atlantique nord\tcurated\texact\tA
    Paris\tLOC.city\t\tdata-france\tamb\tA
    Saint-Étienne\tLOC.city
    M.\tCUE.title\t\tcurated\texact\tA
    Mme\tCUE.title
    ministre\tCUE.function
    président\tCUE.function
    ministère\tCUE.orghead
    banque\tCUE.orghead
    SA\tCUE.orglegal\t\t\texact
    Renault\tORG.company
    Banque de France\tORG.institution
    a déclaré\tCUE.speech
    Wilson\tPER.last
    Jean\tPER.first
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCache(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if !seedWritten, let path = ProcessInfo.processInfo.environment["FRNER_FUZZ_WRITE_SEED"] {
        seedWritten = true
        let entries = try! LexiconFile.parse(seedLexicon, name: "seed.tsv")
        let words: [(word: String, classes: CommonWordClass)] = [("le", [.function, .grammatical]), ("ministre", .noun), ("est", .verb)]
        let gazetteer = Gazetteer(compiling: entries, commonWords: words, reservedKeys: Tagger.reservedKeys, tokenizer: tokenizer)
        try! gazetteer.cacheData(fingerprint: 0x0123_4567_89AB_CDEF).write(to: URL(fileURLWithPath: path))
        fputs("fuzz-cache: wrote \(path)\n", stderr)
        exit(0)
    }
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    var fingerprint: UInt64 = 0
    if size >= 16 {
        withUnsafeMutableBytes(of: &fingerprint) { target in bytes.copyBytes(to: target.bindMemory(to: UInt8.self), from: 8..<16) }
    }
    guard let gazetteer = Gazetteer(cacheData: bytes, fingerprint: fingerprint) else { return 0 }
    let tagged = Tagger(gazetteer: gazetteer, tokenizer: tokenizer).tag(sample)
    Fuzz.checkEntities(tagged, reference: sampleReference, context: "tagger over a loaded cache")
    return 0
}

/// Loads what the target needs before the first input, so that start-up (ICU, the lexicons) does not count
/// against the first input's -timeout.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = tokenizer.tokenize("Init."); _ = sampleReference
    return 0
}
