import Foundation
import Testing
@testable import FrenchNER

/// The text of a span, by code points.
private func slice(_ text: String, _ span: EntitySpan) -> String {
    let scalars = Array(text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[span.start..<span.end]))
}

/// A document's spans as `text|LABEL`.
private func spans(_ document: GoldDocument) -> [String] {
    document.entities.map { "\(slice(document.text, $0))|\($0.label.rawValue)" }
}

private func conll(_ rows: [String]) -> String { rows.joined(separator: "\n") + "\n" }

@Suite("CoNLL gold: tags and text")
struct CoNLLReaderTests {
    @Test("BIO2: B- starts an entity, I- continues it; sentences become lines")
    func bio2() throws {
        let text = conll([
            "Emmanuel\tB-PER", "Macron\tI-PER", "est\tO", "à\tO", "Paris\tB-LOC", ".\tO", "",
            "Il\tO", "rencontre\tO", "la\tO", "Banque\tB-ORG", "de\tI-ORG", "France\tI-ORG", ".\tO", "",
        ])
        let documents = try CoNLLReader.parse(text, name: "g.conll")
        try #require(documents.count == 1)
        let document = documents[0]
        #expect(document.id == "g.conll#1")
        #expect(document.text == "Emmanuel Macron est à Paris.\nIl rencontre la Banque de France.\n")
        #expect(document.sentenceCount == 2)
        // `Emmanuel Macron` 0..<15; `Paris` after `Emmanuel Macron est à ` (22 characters) 22..<27;
        // line 2 starts at 29: `Il rencontre la ` is 16 → `Banque de France` 45..<61.
        #expect(document.entities == [
            EntitySpan(start: 0, end: 15, label: .person), EntitySpan(start: 22, end: 27, label: .location),
            EntitySpan(start: 45, end: 61, label: .organisation),
        ])
        #expect(spans(document) == ["Emmanuel Macron|PER", "Paris|LOC", "Banque de France|ORG"])
    }

    @Test("IOB1: I- after O or another type starts an entity; B- separates adjacent entities of one type")
    func iob1() throws {
        let text = conll([
            "Jean\tI-PER", "Dupont\tI-PER", "Marie\tB-PER", "Curie\tI-PER", "et\tO", "Lyon\tI-LOC",
            "Lille\tB-LOC", "OTAN\tI-ORG", "Kiev\tI-LOC", "",
        ])
        let document = try #require(try CoNLLReader.parse(text, name: "iob1").first)
        #expect(document.text == "Jean Dupont Marie Curie et Lyon Lille OTAN Kiev\n")
        #expect(spans(document) == ["Jean Dupont|PER", "Marie Curie|PER", "Lyon|LOC", "Lille|LOC", "OTAN|ORG", "Kiev|LOC"])
    }

    @Test("E- and S- (BIOES) close entities")
    func bioes() throws {
        let text = conll(["Jean\tB-PER", "Dupont\tE-PER", "Paris\tS-LOC", "Lyon\tS-LOC", ""])
        let document = try #require(try CoNLLReader.parse(text, name: "x").first)
        #expect(spans(document) == ["Jean Dupont|PER", "Paris|LOC", "Lyon|LOC"])
    }

    @Test("-DOCSTART- separates documents, numbered from 1; an entity never runs across a sentence")
    func docstart() throws {
        let text = conll([
            "-DOCSTART- -X- O O", "", "Paris\tB-LOC", "", "Saint\tI-LOC", "Denis\tI-LOC", "",
            "-DOCSTART- -X- O O", "", "Macron\tB-PER", "parle\tO", "",
            "-DOCSTART- -X- O O", "",
        ])
        let documents = try CoNLLReader.parse(text, name: "c.txt")
        #expect(documents.map(\.id) == ["c.txt#1", "c.txt#2"])
        #expect(documents.map(\.text) == ["Paris\nSaint Denis\n", "Macron parle\n"])
        #expect(documents.map(\.sentenceCount) == [2, 1])
        #expect(spans(documents[0]) == ["Paris|LOC", "Saint Denis|LOC"])
        #expect(spans(documents[1]) == ["Macron|PER"])
    }

    @Test("the text is rebuilt with French spacing")
    func frenchSpacing() throws {
        let tokens = ["Selon", "l'", "OTAN", "(", "Bruxelles", ")", ",", "«", "non", "»", "jusqu'", "à",
                      "Jean", "-", "Pierre", "aujourd'hui", "…", "50", "%", "[", "sic", "]", "."]
        let tags = ["O", "O", "B-ORG", "O", "B-LOC", "O", "O", "O", "O", "O", "O", "O",
                    "B-PER", "I-PER", "I-PER", "O", "O", "O", "O", "O", "O", "O", "O"]
        let text = conll(zip(tokens, tags).map { "\($0)\t\($1)" })
        let document = try #require(try CoNLLReader.parse(text, name: "s").first)
        #expect(document.text == "Selon l'OTAN (Bruxelles), «non» jusqu'à Jean-Pierre aujourd'hui… 50% [sic].\n")
        #expect(spans(document) == ["OTAN|ORG", "Bruxelles|LOC", "Jean-Pierre|PER"])
        #expect(document.entities[0] == EntitySpan(start: 8, end: 12, label: .organisation))
    }

    @Test("MISC and other types are dropped; long label names are read; --labels keeps only some")
    func labels() throws {
        let text = conll([
            "Coupe\tB-MISC", "du\tI-MISC", "monde\tI-MISC", "à\tO", "Paris\tB-GPE", "avec\tO",
            "Zidane\tB-PERS", "et\tO", "la\tO", "FIFA\tB-Organization", "en\tO", "2018\tB-DATE", "",
        ])
        let all = try #require(try CoNLLReader.parse(text, name: "m").first)
        #expect(spans(all) == ["Paris|LOC", "Zidane|PER", "FIFA|ORG"])
        let persons = try #require(try CoNLLReader.parse(text, name: "m", labels: [.person]).first)
        #expect(spans(persons) == ["Zidane|PER"])
        // A dropped type still ends the entity before it.
        let adjacent = try #require(try CoNLLReader.parse(conll(["Paris\tB-LOC", "Match\tI-MISC", ""]), name: "a").first)
        #expect(adjacent.entities == [EntitySpan(start: 0, end: 5, label: .location)])
    }

    @Test("the tag is the second column: extra columns are ignored; space-separated columns and trailing spaces are read")
    func columns() throws {
        let text = conll(["Paris\tB-LOC\tNNP\tx", "est\tO  ", "Lyon B-LOC  ", "Jean-Luc B-PER", ""])
        let document = try #require(try CoNLLReader.parse(text, name: "c").first)
        #expect(document.text == "Paris est Lyon Jean-Luc\n")
        #expect(spans(document) == ["Paris|LOC", "Lyon|LOC", "Jean-Luc|PER"])
        // CoNLL-2003's `TOKEN POS CHUNK TAG` layout is not this format: the second column is read as the tag.
        #expect(throws: GoldFormatError.self) { try CoNLLReader.parse("Paris NNP B-NP B-LOC\n", name: "c") }
    }

    @Test("errors name the line", arguments: [
        ("Paris\tB-LOC\nParis\n", 2, "expected TOKEN<TAB>TAG, found one column"),
        ("Paris\tX-LOC\n", 1, "unknown tag 'X-LOC' (expected O, B-X or I-X)"),
        ("\n\nParis\tLOC\n", 3, "unknown tag 'LOC' (expected O, B-X or I-X)"),
    ])
    func errors(text: String, line: Int, message: String) {
        do {
            _ = try CoNLLReader.parse(text, name: "bad.conll")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "bad.conll")
            #expect(error.line == line)
            #expect(error.message == message)
            #expect(error.description == "bad.conll:\(line): \(message)")
        }
    }

    @Test("Windows line ends (CRLF)")
    func crlf() throws {
        // "\r\n" is one Character in Swift: lines are split on scalars (regression test).
        let document = try #require(try CoNLLReader.parse("Paris\tB-LOC\r\nest\tO\r\n\r\n", name: "w").first)
        #expect(document.text == "Paris est\n")
        #expect(spans(document) == ["Paris|LOC"])
    }

    @Test("gold tokens split differently from ours: scored on characters")
    func differentTokenization() throws {
        // Gold keeps `l'OTAN` and `Saint-Étienne` as single tokens; our tokenizer splits both.
        let text = conll(["Il\tO", "quitte\tO", "l'OTAN\tB-ORG", "pour\tO", "Saint-Étienne\tB-LOC", ".\tO", ""])
        let document = try #require(try CoNLLReader.parse(text, name: "t").first)
        #expect(document.text == "Il quitte l'OTAN pour Saint-Étienne.\n")
        #expect(spans(document) == ["l'OTAN|ORG", "Saint-Étienne|LOC"])
        let predicted = sharedTagger.entities(in: document.text).map { EntitySpan(start: $0.start, end: $0.end, label: $0.label) }
        // We predict `OTAN` 12..<16 (not `l'OTAN` 10..<16) and `Saint-Étienne` 22..<35 exactly.
        #expect(predicted == [EntitySpan(start: 12, end: 16, label: .organisation),
                              EntitySpan(start: 22, end: 35, label: .location)])
        var scorer = Scorer()
        scorer.add(gold: document.entities, predicted: predicted, text: document.text, id: document.id)
        // Strict: LOC exact (tp 1); ORG differs by the elision: fp 1, fn 1.
        #expect(scorer.overall == PRF(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        // Partial: both overlap a gold span of their label.
        #expect(scorer.partial == PRF(truePositives: 2, falsePositives: 0, falseNegatives: 0))
        #expect(scorer.boundary == PRF(truePositives: 1, falsePositives: 1, falseNegatives: 1))
    }
}

