import FrenchNER
import Testing

/// The helpers that stand in for Foundation's `String(format:)`, `padding` and `trimmingCharacters`,
/// so that the library links FoundationEssentials only: same text as Foundation gave.
@Suite("String formatting without Foundation")
struct StringFormattingTests {
    @Test("printf: fixed decimals, widths, 64-bit integers, %%, a result longer than the first buffer",
          arguments: [
              (String(printf: "%.2f", 0.125), "0.12"),
              (String(printf: "%.2f", 1.005), "1.00"),
              (String(printf: "%7.4f %7ld", 0.5, 12), " 0.5000      12"),
              (String(printf: "%ld", Int.max), "9223372036854775807"),
              (String(printf: "%ld", -42), "-42"),
              (String(printf: "%.0f%% of %.1f MB", 99.6, 2.25), "100% of 2.2 MB"),
              (String(printf: "%.*f", Int32(3), 2.0), "2.000"),
              (String(printf: "%400.1f", 1.0).count == 400 ? "long" : "short", "long"),
          ])
    func printf(result: String, expected: String) {
        #expect(result == expected)
    }

    @Test("padded: spaces up to the length, cut when longer, counted in UTF-16 units",
          arguments: [("PER", 5, "PER  "), ("overall", 3, "ove"), ("", 2, "  "), ("été", 4, "été "), ("ORG", 3, "ORG")])
    func padded(text: String, length: Int, expected: String) {
        #expect(text.padded(toLength: length) == expected)
    }

    @Test("trimmingWhitespace: spaces, tabs and no-break spaces at either end; line breaks and inner spaces kept",
          arguments: [(" ORG\t", "ORG"), ("\u{00A0}Paris\u{202F}", "Paris"), ("a b", "a b"), ("  ", ""), ("", ""),
                      ("x\n", "x\n"), ("\tPER.full ", "PER.full")])
    func trimming(text: String, expected: String) {
        #expect(text.trimmingWhitespace() == expected)
        #expect(Substring(text).trimmingWhitespace() == expected)
    }
}
