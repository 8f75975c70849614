import Foundation
import Testing

/// Three small articles: OTAN under two names (one canonical), a person twice in one document.
private let articles = [
    #"{"id": "1", "date": "2024-05-01", "text": "L'OTAN se réunit à Bruxelles. Emmanuel Macron y était, et Emmanuel Macron a parlé."}"#,
    #"{"id": "2", "date": "2024-05-01", "text": "L'Organisation du traité de l'Atlantique nord a répondu à Emmanuel Macron."}"#,
    #"{"id": "3", "date": "2024-05-02", "text": "À Bruxelles, l'OTAN attend."}"#,
    #"{"id": "4", "date": "2024-05-02", "text": 7}"#,
].joined(separator: "\n") + "\n"

@Suite("frner count and the CLI's habits", .serialized)
struct HabitsTests {
    @Test("count: by canonical name and label, documents and mentions, sorted; a bad record is an error (exit 1)")
    func count() throws {
        let result = try run(["count", "--input-format", "jsonl"], stdin: articles)
        #expect(result.status == 1)
        #expect(result.stdout == """
            label\tname\tdocuments\tmentions
            PER\tEmmanuel Macron\t2\t3
            ORG\tOrganisation du traité de l'Atlantique nord\t3\t3
            LOC\tBruxelles\t2\t2

            """)
        #expect(result.stderrLines == ["frner: <stdin>:4: text field 'text' is not a string"])
    }

    @Test("count --by date --top 1 in CSV and JSON Lines")
    func countBy() throws {
        let csv = try run(["count", "-i", "jsonl", "--by", "date", "--top", "1", "-f", "csv", "--labels", "ORG,LOC"], stdin: articles)
        #expect(csv.stdout == "date,label,name,documents,mentions\r\n2024-05-01,ORG,Organisation du traité de l'Atlantique nord,2,2\r\n"
                + "2024-05-01,LOC,Bruxelles,1,1\r\n2024-05-02,ORG,Organisation du traité de l'Atlantique nord,1,1\r\n2024-05-02,LOC,Bruxelles,1,1\r\n")
        let jsonl = try run(["count", "-i", "jsonl", "--top", "1", "-f", "jsonl", "--labels", "PER"], stdin: articles)
        #expect(jsonl.stdout == #"{"label":"PER","name":"Emmanuel Macron","documents":2,"mentions":3}"# + "\n")
    }

    @Test("-o FILE writes there and nothing to standard output; short flags -f -j -l -q")
    func outputFile() throws {
        let scratch = try Scratch()
        let out = scratch.url.appendingPathComponent("out.tsv").path
        let result = try run(["tag", "-f", "tsv", "-j", "1", "-l", "-q", "-o", out], stdin: "Hier à Kiev.\n")
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "id\tstart\tend\tlabel\ttext\tsource\tcanonical\n<stdin>:1\t7\t11\tLOC\tKiev\tlexicon:LOC.city:world-countries\tKiev\n")
        let unwritable = try run(["tag", "-o", "/nonexistent/dir/out.jsonl"], stdin: "Kiev")
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.hasPrefix("frner: /nonexistent/dir/out.jsonl: cannot write: "))
    }

    @Test(".gz inputs are read directly (concatenated members too); a damaged one is an error record")
    func gzip() throws {
        let scratch = try Scratch()
        let plain = try scratch.file("a.jsonl", #"{"id":"a","text":"Hier à Kiev."}"# + "\n")
        let second = try scratch.file("b.jsonl", #"{"id":"b","text":"Hier à Lyon."}"# + "\n")
        for path in [plain, second] { #expect(try runProgram("gzip", ["-k", path]).status == 0) }
        let joined = scratch.url.appendingPathComponent("ab.jsonl.gz").path
        let both = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz")) + Data(contentsOf: URL(fileURLWithPath: second + ".gz"))
        try both.write(to: URL(fileURLWithPath: joined))
        let bad = try scratch.file("bad.txt.gz", "not gzip at all")
        let result = try run(["tag", "-f", "tsv", "-q", joined, bad, plain + ".gz"])
        #expect(result.status == 1)
        let rows = result.stdoutLines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { [$0[0], $0[4]] } == [["a", "Kiev"], ["b", "Lyon"], [bad, "cannot read: not gzip data, or damaged (zlib: incorrect header check)"], ["a", "Kiev"]])
        let truncated = try scratch.file("t.jsonl.gz", Array(try Data(contentsOf: URL(fileURLWithPath: joined)).prefix(20)))
        let cut = try run(["tag", "-q", truncated])
        #expect(cut.status == 2)
        #expect(cut.stderr.contains("\(truncated): read error: truncated gzip data"))
    }

    @Test("--progress shows progress lines on a non-terminal; --stats the summary; --quiet neither, nor notes")
    func progressAndStats() throws {
        let scratch = try Scratch()
        let input = try scratch.file("in.jsonl", articles)
        let result = try run(["tag", "--progress", "--stats", "-o", scratch.url.appendingPathComponent("o").path, input])
        #expect(result.status == 1)
        #expect(result.stderrLines.contains { $0.hasPrefix("frner: 4 documents, ") && $0.contains(" MB/s") && $0.contains("% of ") })
        #expect(result.stderrLines.last?.hasPrefix("frner: 4 documents, 1 errors, 8 entities (PER 3, ORG 3, LOC 2) in ") == true)
        #expect(result.stderrLines.first?.hasPrefix("frner: note: reading \(input) as jsonl") == true)
        let quiet = try run(["tag", "--quiet", "--stats", "-o", scratch.url.appendingPathComponent("o").path, input])
        #expect(quiet.stderrLines == ["frner: <stdin>:4: text field 'text' is not a string".replacingOccurrences(of: "<stdin>", with: input)])
        let plain = try run(["tag", "-o", scratch.url.appendingPathComponent("o").path, "-i", "jsonl", input])
        #expect(plain.stderrLines.count == 1) // not a terminal: no progress, no summary
    }

    @Test("a mistyped subcommand gets a suggestion and exit 64", arguments: [
        ("tga", "tag"), ("cout", "count"), ("evl", "eval"), ("tokenise", "tokenize"), ("lex", "lexicon"),
    ])
    func suggestion(typed: String, meant: String) throws {
        let result = try run([typed])
        #expect(result.status == 64)
        #expect(result.stderrLines.first == "frner: unknown command '\(typed)'; did you mean '\(meant)'?")
        #expect(try run(["zzzz"]).stderrLines.first == "frner: unknown command 'zzzz'")
    }

    @Test("eval: the confusion table's columns are aligned under their labels")
    func confusionTable() throws {
        let gold = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/eval-tiny.conll").path
        let result = try run(["eval", "--gold", gold])
        let lines = result.stdoutLines
        let header = try #require(lines.firstIndex { $0.hasPrefix("gold \\ pred") })
        #expect(lines[header] == "gold \\ pred     LOC     ORG     PER       O")
        #expect(lines[header + 1] == "LOC               2       0       0       0")
        #expect(lines[header + 4] == "O                 0       1       0       -")
    }

    @Test("docs/FORMAT.md's count example is what frner count writes")
    func documentedCount() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/FORMAT.md"), encoding: .utf8)
        let scratch = try Scratch()
        let input = try scratch.file("in.jsonl", #"{"id": "doc-1", "date": "2024-05-01", "text": "M. Antony Blinken à l'OTAN."}"# + "\n")
        let result = try run(["count", "--top", "1", "--by", "date", input])
        #expect(result.status == 0)
        #expect(doc.contains(result.stdout), "\(result.stdout)")
    }
}