@Suite("Scorer")
struct ScorerTests {
    // Text positions only matter for error reports: ten digits repeated.
    static let text = String(repeating: "0123456789", count: 7)

    static let gold = [
        EntitySpan(start: 0, end: 10, label: .person),        // g1
        EntitySpan(start: 20, end: 25, label: .location),     // g2
        EntitySpan(start: 30, end: 40, label: .organisation), // g3
        EntitySpan(start: 50, end: 55, label: .location),     // g4
    ]
    static let predicted = [
        EntitySpan(start: 0, end: 10, label: .person),        // p1 = g1
        EntitySpan(start: 20, end: 24, label: .location),     // p2 overlaps g2, shorter
        EntitySpan(start: 30, end: 40, label: .person),       // p3 = g3's span, wrong label
        EntitySpan(start: 60, end: 65, label: .organisation), // p4 spurious
    ]

    @Test("strict, partial, boundary and confusion counts of a hand-made example")
    func counts() {
        var scorer = Scorer()
        scorer.add(gold: Self.gold, predicted: Self.predicted, text: Self.text, id: "d1", sentences: 3)
        // Strict (same start, end, label):
        //   PER: p1 = g1 → tp 1; p3 is no PER gold → fp 1; fn 0.
        //   LOC: no exact match → tp 0; p2 → fp 1; g2, g4 → fn 2.
        //   ORG: tp 0; p4 → fp 1; g3 → fn 1.
        #expect(scorer.strict[.person] == PRF(truePositives: 1, falsePositives: 1, falseNegatives: 0))
        #expect(scorer.strict[.location] == PRF(truePositives: 0, falsePositives: 1, falseNegatives: 2))
        #expect(scorer.strict[.organisation] == PRF(truePositives: 0, falsePositives: 1, falseNegatives: 1))
        // Overall: tp 1, fp 3, fn 3 → P = R = F1 = 1/4.
        #expect(scorer.overall == PRF(truePositives: 1, falsePositives: 3, falseNegatives: 3))
        #expect(scorer.overall.precision == 0.25 && scorer.overall.recall == 0.25 && scorer.overall.f1 == 0.25)
        // Partial (same label, overlapping): gold found g1 (p1), g2 (p2) → tp 2, fn 4 − 2 = 2;
        // predictions right p1, p2 → fp 4 − 2 = 2 (p3's overlap is ORG, p4 overlaps nothing).
        #expect(scorer.partial == PRF(truePositives: 2, falsePositives: 2, falseNegatives: 2))
        // Boundary (exact span, any label): common spans 0..<10 and 30..<40 → tp 2, fp 2, fn 2.
        #expect(scorer.boundary == PRF(truePositives: 2, falsePositives: 2, falseNegatives: 2))
        // Confusion over exact spans: g1 → PER; g2, g4 → O; g3 → PER; p2, p4 have no gold span.
        #expect(scorer.confusion == ["PER": ["PER": 1], "LOC": ["O": 2], "ORG": ["PER": 1], "O": ["LOC": 1, "ORG": 1]])
        #expect(scorer.documents == 1 && scorer.sentences == 3)
    }

