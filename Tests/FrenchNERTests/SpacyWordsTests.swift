import Testing
@testable import FrenchNER

private let tokenizer = try! Tokenizer()

private func words(_ text: String) -> [String] {
    let tokenized = tokenizer.tokenize(text)
    let words = SpacyWords(tokenized)
    return zip(words.ranges, words.spaces).map { tokenized.text.string($0) + ($1 ? "␣" : "") }
}

@Suite("SpacyWords: frner's tokens as spaCy's words and spaces")
struct SpacyWordsTests {
    @Test("one space after a word is its flag; any other white space is a word of its own", arguments: [
        ("M. Blinken à Kiev.", ["M.␣", "Blinken␣", "à␣", "Kiev", "."]),
        ("a  b", ["a␣", " ", "b"]),
        ("a\nb", ["a", "\n", "b"]),
        ("a \n b", ["a␣", "\n ", "b"]),
        (" a ", [" ", "a␣"]),
        ("  ", ["  "]),
        ("", []),
        ("l'État\u{00A0}!", ["l'", "État", "\u{00A0}", "!"]),
    ])
    func gaps(text: String, expected: [String]) {
        #expect(words(text) == expected)
    }
}
