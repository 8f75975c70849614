import CFrenchICU
import Testing
@testable import FrenchNER

/// The C shim's unit scans (`frn_find_token_marks`, `frn_find_sentence_candidates`) run 32 units at a
/// time with AVX2, 16 with SSE2, one at a time at a text's end: every form must find exactly the units
/// of its list.
@Suite("Unit scans: vector and scalar forms find exactly the listed units")
struct UnitScanTests {
    private typealias Scan = (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>?) -> Int32

    private func offsets(_ units: [UInt16], _ scan: Scan) -> [Int32] {
        var out = [Int32](repeating: -1, count: max(units.count, 1))
        let n = units.withUnsafeBufferPointer { text in
            out.withUnsafeMutableBufferPointer { scan(text.baseAddress, Int32(text.count), $0.baseAddress) }
        }
        return Array(out.prefix(Int(n)))
    }

    private static func isTokenMark(_ u: UInt16) -> Bool {
        [0x3A, 0x40, 0x77, 0x57, 0x202F, 0x27, 0x2019].contains(u)
    }

    private static func isSentenceCandidate(_ u: UInt16) -> Bool {
        [0x2E, 0x21, 0x3F, 0x0A, 0x0D, 0x85, 0x2024, 0x2028, 0x2029, 0x203C, 0x203D].contains(u)
            || (u >= 0x589 && (u < 0x2000 || u >= 0x2070)) || (0x2047...0x2049).contains(u)
    }

    /// Units at and around every listed value and range end, plus ordinary letters and spaces.
    private static let palette: [UInt16] = {
        var units: [UInt16] = [0x61, 0x65, 0x20, 0x45, 0xE9, 0x0, 0xFFFF]
        for u: UInt16 in [0x3A, 0x40, 0x77, 0x57, 0x202F, 0x27, 0x2019, 0x2E, 0x21, 0x3F, 0x0A, 0x0D, 0x85, 0x2024,
                          0x2028, 0x2029, 0x203C, 0x203D, 0x589, 0x1FFF, 0x2070, 0x2047, 0x2049] {
            units += [u &- 1, u, u &+ 1]
        }
        return units
    }()

    @Test("random texts of every length up to 100: vector forms, baseline forms and the lists agree")
    func randomTexts() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...100 {
            for _ in 0..<20 {
                let units = (0..<length).map { _ in UnitScanTests.palette.randomElement(using: &generator)! }
                let marks = units.indices.filter { UnitScanTests.isTokenMark(units[$0]) }.map { Int32($0) }
                let candidates = units.indices.filter { UnitScanTests.isSentenceCandidate(units[$0]) }.map { Int32($0) }
                #expect(offsets(units, frn_find_token_marks) == marks, "\(units)")
                #expect(offsets(units, frn_find_token_marks_baseline) == marks, "\(units)")
                #expect(offsets(units, frn_find_sentence_candidates) == candidates, "\(units)")
                #expect(offsets(units, frn_find_sentence_candidates_baseline) == candidates, "\(units)")
            }
        }
    }

    @Test("every unit value, in one text")
    func everyUnit() {
        let units = (0...0xFFFF).map { UInt16($0) }
        let candidates = units.indices.filter { UnitScanTests.isSentenceCandidate(units[$0]) }.map { Int32($0) }
        #expect(offsets(units, frn_find_sentence_candidates) == candidates)
        #expect(offsets(units, frn_find_sentence_candidates_baseline) == candidates)
        let marks = units.indices.filter { UnitScanTests.isTokenMark(units[$0]) }.map { Int32($0) }
        #expect(offsets(units, frn_find_token_marks) == marks)
        #expect(offsets(units, frn_find_token_marks_baseline) == marks)
    }
}

@Suite("Key folding: the table's fast path against the normalizer")
struct FoldingTests {
    /// Every code point outside the surrogates: the fold that skips the normalizer for a code point that
    /// folds to one code point without a decomposition gives what the normalizer gives.
    @Test("frn_fold_codepoint equals the always-normalizing fold for every code point")
    func foldMatchesNormalizer() {
        var fast = [UInt16](repeating: 0, count: 32)
        var reference = [UInt16](repeating: 0, count: 32)
        var checked = 0
        var decomposing = 0
        let codePoints = Array(0..<0xD800) + Array(0xE000..<0x11_0000)
        for codePoint in codePoints.map(UInt32.init) {
            let n = Int(frn_fold_codepoint(codePoint, &fast, 32))
            let m = Int(frn_fold_codepoint_normalizing(codePoint, &reference, 32))
            #expect(n == m && fast[0..<min(n, 32)] == reference[0..<min(m, 32)], "U+\(String(codePoint, radix: 16))")
            if n != m || fast[0..<min(n, 32)] != reference[0..<min(m, 32)] { break }
            checked += 1
            if m != 1 || reference[0] != UInt16(truncatingIfNeeded: codePoint) { decomposing += 1 }
        }
        #expect(checked == codePoints.count)
        // Both paths were taken: `é` decomposes (the normalizer), `a` does not.
        #expect(decomposing > 1000)
        #expect(Int(frn_fold_codepoint(0xE9, &fast, 32)) == 1 && fast[0] == 0x65)
    }
}