    @Test("documents add up")
    func addUp() {
        var scorer = Scorer()
        scorer.add(gold: Self.gold, predicted: Self.predicted, text: Self.text, id: "d1", sentences: 3)
        scorer.add(gold: [EntitySpan(start: 0, end: 5, label: .location)],
                   predicted: [EntitySpan(start: 0, end: 5, label: .location)], text: "Paris", id: "d2", sentences: 1)
        scorer.add(gold: [], predicted: [], text: "", id: "d3")
        // LOC gains one tp: overall tp 2, fp 3, fn 3 → P = R = 2/5.
        #expect(scorer.overall == PRF(truePositives: 2, falsePositives: 3, falseNegatives: 3))
        #expect(scorer.overall.precision == 0.4 && scorer.overall.recall == 0.4)
        #expect(abs(scorer.overall.f1 - 0.4) < 1e-12)
        #expect(scorer.partial == PRF(truePositives: 3, falsePositives: 2, falseNegatives: 2))
        #expect(scorer.documents == 3 && scorer.sentences == 4)
    }

    @Test("errors and precision by source")
    func errors() {
        var scorer = Scorer(keepErrors: true)
        scorer.add(gold: Self.gold, predicted: Self.predicted, text: Self.text, id: "d1",
                   sources: ["lex", "rule.a", "rule.b", "rule.a"])
        let described = scorer.errors.map { "\($0.kind.rawValue) \($0.span.start)-\($0.span.end) [\($0.overlapping)] \($0.source ?? "-")" }
        #expect(described == [
            "FP 20-24 [LOC 01234] rule.a",
            "FP 30-40 [ORG 0123456789] rule.b",
            "FP 60-65 [] rule.a",
            "FN 20-25 [LOC 0123] rule.a",
            "FN 30-40 [PER 0123456789] rule.b",
            "FN 50-55 [] -",
        ])
        #expect(scorer.errors[0].documentID == "d1")
        #expect(scorer.errors[0].text == "0123")
        // Context: up to 60 characters each side, the span in brackets.
        #expect(scorer.errors[2].context == String(Self.text.prefix(60)) + "[01234]" + "56789")
        #expect(scorer.bySource["lex"] == PRF(truePositives: 1))
        #expect(scorer.bySource["rule.a"] == PRF(falsePositives: 2))
        #expect(scorer.bySource["rule.b"] == PRF(falsePositives: 1))
    }

    @Test("precision, recall and F1 with empty counts are 0, not NaN")
    func emptyPRF() {
        let empty = PRF()
        #expect(empty.precision == 0 && empty.recall == 0 && empty.f1 == 0)
        let onlyFN = PRF(falseNegatives: 3)
        #expect(onlyFN.precision == 0 && onlyFN.recall == 0 && onlyFN.f1 == 0)
        let mixed = PRF(truePositives: 3, falsePositives: 1, falseNegatives: 3)
        #expect(mixed.precision == 0.75 && mixed.recall == 0.5 && abs(mixed.f1 - 0.6) < 1e-12)
    }
}

