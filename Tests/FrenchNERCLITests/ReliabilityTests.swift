import Foundation
import Testing

/// The entities of one `frner tag` record: (text, label, start, end, canonical).
private func entities(_ result: RunResult) throws -> [(text: String, label: String, start: Int, end: Int, canonical: String?)] {
    let line = try #require(result.stdoutLines.first)
    let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    let list = try #require(record["entities"] as? [[String: Any]])
    return list.map { ($0["text"] as! String, $0["label"] as! String, $0["start"] as! Int, $0["end"] as! Int, $0["canonical"] as? String) }
}

/// Bad inputs of issue #14, end to end through the binary.
@Suite("frner tag: hostile inputs", .serialized)
struct ReliabilityTests {
    @Test("a person is not extended back over a word another entity holds, nor across a line break")
    func overlapAcrossLineBreak() throws {
        let result = try run(["tag"], stdin: "Jean Lyon Dupont.\nLyon\nDupont")
        #expect(result.status == 0)
        let found = try entities(result)
        for (a, b) in zip(found, found.dropFirst()) { #expect(a.end <= b.start, "\(a) overlaps \(b)") }
        #expect(found.allSatisfy { !$0.text.contains("\n") }, "\(found)")
        // `Dupont` the person does not carry the company's canonical `DuPont`.
        #expect(found.allSatisfy { $0.canonical != "DuPont" || $0.label == "ORG" }, "\(found)")
        // The sentence-opening particle of a person named before still joins the name on its line.
        let gendt = try entities(try run(["tag"], stdin: "Thomas De Gendt a gagné. De Gendt est content."))
        #expect(gendt.map(\.text) == ["Thomas De Gendt", "De Gendt"])
    }

    @Test("an organisation's complement does not run onto the next line", arguments: [
        ("Il dirige la Banque de sécurité publique.", ["Banque de sécurité publique"]),
        ("Il dirige la Banque de\nsécurité publique.", []),
        ("Il dirige la Banque de\u{01}\rtional hier.", []),
    ])
    func organisationAcrossLineBreak(text: String, expected: [String]) throws {
        let found = try entities(try run(["tag"], stdin: text))
        #expect(found.map(\.text) == expected)
    }

    @Test("titles and functions on the line before are not part of the person", arguments: [
        ("titles", "M.\nDupont est venu.", "Dupont"),
        ("functions", "Le président\nMacron.", "Macron"),
        ("titles+functions", "Le président\nM. Macron.", "M. Macron"),
        ("titles", "Il a vu M. Dupont.", "M. Dupont"),
    ])
    func titleAcrossLineBreak(spans: String, text: String, person: String) throws {
        let result = try run(["tag", "--person-spans", spans], stdin: text)
        #expect(result.status == 0)
        let found = try entities(result)
        #expect(found.filter { $0.label == "PER" }.map(\.text) == [person], "\(found)")
    }

    @Test("eval --sentence-documents reads each CoNLL sentence as a document; a brat folder is refused")
    func sentenceDocuments() throws {
        let gold = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/eval-tiny.conll").path
        let whole = try run(["eval", "--gold", gold, "--json"])
        let split = try run(["eval", "--gold", gold, "--json", "--sentence-documents"])
        #expect(whole.status == 0 && split.status == 0)
        let w = try #require(try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])
        let s = try #require(try JSONSerialization.jsonObject(with: Data(split.stdout.utf8)) as? [String: Any])
        let sentences = try #require(w["sentences"] as? Int)
        #expect(s["documents"] as? Int == sentences)
        #expect((w["documents"] as? Int ?? 0) < sentences)
        let scratch = try Scratch()
        let brat = try run(["eval", "--gold", scratch.url.path, "--sentence-documents"])
        #expect(brat.status == 2)
        #expect(brat.stderr.contains("CoNLL only"))
    }
}
