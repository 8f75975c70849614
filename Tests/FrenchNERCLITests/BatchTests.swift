import Foundation
import Testing

/// The package root (for docs/FORMAT.md and Examples/).
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// JSON Lines input with good and bad records mixed, as pipelines send it.
private let mixedInput = [
    #"{"id": "a", "text": "M. Antony Blinken est arrivé à Kiev avec l'OTAN.", "lang": "fr"}"#,
    #"{"id": "b", "text": 42}"#,
    #"{"id": "c"}"#,
    #"{not json"#,
    #"{"id": "d", "text": "Le président Emmanuel Macron a reçu à l'Élysée 😀 la présidente de la Commission européenne."}"#,
    #"{"id": "e", "text": ""}"#,
].joined(separator: "\n") + "\n"

@Suite("frner tag: batch and pipeline surface")
struct BatchTests {
    @Test("N records in, N records out, in order, with error records for the bad ones; exit 1")
    func oneRecordPerInput() throws {
        let result = try run(["tag", "--input-format", "jsonl"], stdin: mixedInput)
        #expect(result.status == 1)
        let records = result.stdoutLines.filter { !$0.isEmpty }.map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == 6)
        #expect(records.map { $0?["id"] as? String } == ["a", "b", "c", "<stdin>:4", "d", "e"])
        #expect(records.map { $0?["error"] != nil } == [false, true, true, true, false, false])
        #expect(records[0]?["lang"] as? String == "fr") // passed through
        #expect(result.stderrLines.count == 3)
        #expect(result.stderrLines.allSatisfy { $0.hasPrefix("frner: <stdin>:") })
    }

    @Test("--jobs does not change the output, byte for byte", arguments: ["jsonl", "conll", "tsv", "csv", "displacy", "html"])
    func jobsAreInvisible(format: String) throws {
        let many = String(repeating: mixedInput, count: 40)
        let one = try run(["tag", "--input-format", "jsonl", "--format", format, "--jobs", "1"], stdin: many)
        let three = try run(["tag", "--input-format", "jsonl", "--format", format, "--jobs", "3"], stdin: many)
        #expect(one.status == 1 && three.status == 1)
        #expect(!one.stdout.isEmpty)
        #expect(one.stdout == three.stdout)
    }

    @Test("every record follows docs/FORMAT.md: the fields of its table, with their types and offsets")
    func formatDocument() throws {
        let format = try String(contentsOf: root.appendingPathComponent("docs/FORMAT.md"), encoding: .utf8)
        // The documented entity fields, from the table rows "| `entities[].x` …".
        var documented: Set<String> = []
        for line in format.split(separator: "\n") where line.hasPrefix("| `entities[].") {
            let cell = line.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
            for name in cell.split(separator: ",") {
                documented.insert(name.trimmingCharacters(in: CharacterSet(charactersIn: " `")).replacingOccurrences(of: "entities[].", with: ""))
            }
        }
        #expect(documented == ["text", "label", "start", "end", "byteStart", "byteEnd", "source", "canonical"])
        #expect(format.contains("version 1"))
        let text = "Hier, 😀 M. Antony Blinken a rencontré l'OTAN à Saint-Étienne."
        let result = try run(["tag", "--lines"], stdin: text + "\n")
        #expect(result.status == 0)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(record.keys) == ["id", "entities"])
        let entities = try #require(record["entities"] as? [[String: Any]])
        #expect(entities.count >= 3)
        let scalars = Array(text.unicodeScalars)
        let bytes = Array(text.utf8)
        for entity in entities {
            let required: Set<String> = documented.subtracting(["canonical"])
            #expect(required.isSubset(of: Set(entity.keys)))
            #expect(Set(entity.keys).isSubset(of: documented))
            let start = try #require(entity["start"] as? Int), end = try #require(entity["end"] as? Int)
            let byteStart = try #require(entity["byteStart"] as? Int), byteEnd = try #require(entity["byteEnd"] as? Int)
            let entityText = try #require(entity["text"] as? String)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            #expect(String(view) == entityText)                                   // code points
            #expect(String(decoding: bytes[byteStart..<byteEnd], as: UTF8.self) == entityText) // UTF-8 bytes
            #expect(["PER", "ORG", "LOC"].contains(entity["label"] as? String ?? ""))
        }
    }

    @Test("tsv: a header, then id, start, end, label, text, source, canonical per entity")
    func tsv() throws {
        let result = try run(["tag", "--format", "tsv", "--lines"], stdin: "M. Zorbak Quillifer est à Kiev. L'OTAN aussi.\n")
        #expect(result.stdoutLines.first == "id\tstart\tend\tlabel\ttext\tsource\tcanonical")
        #expect(result.stdoutLines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: "\t").count } == [7, 7, 7])
        #expect(result.stdout.contains("<stdin>:1\t3\t19\tPER\tZorbak Quillifer\tperson.title\tZorbak Quillifer\n"))
        #expect(result.stdout.contains("\tOTAN\tlexicon:ORG.international:curated\tOrganisation du traité de l'Atlantique nord\n"))
    }

    @Test("displacy: displaCy's manual format with code-point offsets; `spacy` still works, with a warning")
    func displacy() throws {
        let expected = #"{"text":"Hier à Kiev.","ents":[{"start":7,"end":11,"label":"LOC"}],"title":"<stdin>:1"}"# + "\n"
        let result = try run(["tag", "--format", "displacy", "--lines"], stdin: "Hier à Kiev.\n")
        #expect(result.stdout == expected)
        #expect(result.stderr == "")
        let old = try run(["tag", "--format", "spacy", "--lines"], stdin: "Hier à Kiev.\n")
        #expect(old.status == 0)
        #expect(old.stdout == expected)
        #expect(old.stderrLines == ["frner: warning: --format spacy is now --format displacy (displaCy's format); the old name will go"])
    }

    @Test("conll: the CoNLL-2003 document line, one token per line with BIO2 tags, a blank line after each sentence")
    func conll() throws {
        let result = try run(["tag", "--format", "conll", "--lines"], stdin: "M. Antony Blinken est à Kiev.\n")
        #expect(result.stdout == "-DOCSTART- -X- -X- O\n\nM.\tO\nAntony\tB-PER\nBlinken\tI-PER\nest\tO\nà\tO\nKiev\tB-LOC\n.\tO\n\n")
    }

    @Test("brat: NAME.txt and NAME.ann per document in --output-dir, code-point offsets, annotation.conf, ids.tsv")
    func brat() throws {
        let scratch = try Scratch()
        let input = try scratch.file("article.txt", "😀 Hier à Kiev.")
        let out = scratch.url.appendingPathComponent("out").path
        let result = try run(["tag", "--format", "brat", "--output-dir", out, input])
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: out + "/article.txt", encoding: .utf8) == "😀 Hier à Kiev.")
        let ann = try String(contentsOfFile: out + "/article.ann", encoding: .utf8)
        #expect(ann.hasPrefix("T1\tLOC 9 13\tKiev\n"))
        let conf = try String(contentsOfFile: out + "/annotation.conf", encoding: .utf8)
        #expect(conf.contains("[entities]\nPER\nORG\nLOC\n"))
        #expect(try String(contentsOfFile: out + "/ids.tsv", encoding: .utf8) == "id\tfile\terror\n\(input)\tarticle\t\n")
        // Ids with a folder, duplicates, names brat's own files take, and a bad record.
        let jsonl = [#"{"id":"a/b","text":"à Lyon"}"#, #"{"id":"x/b","text":"à Paris"}"#, #"{"id":"ids","text":"Rome"}"#,
                     #"{"id":"c","text":1}"#].joined(separator: "\n") + "\n"
        let out2 = scratch.url.appendingPathComponent("out2").path
        let second = try run(["tag", "--format", "brat", "--output-dir", out2, "--input-format", "jsonl"], stdin: jsonl)
        #expect(second.status == 1)
        #expect(try String(contentsOfFile: out2 + "/ids.tsv", encoding: .utf8)
                == "id\tfile\terror\na/b\tb\t\nx/b\tb-2\t\nids\tids-2\t\nc\tc\ttext field 'text' is not a string\n")
        #expect(try String(contentsOfFile: out2 + "/b-2.txt", encoding: .utf8) == "à Paris")
        #expect(try String(contentsOfFile: out2 + "/c.ann", encoding: .utf8) == "")
        let missingDir = try run(["tag", "--format", "brat", input])
        #expect(missingDir.status == 64)
    }

    @Test("html: one standalone page with a legend and a mark per entity, the source on hover")
    func html() throws {
        let result = try run(["tag", "--format", "html", "--lines"], stdin: "M. Zorbak Quillifer est à Kiev.\n<b>&\n")
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(result.stdout.hasSuffix("</body></html>\n"))
        #expect(result.stdout.components(separatedBy: "<mark class=\"PER\" title=\"PER · person.title\">Zorbak Quillifer").count == 2)
        #expect(result.stdout.contains("&lt;b&gt;&amp;"))
        #expect(result.stdout.contains("class=\"legend\""))
    }

    @Test("--labels keeps only the listed labels")
    func labels() throws {
        let result = try run(["tag", "--format", "tsv", "--labels", "LOC", "--lines"], stdin: "M. Antony Blinken est à Kiev.\n")
        #expect(result.stdoutLines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: "\t")[3] } == ["LOC"])
    }

    @Test("conll input: pre-tokenised documents are rebuilt as text and tagged")
    func conllInput() throws {
        let input = "-DOCSTART-\n\nM.\nAntony\nBlinken\nest\nà\nKiev\n.\n\n-DOCSTART-\n\nHier\n,\nParis\n.\n"
        let result = try run(["tag", "--input-format", "conll", "--format", "tsv"], stdin: input)
        #expect(result.status == 0)
        let rows = result.stdoutLines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { $0[4] } == ["Antony Blinken", "Kiev", "Paris"])
        #expect(Set(rows.map { $0[0] }).count == 2)
    }

    @Test("folders are read recursively, --glob filters, hidden files are skipped; binary files are refused")
    func folders() throws {
        let scratch = try Scratch()
        let folder = scratch.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("Hier à Kiev.".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("Hier à Lyon.".utf8).write(to: folder.appendingPathComponent("sub/b.txt"))
        try Data("Hier à Rome.".utf8).write(to: folder.appendingPathComponent("c.md"))
        try Data("Hier à Oslo.".utf8).write(to: folder.appendingPathComponent(".hidden.txt"))
        try Data([0x61, 0x00, 0x62]).write(to: folder.appendingPathComponent("z.txt"))
        let result = try run(["tag", "--format", "tsv", "--glob", "*.txt", folder.path])
        #expect(result.status == 1)
        let texts = result.stdoutLines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: "\t").map(String.init)[4] }
        #expect(texts.sorted() == ["Kiev", "Lyon", "binary data (NUL byte at byte 1)"])
        #expect(result.stderr.contains("z.txt: binary data (NUL byte at byte 1)"))
        let empty = try run(["tag", "--glob", "*.none", folder.path])
        #expect(empty.status == 1)
        #expect(empty.stdout == #"{"id":"\#(folder.path)","error":"folder has no readable files matching '*.none'"}"# + "\n")
        #expect(empty.stderr.contains("folder has no readable files matching '*.none'"))
    }

    @Test("a record larger than --max-document-bytes gets an error record, and the run goes on")
    func oversize() throws {
        let input = #"{"id": 1, "text": "\#(String(repeating: "a", count: 2000))"}"# + "\n" + #"{"id": 2, "text": "à Kiev"}"# + "\n"
        let result = try run(["tag", "--input-format", "jsonl", "--max-document-bytes", "1000"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stdoutLines[0].hasPrefix(#"{"id":"<stdin>:1","error":"record of 2021 bytes is larger than --max-document-bytes (1000)"#))
        #expect(result.stdoutLines[1].hasPrefix(#"{"id":2,"entities":[{"text":"Kiev""#))
    }

    @Test("--lossy decodes invalid UTF-8 with U+FFFD instead of an error record")
    func lossy() throws {
        let bytes: [UInt8] = Array("Hier à Kiev ".utf8) + [0xFF] + Array(" encore.\n".utf8)
        let strict = try run(["tag", "--lines"], stdin: bytes)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains(#""error":"invalid UTF-8 at byte 13"#))
        let lossy = try run(["tag", "--lines", "--lossy"], stdin: bytes)
        #expect(lossy.status == 0)
        #expect(lossy.stdout.contains(#""text":"Kiev""#))
    }
}
