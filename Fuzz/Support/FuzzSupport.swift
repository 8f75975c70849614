// Shared by every fuzz target (compiled into each target's module, beside the target's own file).
//
// The invariants are written against the library's internals through `@testable import FrenchNER`
// (the library is compiled once with `-enable-testing`; see scripts/fuzz.sh).
@testable import FrenchNER
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum Fuzz {
    /// Invariant names given in `$FRNER_FUZZ_TOLERATE` (comma-separated) are counted and logged instead of
    /// aborting: for long runs past a known, already reported bug. Empty by default (CI is strict).
    static let tolerated: Set<String> = {
        guard let raw = getenv("FRNER_FUZZ_TOLERATE") else { return [] }
        return Set(String(cString: raw).split(separator: ",").map { String($0) })
    }()
    nonisolated(unsafe) static var toleratedHits: [String: Int] = [:]

    /// Reports a broken invariant: aborts (libFuzzer saves the input as `crash-*`), unless tolerated.
    static func fail(_ invariant: String, _ detail: @autoclosure () -> String) {
        if tolerated.contains(invariant) {
            let n = toleratedHits[invariant, default: 0] + 1
            toleratedHits[invariant] = n
            if n.nonzeroBitCount == 1 { // 1st, 2nd, 4th, 8th… occurrence
                fputs("fuzz: tolerated invariant [\(invariant)] #\(n): \(detail())\n", stderr)
            }
            return
        }
        fputs("\nINVARIANT FAILED [\(invariant)]: \(detail())\n", stderr)
        abort()
    }

    @inline(__always)
    static func check(_ condition: Bool, _ invariant: String, _ detail: @autoclosure () -> String) {
        if !condition { fail(invariant, detail()) }
    }

    /// A short, escaped rendering of a string for messages.
    static func show(_ s: String, limit: Int = 200) -> String {
        let cut = s.unicodeScalars.count > limit ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(limit))) + "…" : s
        return cut.debugDescription
    }

    // MARK: - Inputs

    /// The bytes as text. The usual form is UTF-8, decoded leniently as `frner --lossy` does; an input
    /// whose first byte is 0xFE (never in UTF-8) is raw UTF-16LE code units instead (unpaired surrogates
    /// included: `TextBuffer(utf16:)` is public). `validUnicode` is false for the raw form.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> (buffer: TextBuffer, validUnicode: Bool) {
        if let first = bytes.first, first == 0xFE {
            var units = ContiguousArray<UInt16>()
            units.reserveCapacity(bytes.count / 2)
            var i = 1
            while i + 1 < bytes.count {
                units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
                i += 2
            }
            var valid = true
            var k = 0
            while k < units.count {
                let u = units[k]
                if u & 0xFC00 == 0xD800 {
                    if k + 1 < units.count, units[k + 1] & 0xFC00 == 0xDC00 { k += 2; continue }
                    valid = false
                } else if u & 0xFC00 == 0xDC00 {
                    valid = false
                }
                k += 1
            }
            return (TextBuffer(utf16: units), valid)
        }
        return (TextBuffer(lossyUTF8: bytes), true)
    }

    // MARK: - Text and offsets

    /// Code points and UTF-8 bytes before each UTF-16 offset of a valid UTF-16 text (0...count), by a
    /// plain walk: the reference for `TextBuffer`'s checkpointed conversions.
    struct OffsetReference {
        var codePoints: [Int]
        var bytes: [Int]

        init(_ units: ContiguousArray<UInt16>) {
            codePoints = [Int](repeating: 0, count: units.count + 1)
            bytes = [Int](repeating: 0, count: units.count + 1)
            var cp = 0, b = 0, i = 0
            while i < units.count {
                codePoints[i] = cp
                bytes[i] = b
                let u = units[i]
                if u & 0xFC00 == 0xD800, i + 1 < units.count, units[i + 1] & 0xFC00 == 0xDC00 {
                    codePoints[i + 1] = cp + 1 // inside the pair: not a valid offset, never asked
                    bytes[i + 1] = b + 4
                    cp += 1; b += 4; i += 2
                    continue
                }
                cp += 1
                b += u < 0x80 ? 1 : u < 0x800 ? 2 : 3
                i += 1
            }
            codePoints[units.count] = cp
            bytes[units.count] = b
        }
    }

    /// Whether offset `i` falls between the two units of a surrogate pair.
    static func splitsPair(_ units: ContiguousArray<UInt16>, _ i: Int) -> Bool {
        i > 0 && i < units.count && units[i - 1] & 0xFC00 == 0xD800 && units[i] & 0xFC00 == 0xDC00
    }

    /// `TextBuffer`'s counts and offset maps against the plain walk (valid UTF-16 only).
    static func checkTextBuffer(_ text: TextBuffer) -> OffsetReference {
        let reference = OffsetReference(text.utf16)
        let string = text.string
        check(text.codePointCount == string.unicodeScalars.count, "text-counts",
              "codePointCount \(text.codePointCount) != \(string.unicodeScalars.count)")
        check(text.utf8Count == string.utf8.count, "text-counts", "utf8Count \(text.utf8Count) != \(string.utf8.count)")
        check(text.isASCII == text.utf16.allSatisfy { $0 < 0x80 }, "text-counts", "isASCII is \(text.isASCII)")
        check(Array(string.utf16) == Array(text.utf16), "text-roundtrip", "String(decoding:) changed the units")
        // Every offset near a checkpoint, and a sample of the rest.
        var i = 0
        while i <= text.count {
            if !splitsPair(text.utf16, i) {
                check(text.codePointOffset(utf16: i) == reference.codePoints[i], "offsets",
                      "codePointOffset(utf16: \(i)) = \(text.codePointOffset(utf16: i)), expected \(reference.codePoints[i])")
                check(text.utf8Offset(utf16: i) == reference.bytes[i], "offsets",
                      "utf8Offset(utf16: \(i)) = \(text.utf8Offset(utf16: i)), expected \(reference.bytes[i])")
            }
            i += (i & 63 < 2 || i & 63 > 61 || i < 512) ? 1 : 7
        }
        return reference
    }

    // MARK: - Tokens and sentences

    /// Tokens ordered, in bounds, non-overlapping, not splitting surrogate pairs, with keys inside the
    /// key pool and hashes of their keys; sentences covering the tokens in order; offsets agreeing.
    static func checkTokens(_ doc: TokenizedText, reference: OffsetReference?) {
        let units = doc.text.utf16
        let n = units.count
        var previousEnd = 0
        for (index, token) in doc.tokens.enumerated() {
            let s = Int(token.start), e = Int(token.end)
            check(s >= previousEnd, "tokens-ordered", "token \(index) starts at \(s) before the previous end \(previousEnd)")
            check(s < e && e <= n, "tokens-in-bounds", "token \(index) is \(s)..<\(e) in a text of \(n) units")
            guard s < e && e <= n && s >= 0 else { return }
            check(!splitsPair(units, s) && !splitsPair(units, e), "tokens-surrogates",
                  "token \(index) \(s)..<\(e) splits a surrogate pair")
            check(token.flags.contains(.spaceBefore) == (index == 0 || s > previousEnd), "tokens-space-flag",
                  "token \(index) \(s)..<\(e): spaceBefore is \(token.flags.contains(.spaceBefore))")
            let keyStart = Int(token.keyStart), keyLength = Int(token.keyLength)
            check(keyStart >= 0 && keyStart + keyLength <= doc.keyPool.count, "token-key",
                  "token \(index) key \(keyStart)+\(keyLength) outside a pool of \(doc.keyPool.count)")
            if keyStart >= 0 && keyStart + keyLength <= doc.keyPool.count {
                var hash: UInt32 = 2_166_136_261
                for k in keyStart..<keyStart + keyLength { hash = (hash ^ UInt32(doc.keyPool[k])) &* 16_777_619 }
                check(hash == token.keyHash, "token-key-hash",
                      "token \(index) \(s)..<\(e) (\(e - s) units, key of \(keyLength) units): keyHash is not the FNV-1a hash of its key")
            }
            if let reference, !splitsPair(units, s), !splitsPair(units, e) {
                check(doc.text.codePointOffset(utf16: s) == reference.codePoints[s]
                      && doc.text.codePointOffset(utf16: e) == reference.codePoints[e], "offsets",
                      "token \(index) \(s)..<\(e): code-point offsets disagree")
                check(doc.text.utf8Offset(utf16: s) == reference.bytes[s]
                      && doc.text.utf8Offset(utf16: e) == reference.bytes[e], "offsets",
                      "token \(index) \(s)..<\(e): UTF-8 offsets disagree")
            }
            previousEnd = e
        }
        // Sentences: in order, contiguous, non-empty, covering every token.
        var next = 0
        for (index, sentence) in doc.sentences.enumerated() {
            check(Int(sentence.tokenStart) == next && sentence.tokenEnd > sentence.tokenStart, "sentences",
                  "sentence \(index) is tokens \(sentence.tokenStart)..<\(sentence.tokenEnd), expected to start at \(next)")
            next = Int(sentence.tokenEnd)
        }
        check(next == doc.tokens.count, "sentences", "sentences cover \(next) of \(doc.tokens.count) tokens")
    }

    /// The windowed sentence boundaries equal ICU's over the whole text.
    static func checkSentenceBoundaries(_ text: TextBuffer) {
        let breaker = try! ICUBreaker.current()
        let (windowed, whole) = text.utf16.withUnsafeBufferPointer { units in
            (Array(SentenceBoundaries.find(units, breaker: breaker)), Array(SentenceBoundaries.wholeText(units, breaker: breaker)))
        }
        check(windowed == whole, "sentence-windows",
              "windowed boundaries \(windowed.prefix(20)) != whole-text \(whole.prefix(20)) in \(show(text.string))")
    }

    // MARK: - Entities

    /// Entities inside the text, ordered, not overlapping, on token boundaries, not across a line break,
    /// each slice equal to `entity.text`, offsets in all three units agreeing, labels and sources valid.
    static func checkEntities(_ tagged: TaggedText, reference: OffsetReference?, context: String) {
        let doc = tagged.tokens
        let units = doc.text.utf16
        var previous: Entity?
        for (index, entity) in tagged.entities.enumerated() {
            let r = entity.utf16Range
            let what = "\(context): entity \(index) \(entity.label.rawValue) \(show(entity.text)) utf16 \(r) tokens \(entity.tokenRange)"
            check(r.lowerBound >= 0 && r.lowerBound < r.upperBound && r.upperBound <= units.count, "entity-in-bounds", what)
            guard r.lowerBound >= 0 && r.lowerBound < r.upperBound && r.upperBound <= units.count else { continue }
            if let previous {
                check(previous.utf16Range.upperBound <= r.lowerBound, "entity-overlap",
                      "\(what) overlaps or precedes the previous entity \(previous.label.rawValue) \(show(previous.text)) utf16 \(previous.utf16Range)")
            }
            check(doc.text.string(r) == entity.text, "entity-text", "\(what): slice is \(show(doc.text.string(r)))")
            check(!splitsPair(units, r.lowerBound) && !splitsPair(units, r.upperBound), "entity-surrogates", what)
            let t = entity.tokenRange
            let tokensOK = t.lowerBound >= 0 && t.lowerBound < t.upperBound && t.upperBound <= doc.tokens.count
            check(tokensOK, "entity-tokens", "\(what): token range outside \(doc.tokens.count) tokens")
            if tokensOK {
                check(Int(doc.tokens[t.lowerBound].start) == r.lowerBound && Int(doc.tokens[t.upperBound - 1].end) == r.upperBound,
                      "entity-tokens", "\(what): tokens span \(doc.tokens[t.lowerBound].start)..<\(doc.tokens[t.upperBound - 1].end)")
            }
            // No entity runs across a line or paragraph break (ICU's sentence separators LF, CR, NEL, LS, PS): a
            // lexicon entry cannot hold one, a name in running text does not. Sentence ends are not checked:
            // a lexicon entry may hold `!` or `. `.
            check(!entity.text.unicodeScalars.contains { [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains($0.value) },
                  "entity-line-break", "\(what) runs across a line break")
            check(["PER", "ORG", "LOC"].contains(entity.label.rawValue), "entity-label", what)
            check(!entity.source.isEmpty, "entity-source", "\(what): empty source")
            if let canonical = entity.canonical { check(!canonical.isEmpty, "entity-canonical", "\(what): empty canonical") }
            if let reference, !splitsPair(units, r.lowerBound), !splitsPair(units, r.upperBound) {
                check(entity.start == reference.codePoints[r.lowerBound] && entity.end == reference.codePoints[r.upperBound],
                      "entity-offsets", "\(what): code points \(entity.start)..<\(entity.end), expected \(reference.codePoints[r.lowerBound])..<\(reference.codePoints[r.upperBound])")
                check(entity.byteStart == reference.bytes[r.lowerBound] && entity.byteEnd == reference.bytes[r.upperBound],
                      "entity-offsets", "\(what): bytes \(entity.byteStart)..<\(entity.byteEnd), expected \(reference.bytes[r.lowerBound])..<\(reference.bytes[r.upperBound])")
            }
            previous = entity
        }
    }

    /// Every combination of the person-span conventions.
    static let allConventions: [TaggingConventions] = (0..<8).map {
        TaggingConventions(personTitles: $0 & 1 != 0, personFunctions: $0 & 2 != 0, personAppositions: $0 & 4 != 0)
    }

    // MARK: - Reader errors

    /// A reader's error line: within the text's lines (1-based), or 0 for the file as a whole.
    static func checkErrorLine(_ line: Int, in text: String, reader: String, message: String) {
        let lineCount = text.lines().count
        check(line >= 1 && line <= lineCount, "\(reader)-error-position",
              "error at line \(line) of a text of \(lineCount) lines: \(message)")
    }
}
