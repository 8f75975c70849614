import Foundation
import Testing

/// Runs a program; stdout and stderr go to files (no pipe deadlock).
func runProgram(_ executable: String, _ arguments: [String]) throws -> RunResult {
    let scratch = try Scratch()
    let outPath = try scratch.file("stdout", [])
    let errPath = try scratch.file("stderr", [])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    try process.run()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus,
                     stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self),
                     stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self))
}

/// A Python with spaCy: `$FRNER_SPACY_PYTHON`, else `python3` if it has spaCy.
private let spacyPython: String? = {
    var candidates = ["python3"]
    if let chosen = ProcessInfo.processInfo.environment["FRNER_SPACY_PYTHON"], !chosen.isEmpty { candidates.insert(chosen, at: 0) }
    return candidates.first { (try? runProgram($0, ["-c", "import spacy"]))?.status == 0 }
}()

private let pythonAvailable = (try? runProgram("python3", ["-c", "import csv"]))?.status == 0

/// Documents whose ids and fields need quoting in CSV, with entities, numbers with no-break spaces
/// (a space inside a CoNLL token), hyphenated names, several sentences, and one bad record.
private let roundTripInput = [
    #"{"id": "a,1", "title": "Il a dit \"oui\", puis\nnon", "date": "2024-05-01", "text": "M. Antony Blinken est arrivé à Kiev avec 90 000 soldats de l'OTAN. Il a vu Saint-Étienne."}"#,
    #"{"id": "b\"2", "title": "deux\r\nlignes", "date": 2024, "text": "Le président Emmanuel Macron a reçu à l'Élysée la présidente de la Commission européenne, Ursula von der Leyen."}"#,
    #"{"id": "c 3", "meta": {"k": [1, 2]}, "text": 42}"#,
    #"{"id": "d", "title": "", "text": "Hier, à Paris, la SNCF et Air France ont annoncé 1 500 embauches à Lyon et à Marseille."}"#,
].joined(separator: "\n") + "\n"

@Suite("Formats read back by their reference readers", .serialized)
struct RoundTripTests {
    /// The entities of the JSON Lines output, in order: [id, start, end, label, text, source, canonical].
    private func jsonlEntities(_ input: String) throws -> [(id: String, fields: [String])] {
        let result = try run(["tag", "--input-format", "jsonl"], stdin: input)
        var rows: [(id: String, fields: [String])] = []
        for line in result.stdoutLines where !line.isEmpty {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = record["id"] as? String ?? "\(record["id"] ?? "")"
            for entity in record["entities"] as? [[String: Any]] ?? [] {
                let text = entity["text"] as? String ?? ""
                rows.append((id, [id, "\(entity["start"]!)", "\(entity["end"]!)", entity["label"] as? String ?? "", text,
                                  entity["source"] as? String ?? "", entity["canonical"] as? String ?? text]))
            }
        }
        return rows
    }

