import Foundation
import Testing

/// `frner tag --corpus-memory`, `frner eval --corpus-memory` and `frner learn`, end to end (issue 17).
@Suite("frner: corpus memory and learn", .serialized)
struct CorpusMemoryCLITests {
    /// A batch where `Quillifer` is typed ORG surely twice (`la société Quillifer`) and stands alone once.
    static let batch = [
        #"{"id":"a","text":"La société Quillifer a ouvert une usine à Lyon."}"#,
        #"{"id":"b","text":"#,
        #"{"id":"c","text":"Hier, Quillifer a annoncé des bénéfices."}"#,
        #"{"id":"d","text":"Les salariés de la société Quillifer sont en grève."}"#,
    ].joined(separator: "\n") + "\n"

    @Test("tag --corpus-memory from standard input: one record per input record, in order; the lone name takes the corpus's label")
    func tagFromStdin() throws {
        let result = try run(["tag", "--input-format", "jsonl", "--corpus-memory", "--jobs", "1"], stdin: CorpusMemoryCLITests.batch)
        #expect(result.status == 1)
        #expect(result.stderrLines == ["frner: <stdin>:2: malformed JSON at byte 17: unexpected end of input"])
        let lines = result.stdoutLines
        try #require(lines.count == 5)
        #expect(lines[0].hasPrefix(#"{"id":"a","entities":[{"text":"Quillifer","label":"ORG""#))
        #expect(lines[1] == #"{"id":"<stdin>:2","error":"malformed JSON at byte 17: unexpected end of input"}"#)
        #expect(lines[2] == #"{"id":"c","entities":[{"text":"Quillifer","label":"ORG","start":6,"end":15,"byteStart":6,"byteEnd":15,"source":"corpus.same-name"}]}"#)
        #expect(lines[3].hasPrefix(#"{"id":"d","entities":[{"text":"Quillifer","label":"ORG""#))
        #expect(lines[4] == "")
        // Without the memory, the lone name is not an organisation.
        let plain = try run(["tag", "--input-format", "jsonl"], stdin: CorpusMemoryCLITests.batch)
        #expect(!plain.stdoutLines[2].contains(#""label":"ORG""#))
        #expect(!plain.stdout.contains("corpus.same-name"))
        // Threads change nothing.
        let threaded = try run(["tag", "--input-format", "jsonl", "--corpus-memory", "--jobs", "2"], stdin: CorpusMemoryCLITests.batch)
        #expect(threaded.stdout == result.stdout)
    }

    @Test("tag --corpus-memory: standard input that cannot be spooled is an I/O error (exit 2) naming the file")
    func spoolFailure() throws {
        let result = try run(["tag", "--input-format", "jsonl", "--corpus-memory"], stdin: CorpusMemoryCLITests.batch,
                             environment: ["TMPDIR": "/nonexistent-frner-tmp"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("frner: /nonexistent-frner-tmp/frner-spool-"))
        #expect(result.stderr.contains(": cannot spool standard input: No such file or directory"))
    }

    @Test("tag --corpus-memory over files: both passes read the files; ids are the file names")
    func tagFiles() throws {
        let scratch = try Scratch()
        let first = try scratch.file("1.txt", "La société Quillifer a ouvert une usine.")
        let second = try scratch.file("2.txt", "Les salariés de la société Quillifer sont en grève.")
        let third = try scratch.file("3.txt", "Hier, Quillifer a annoncé des bénéfices.")
        let result = try run(["tag", "--corpus-memory", "--format", "tsv", first, second, third])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdoutLines.contains("\(third)\t6\t15\tORG\tQuillifer\tcorpus.same-name\tQuillifer"))
        // One document alone is not enough for the memory (`CorpusMemory.minimumCount`).
        let alone = try run(["tag", "--corpus-memory", "--format", "tsv", first, third])
        #expect(!alone.stdout.contains("corpus.same-name"))
    }

    @Test("eval --corpus-memory scores with a memory collected over the gold documents")
    func evalWithMemory() throws {
        let scratch = try Scratch()
        let gold = """
        -DOCSTART-\tO

        La\tO
        société\tO
        Quillifer\tB-ORG
        ouvre\tO
        .\tO

        -DOCSTART-\tO

        La\tO
        société\tO
        Quillifer\tB-ORG
        ferme\tO
        .\tO

        -DOCSTART-\tO

        Hier\tO
        ,\tO
        Quillifer\tB-ORG
        a\tO
        annoncé\tO
        des\tO
        bénéfices\tO
        .\tO

        """
        let path = try scratch.file("gold.conll", gold)
        let plain = try run(["eval", "--gold", path, "--json"])
        let remembering = try run(["eval", "--gold", path, "--json", "--corpus-memory"])
        #expect(plain.status == 0 && remembering.status == 0)
        #expect(plain.stdout.contains(#""overall":{"precision":0.6667,"recall":0.6667,"f1":0.6667,"tp":2,"fp":1,"fn":1}"#), "\(plain.stdout)")
        #expect(remembering.stdout.contains(#""overall":{"precision":1,"recall":1,"f1":1,"tp":3,"fp":0,"fn":0}"#), "\(remembering.stdout)")
    }

    @Test("learn writes a user lexicon with comment columns and a patterns file; tag --lexicon reads it back")
    func learn() throws {
        let corpus = try Scratch()
        for i in 1...5 {
            try corpus.file("d\(i).txt", "La société Quillifer a ouvert une usine. Le vignoble Bordeaux gagne.")
        }
        let out = try Scratch()
        let learned = out.url.appendingPathComponent("learned.tsv").path
        let result = try run(["learn", corpus.url.path, "-o", learned])
        #expect(result.status == 0)
        #expect(result.stderrLines == ["5 documents: 1 entries → \(learned), 1 patterns → \(out.url.path)/learned.patterns.tsv"])
        let lines = try String(contentsOfFile: learned, encoding: .utf8).split(separator: "\n").map(String.init)
        try #require(lines.count == 3)
        #expect(lines[2].hasPrefix("Quillifer\tORG.other\t\tlearned\t\tB\t# documents=5 mentions=5 agreement=1.00 confidence="))
        #expect(lines[2].hasSuffix("\torganisation.apposition:5\tLa société [Quillifer] a ouvert une usine.\tLa société [Quillifer] a ouvert une usine."))
        let patterns = try String(contentsOfFile: out.url.path + "/learned.patterns.tsv", encoding: .utf8)
        #expect(patterns.hasSuffix("vignoble\tbefore\tLOC\t5\t1.00\n"))
        // Above the thresholds, nothing is learned.
        let strict = try run(["learn", corpus.url.path, "-o", learned, "--min-count", "6"])
        #expect(strict.stderrLines.first?.hasPrefix("5 documents: 0 entries") == true)
        // The learned lexicon, comment columns and all, is a valid user lexicon.
        try out.file("learned.tsv", lines.joined(separator: "\n") + "\n")
        let tagged = try run(["tag", "--lexicon", learned, "--format", "tsv"], stdin: "Hier, Quillifer a annoncé des bénéfices.")
        #expect(tagged.status == 0)
        #expect(tagged.stdoutLines.contains("<stdin>\t6\t15\tORG\tQuillifer\tlexicon:ORG.other:learned\tQuillifer"), "\(tagged.stdout)")
    }
}