@Suite("brat gold")
struct BratReaderTests {
    @Test("text-bound annotations: other lines skipped, discontinuous spans joined, unknown types dropped")
    func parse() throws {
        let ann = """
        T1\tPER 0 15\tEmmanuel Macron
        #1\tAnnotatorNotes T1\tnote
        T2\tMISC 20 30\tCoupe du monde
        T3\tLOC 20 25;26 30\tParis France
        R1\tRel Arg1:T1 Arg2:T3
        A1\tNegation T1
        T4\tOrganization 31 35\tOTAN

        """
        let spans = try BratReader.parseAnnotations(ann, file: "a.ann", textLength: 40, labels: Set(EntityLabel.allCases))
        #expect(spans == [EntitySpan(start: 0, end: 15, label: .person), EntitySpan(start: 20, end: 30, label: .location),
                          EntitySpan(start: 31, end: 35, label: .organisation)])
        let onlyLOC = try BratReader.parseAnnotations(ann, file: "a.ann", textLength: 40, labels: [.location])
        #expect(onlyLOC == [EntitySpan(start: 20, end: 30, label: .location)])
    }

    @Test("bad annotation lines name the line", arguments: [
        ("T1\tPER 0 5\tx\nT2\tPER 0 99\tx", 2, "bad offsets 'PER 0 99' (text has 10 characters)"),
        ("T1\tPER 6 5\tx", 1, "bad offsets 'PER 6 5' (text has 10 characters)"),
        ("T1\tPER -1 5\tx", 1, "bad offsets 'PER -1 5' (text has 10 characters)"),
        ("T1\tPER five 5\tx", 1, "bad offsets 'PER five 5' (text has 10 characters)"),
        ("T1 PER 0 5 x", 1, "expected ID<TAB>TYPE START END<TAB>TEXT"),
    ])
    func errors(ann: String, line: Int, message: String) {
        do {
            _ = try BratReader.parseAnnotations(ann, file: "b.ann", textLength: 10, labels: Set(EntityLabel.allCases))
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "b.ann" && error.line == line && error.message == message)
        }
    }

    @Test("nested spans: the outermost is kept, a crossing span is dropped")
    func outermostRule() {
        let kept = outermost([
            EntitySpan(start: 0, end: 15, label: .person),
            EntitySpan(start: 0, end: 30, label: .organisation),
            EntitySpan(start: 20, end: 30, label: .location),
            EntitySpan(start: 40, end: 45, label: .location),
            EntitySpan(start: 42, end: 50, label: .person),
            EntitySpan(start: 50, end: 55, label: .person),
        ])
        #expect(kept == [EntitySpan(start: 0, end: 30, label: .organisation), EntitySpan(start: 40, end: 45, label: .location),
                         EntitySpan(start: 50, end: 55, label: .person)])
    }

    @Test("a folder: pairs read in name order, a .txt without .ann skipped, MISC dropped before nesting")
    func folder() throws {
        let folder = try TemporaryFolder()
        // `😀 ` is 2 code points (3 UTF-16 units): brat offsets count code points.
        try folder.write("b.txt", "😀 Banque de France à Paris.\nDeuxième ligne.")
        try folder.write("b.ann", """
        T1\tORG 2 18\tBanque de France
        T2\tLOC 12 18\tFrance
        T3\tLOC 21 26\tParis

        """)
        try folder.write("a.txt", "La Coupe de France à Lille.")
        // MISC is dropped first, so the LOC inside it survives.
        try folder.write("a.ann", "T1\tMISC 3 18\tCoupe de France\nT2\tLOC 12 18\tFrance\nT3\tLOC 21 26\tLille\n")
        try folder.write("c.txt", "Pas d'annotations.")
        let documents = try BratReader.read(folder: folder.path)
        #expect(documents.map(\.id) == ["a", "b"])
        #expect(documents.map(spans) == [["France|LOC", "Lille|LOC"], ["Banque de France|ORG", "Paris|LOC"]])
        #expect(documents.map(\.sentenceCount) == [1, 2])
        // Through GoldCorpus: a folder is brat.
        #expect(GoldFormat.detect(path: folder.path) == .brat)
        #expect(try GoldCorpus.read(path: folder.path, labels: [.location]).map(spans) == [["France|LOC", "Lille|LOC"], ["France|LOC", "Paris|LOC"]])
    }

    @Test("a folder without pairs is an error")
    func emptyFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("x.txt", "texte")
        do {
            _ = try BratReader.read(folder: folder.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(folder.path): no .txt file with a matching .ann file")
        }
    }
}