    @Test("--format csv parses with Python's csv module into exactly the entities of the JSON Lines output",
          .enabled(if: pythonAvailable, "python3 is not installed"))
    func csvWithPython() throws {
        let scratch = try Scratch()
        let result = try run(["tag", "--input-format", "jsonl", "--format", "csv", "--keep-field", "title", "--keep-field", "date",
                              "--keep-field", "meta"], stdin: roundTripInput)
        #expect(result.status == 1) // the bad record
        let csvPath = try scratch.file("out.csv", result.stdout)
        let parsed = try runProgram("python3", ["-c", """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8") as f:
                print(json.dumps(list(csv.reader(f, strict=True))))
            """, csvPath])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [[String]])
        #expect(rows.first == ["id", "start", "end", "label", "text", "source", "canonical", "title", "date", "meta"])
        let titles = ["a,1": "Il a dit \"oui\", puis\nnon", "b\"2": "deux\r\nlignes", "d": ""]
        let dates = ["a,1": "2024-05-01", "b\"2": "2024", "d": ""]
        let expected = try jsonlEntities(roundTripInput).map { $0.fields + [titles[$0.id] ?? "", dates[$0.id] ?? "", ""] }
            + [["c 3", "-1", "-1", "ERROR", "text field 'text' is not a string", "", "", "", "", #"{"k": [1, 2]}"#]]
        #expect(expected.count > 8)
        // The error row comes in input order (third record): compare as sets of rows, and the order of good rows.
        let body = Array(rows.dropFirst())
        #expect(body.count == expected.count)
        #expect(Set(body.map { $0.joined(separator: "\u{1}") }) == Set(expected.map { $0.joined(separator: "\u{1}") }))
        #expect(body.filter { $0[3] != "ERROR" } == expected.filter { $0[3] != "ERROR" })
        #expect(result.stdout.hasPrefix("id,start,end,label,text,source,canonical,title,date,meta\r\n"))
    }

    @Test("--format conll converts with `python -m spacy convert --converter ner` into exactly our entities",
          .enabled(if: spacyPython != nil, "spaCy is not installed: set FRNER_SPACY_PYTHON to a Python with spaCy (pip install spacy) to run this check"))
    func conllWithSpacy() throws {
        let python = try #require(spacyPython)
        let scratch = try Scratch()
        let conll = try run(["tag", "--input-format", "jsonl", "--format", "conll"], stdin: roundTripInput)
        #expect(conll.status == 1)
        #expect(conll.stdoutLines.filter { $0.hasPrefix("-DOCSTART-") } == Array(repeating: "-DOCSTART- -X- -X- O", count: 4))
        let path = try scratch.file("news.conll", conll.stdout)
        let converted = try runProgram(python, ["-m", "spacy", "convert", "--converter", "ner", path, scratch.url.path])
        #expect(converted.status == 0, "\(converted.stdout)\(converted.stderr)")
        let read = try runProgram(python, ["-c", """
            import json, sys, spacy
            from spacy.tokens import DocBin
            docs = DocBin().from_disk(sys.argv[1]).get_docs(spacy.blank("fr").vocab)
            print(json.dumps([[[t.text for t in e], e.label_] for d in docs for e in d.ents]))
            """, scratch.url.appendingPathComponent("news.spacy").path])
        #expect(read.status == 0, "\(read.stderr)")
        let theirs = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[Any]])
        // Ours, from the JSON Lines output: spaCy's words are our tokens, so compare texts without spaces.
        func squeeze(_ text: String) -> String { String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "_" }.map(Character.init)) }
        let ours = try jsonlEntities(roundTripInput).map { [squeeze($0.fields[4]), $0.fields[3]] }
        let converted2 = theirs.map { [squeeze(($0[0] as? [String] ?? []).joined()), $0[1] as? String ?? ""] }
        #expect(ours.count >= 10)
        #expect(converted2 == ours)
    }

    @Test("conll: white space inside a token (90 000 with a no-break space) is written `_`; an error record is its document line")
    func conllTokens() throws {
        let result = try run(["tag", "--input-format", "jsonl", "--format", "conll"],
                             stdin: "{\"id\":1,\"text\":\"90\u{202F}000 euros\"}\n{\"id\":2}\n")
        #expect(result.stdout == "-DOCSTART- -X- -X- O\n\n90_000\tO\neuros\tO\n\n-DOCSTART- -X- -X- O\n\n")
    }

    @Test("tsv --keep-field: kept fields as columns, tabs and newlines in them become spaces; --keep-field needs tsv or csv")
    func tsvKeepFields() throws {
        let result = try run(["tag", "--input-format", "jsonl", "--format", "tsv", "--keep-field", "title", "--keep-field", "date"],
                             stdin: roundTripInput)
        #expect(result.stdoutLines.first == "id\tstart\tend\tlabel\ttext\tsource\tcanonical\ttitle\tdate")
        #expect(result.stdout.contains("\tKiev\tlexicon:LOC.city:world-countries\tKiev\tIl a dit \"oui\", puis non\t2024-05-01\n"))
        #expect(result.stdout.contains("c 3\t-1\t-1\tERROR\ttext field 'text' is not a string\t\t\t\t\n"))
        let rows = result.stdoutLines.filter { !$0.isEmpty }
        #expect(rows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 9 })
        let misuse = try run(["tag", "--keep-field", "title"], stdin: "x")
        #expect(misuse.status == 64)
    }

    @Test("--words: words and spaces give the text back exactly (white space of every kind, escapes, emoji), entities on word boundaries; JSON Lines only")
    func words() throws {
        let texts = [" M. Antony Blinken  est arrivé à\nKiev 😀\"x\\ l'État.  ", "", "   ", "a", "\t\tb\u{00a0}c\u{202f}%\r\n",
                     "\u{0001}x\u{2028}y", "l’homme d’État à Paris-Nord", "a  \n b"]
        let input = try texts.enumerated().map { item in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": item.offset, "text": item.element]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
        let result = try run(["tag", "--input-format", "jsonl", "--words"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let records = result.stdout.split(separator: "\n").map(String.init)
        #expect(records.count == texts.count)
        for (line, text) in zip(records, texts) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let words = try #require(record["words"] as? [String])
            let spaces = try #require(record["spaces"] as? [Bool])
            #expect(words.count == spaces.count)
            #expect(zip(words, spaces).map { $0 + ($1 ? " " : "") }.joined() == text, "\(words)")
            #expect(!words.contains(""))
            // Entities start and end where words do (code points).
            var boundaries: Set<Int> = [0]
            var position = 0
            for (word, space) in zip(words, spaces) {
                position += word.unicodeScalars.count
                boundaries.insert(position)
                if space { position += 1; boundaries.insert(position) }
            }
            for entity in record["entities"] as? [[String: Any]] ?? [] {
                #expect(boundaries.contains(entity["start"] as? Int ?? -1) && boundaries.contains(entity["end"] as? Int ?? -1))
            }
        }
        let first = try #require(try JSONSerialization.jsonObject(with: Data(records[0].utf8)) as? [String: Any])
        #expect(first["words"] as? [String] == [" ", "M.", "Antony", "Blinken", " ", "est", "arrivé", "à", "\n", "Kiev", "😀", "\"", "x", "\\", "l'", "État", ".", " "])
        #expect(first["spaces"] as? [Bool] == [false, true, true, true, false, true, true, false, false, true, false, false, false, true, false, false, true, false])
        #expect(try run(["tag", "--words", "--format", "tsv"], stdin: "x").status == 64)
        let plain = try run(["tag", "--input-format", "jsonl"], stdin: input)
        #expect(!plain.stdout.contains("\"words\""))
    }

    @Test("docs/FORMAT.md's examples are what frner writes", arguments: [
        ["--format", "tsv", "--keep-field", "date"], ["--format", "csv", "--keep-field", "date"], ["--format", "conll"],
        ["--format", "displacy"], ["--format", "html"], ["--words"],
    ])
    func documentedExamples(arguments: [String]) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/FORMAT.md"), encoding: .utf8)
        let scratch = try Scratch()
        let input = try scratch.file("in.jsonl", #"{"id": "doc-1", "date": "2024-05-01", "text": "M. Antony Blinken à l'OTAN."}"# + "\n")
        let result = try run(["tag"] + arguments + [input])
        #expect(result.status == 0)
        var output = result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        if arguments.contains("html") {
            output = result.stdout.split(separator: "\n").first { $0.hasPrefix("<section") }.map(String.init) ?? "none"
        }
        #expect(doc.contains(output.trimmingCharacters(in: .newlines)), "\(output)")
    }
}
