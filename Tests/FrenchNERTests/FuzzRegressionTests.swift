import Testing
@testable import FrenchNER

/// Inputs found by the fuzz targets (Fuzz/), kept as tests of the fixes.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test("CoNLL: a row with a tag and no token is an error at its line, not an empty gold span")
    func conllEmptyToken() {
        for text in ["\tB-PER\n\tI-PE+\n", "Jean\tB-PER\n \tI-PER\n", "Paris\tO\n\tO\n"] {
            for requireTags in [true, false] {
                #expect(throws: GoldFormatError.self, "\(text.debugDescription)") {
                    try CoNLLReader.parse(text, name: "f.conll", requireTags: requireTags)
                }
                do {
                    _ = try CoNLLReader.parse(text, name: "f.conll", requireTags: requireTags)
                } catch {
                    #expect(error.message == "empty token (first column)")
                    #expect(error.line == (text.hasPrefix("\t") ? 1 : 2))
                }
            }
        }
        // Tokens with inner spaces and blank separator rows are still read.
        let documents = try? CoNLLReader.parse("New York\tB-LOC\n \t\nParis\tB-LOC\n", name: "f.conll")
        #expect(documents?.first?.entities.count == 2)
    }

    @Test("a token whose key is longer than 65535 units keeps the hash of its stored (cut) key")
    func longTokenKeyHash() throws {
        let tokenizer = try Tokenizer()
        for text in [String(repeating: "a", count: 70_000),
                     "Voir https://www.example.org/" + String(repeating: "abc/", count: 20_000)] {
            let doc = tokenizer.tokenize(text)
            let token = try #require(doc.tokens.max { $0.end - $0.start < $1.end - $1.start })
            #expect(token.keyLength == UInt16.max)
            #expect(token.keyHash == KeyTable.hash(doc.keyUnits(of: token)))
        }
    }
}