@Suite("JSON: parsing")
struct JSONParsingTests {
    private func value(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)[...]) }

    @Test("values, escapes and surrogate pairs")
    func values() throws {
        let parsed = try value(#" {"a": [1, 2.5, -3e2, true, false, null], "b": "q\"b\\s\/\b\f\n\r\t\u00e9\ud83d\ude00", "c": {}} "#)
        #expect(parsed == .object([
            (key: "a", value: .array([.number(1), .number(2.5), .number(-300), .bool(true), .bool(false), .null])),
            (key: "b", value: .string("q\"b\\s/\u{08}\u{0C}\n\r\té😀")),
            (key: "c", value: .object([])),
        ]))
        #expect(parsed["b"]?.stringValue == "q\"b\\s/\u{08}\u{0C}\n\r\té😀")
        #expect(parsed["a"]?.arrayValue?.map(\.intValue) == [1, nil, -300, nil, nil, nil])
        #expect(parsed["zz"] == nil)
    }

    @Test("lone and mismatched surrogates become U+FFFD", arguments: [
        (#""\ud83d""#, "\u{FFFD}"),
        (#""\ude00x""#, "\u{FFFD}x"),
        (#""\ud83d\u0041""#, "\u{FFFD}A"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""a\u0000b""#, "a\u{0}b"),
    ])
    func surrogates(json: String, expected: String) throws {
        #expect(try value(json) == .string(expected))
    }

    @Test("integers: only exact whole numbers below 9e15", arguments: [
        ("3", 3 as Int?), ("3.0", 3), ("3.5", nil), ("-0", 0), ("1e16", nil), ("9000000000000000", nil), ("8999999999999999", 8_999_999_999_999_999), ("\"3\"", nil),
    ])
    func intValue(json: String, expected: Int?) throws {
        #expect(try value(json).intValue == expected)
    }

    @Test("errors give the byte offset of the problem", arguments: [
        (#"{"a":1,}"#, 7, "expected a string"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        ("[1,2", 4, "unexpected end, expected ']'"),
        (#"{"a":"\x"}"#, 7, "invalid escape '\\x'"),
        ("{\"a\":\"x\u{01}\"}", 7, "control character in string (must be escaped)"),
        (#"{"a":"x"#, 7, "unterminated string"),
        (#""\u12""#, 3, "truncated \\u escape"),
        (#""\u12G4""#, 5, "invalid hex digit in \\u escape"),
        ("1.", 2, "digits expected after '.'"),
        ("1e+", 3, "digits expected in exponent"),
        ("-", 0, "unexpected character"),
        ("trUe", 0, "invalid literal"),
        ("tru", 0, "unexpected end of input"),
        ("", 0, "unexpected end of input"),
        ("1 2", 2, "unexpected data after the value"),
    ])
    func errors(json: String, offset: Int, message: String) {
        #expect(throws: JSONParseError(byteOffset: offset, message: message)) { try value(json) }
    }

    @Test("nesting is limited")
    func depth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError(byteOffset: 512, message: "nesting deeper than 512")) { try value(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try value(ok) }
    }

    @Test("invalid UTF-8 inside a string: the offset of the bad byte")
    func invalidUTF8() {
        // `{"a":"` is 6 bytes, `é` 2 more: the bad byte 0xFF is at offset 8.
        let bytes = Array(#"{"a":"é"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        do {
            _ = try JSONRecord(parsing: bytes[...])
            Issue.record("expected an error")
        } catch {
            #expect(error.byteOffset == 8)
            #expect(error.message.hasPrefix("invalid UTF-8 in string"))
            #expect(error.description.hasPrefix("malformed JSON at byte 8: invalid UTF-8 in string"))
        }
    }

    @Test("records: fields in order with their raw bytes")
    func record() throws {
        let line = #"{"id": 7, "meta": {"k": [1, 2]}, "text":"L'OTAN", "id": "dup"}"#
        let record = try JSONRecord(parsing: Array(line.utf8)[...])
        #expect(record.fields.map(\.key) == ["id", "meta", "text", "id"])
        #expect(record.fields.map { String(decoding: $0.raw, as: UTF8.self) } == ["7", #"{"k": [1, 2]}"#, #""L'OTAN""#, #""dup""#])
        #expect(record["id"] == .number(7))  // the first of duplicate keys
        #expect(record["text"]?.stringValue == "L'OTAN")
        #expect(try JSONRecord(parsing: Array(" {} ".utf8)[...]).fields.isEmpty)
    }

    @Test("record errors, with offsets relative to the slice", arguments: [
        ("[1]", 0, "a record must be a JSON object"),
        ("", 0, "empty record"),
        ("   ", 3, "empty record"),
        (#"{"a":1} x"#, 8, "unexpected data after the object"),
        (#"{"a":}"#, 5, "unexpected character"),
        (#"{"a":1"#, 6, "unexpected end, expected '}'"),
    ])
    func recordErrors(json: String, offset: Int, message: String) {
        let padded = Array("xxxxx".utf8) + Array(json.utf8)
        #expect(throws: JSONParseError(byteOffset: offset, message: message)) {
            try JSONRecord(parsing: padded[5...])
        }
    }
}

@Suite("JSON: writing")
struct JSONWriterTests {
    private func written(_ build: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        build(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test("strings are escaped per RFC 8259 and nothing else is", arguments: [
        ("plain", #""plain""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("l\nr\rt\t", #""l\nr\rt\t""#),
        ("\u{0}\u{1}\u{1F}\u{7F}", #""\u0000\u0001\u001f\#u{7F}""#),
        ("\u{08}\u{0C}", #""\u0008\u000c""#),
        ("/é😀\u{2028}", "\"/é😀\u{2028}\""),
    ])
    func escaping(input: String, expected: String) {
        #expect(written { $0.string(input) } == expected)
    }

    @Test("every control character survives a round trip through the parser")
    func roundTrip() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) })) + "\"\\/é😀"
        let json = written { $0.objectStart(); $0.key("k\"ey"); $0.string(all); $0.objectEnd() }
        let record = try JSONRecord(parsing: Array(json.utf8)[...])
        #expect(record.fields.map(\.key) == ["k\"ey"])
        #expect(record["k\"ey"] == .string(all))
    }

    @Test("structure, commas, numbers and raw JSON")
    func structure() {
        let json = written { w in
            w.objectStart()
            w.key("a"); w.int(-1)
            w.key("b"); w.arrayStart(); w.string("x"); w.null(); w.bool(true); w.double(0.123456); w.double(1.0)
            w.double(.nan); w.double(2.0 / 3.0, digits: 2); w.arrayEnd()
            w.key("c"); w.raw(Array(#"{"z": [1, 2]}"#.utf8))
            w.key("d"); w.objectStart(); w.objectEnd()
            w.objectEnd()
            w.newline()
            w.arrayStart(); w.arrayEnd()
        }
        #expect(json == #"{"a":-1,"b":["x",null,true,0.1235,1,null,0.67],"c":{"z": [1, 2]},"d":{}}"# + "\n[]")
    }

    @Test("entity records: id raw, passed-through fields, entities; canonical only when it differs")
    func entityRecord() {
        let entities = [
            Entity(label: .organisation, text: "OTAN", start: 2, end: 6, byteStart: 2, byteEnd: 6, source: "lexicon:ORG.international:curated",
                   canonical: "Organisation du traité de l'Atlantique nord", utf16Range: 2..<6, tokenRange: 1..<2),
            Entity(label: .location, text: "Pékin", start: 9, end: 14, byteStart: 9, byteEnd: 15, source: "location.preposition",
                   canonical: "Pékin", utf16Range: 9..<14, tokenRange: 3..<4),
        ]
        let json = written { w in
            EntityRecord.write(id: Array(#""d\"1""#.utf8), passthrough: [(key: "meta", raw: Array(#"{"x": 1}"#.utf8)[...])],
                               entities: entities, to: &w)
            EntityRecord.writeError(id: Array("42".utf8), message: "bad \"text\"", to: &w)
        }
        #expect(json == #"{"id":"d\"1","meta":{"x": 1},"entities":[{"text":"OTAN","label":"ORG","start":2,"end":6,"byteStart":2,"byteEnd":6,"source":"lexicon:ORG.international:curated","canonical":"Organisation du traité de l'Atlantique nord"},{"text":"Pékin","label":"LOC","start":9,"end":14,"byteStart":9,"byteEnd":15,"source":"location.preposition"}]}"#
                + "\n" + #"{"id":42,"error":"bad \"text\""}"# + "\n")
    }
}
