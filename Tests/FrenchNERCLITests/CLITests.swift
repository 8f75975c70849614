import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The package root: `Tests/FrenchNERCLITests/CLITests.swift` → up three.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The built `frner`: next to the test bundle (the build products folder, e.g. `.build-tests/debug/`),
/// else `.build/debug/frner` in the package.
private let frner: URL = {
    let fm = FileManager.default
    var candidates: [URL] = []
    let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    candidates.append(runner.deletingLastPathComponent().appendingPathComponent("frner"))
    // On some platforms the runner is inside `X.xctest/Contents/MacOS/`.
    candidates.append(runner.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("frner"))
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("frner"))
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("frner"))
    candidates.append(packageRoot.appendingPathComponent(".build/debug/frner"))
    return candidates.first { fm.isExecutableFile(atPath: $0.path) } ?? candidates.last!
}()

private let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}

/// A temporary folder removed when released.
final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("frner-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }
}

private func environment() -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["FRNER_LEXICONS"] = packageRoot.appendingPathComponent("Lexicons").path
    return env
}

/// Runs `frner` with standard input from bytes; stdout and stderr go to files (no pipe deadlock).
func run(_ arguments: [String], stdin: [UInt8] = [], environment extra: [String: String] = [:]) throws -> RunResult {
    let scratch = try Scratch()
    let inPath = try scratch.file("stdin", stdin)
    let outPath = try scratch.file("stdout", [])
    let errPath = try scratch.file("stderr", [])
    let process = Process()
    process.executableURL = frner
    process.arguments = arguments
    process.environment = environment().merging(extra) { $1 }
    process.standardInput = FileHandle(forReadingAtPath: inPath)
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    try process.run()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus,
                     stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self),
                     stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self))
}

func run(_ arguments: [String], stdin: String, environment extra: [String: String] = [:]) throws -> RunResult {
    try run(arguments, stdin: Array(stdin.utf8), environment: extra)
}

@Suite("frner command line", .serialized)
struct CLITests {
    @Test("the binary is found")
    func binary() {
        #expect(FileManager.default.isExecutableFile(atPath: frner.path), "\(frner.path)")
    }

    @Test("tokenize: TSV with code-point offsets and a blank line after each sentence")
    func tokenizeTSV() throws {
        let result = try run(["tokenize"], stdin: "L'OTAN à Saint-Étienne. M. Dupont")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
        L'\t0\t2
        OTAN\t2\t6
        à\t7\t8
        Saint\t9\t14
        -\t14\t15
        Étienne\t15\t22
        .\t22\t23

        M.\t24\t26
        Dupont\t27\t33


        """)
    }

    @Test("tokenize: invalid UTF-8 names the file and byte offset, exit 1, other files still processed")
    func invalidUTF8() throws {
        let scratch = try Scratch()
        let first = try scratch.file("a.txt", "Paris")
        let bad = try scratch.file("b.txt", [0x61, 0x62, 0xC3, 0x28]) // `ab` then a bad continuation at byte 2
        let last = try scratch.file("c.txt", "Lyon")
        let result = try run(["tokenize", first, bad, last])
        #expect(result.status == 1)
        #expect(result.stdout == "Paris\t0\t5\n\nLyon\t0\t4\n\n")
        #expect(result.stderrLines == ["frner: \(bad): invalid UTF-8 at byte 2: bad continuation byte 0x28"])
    }

    @Test("tokenize --format jsonl: an error record for a bad file, in order")
    func invalidUTF8JSONL() throws {
        let scratch = try Scratch()
        let bad = try scratch.file("b.txt", [0xFF])
        let good = try scratch.file("c.txt", "Lyon")
        let result = try run(["tokenize", "--format", "jsonl", bad, good])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        #expect(lines[0].hasPrefix(#"{"id":"\#(bad)","error":"invalid UTF-8 at byte 0"#))
        #expect(lines[1] == #"{"id":"\#(good)","sentences":[{"start":0,"end":4,"byteStart":0,"byteEnd":4,"tokens":[{"text":"Lyon","start":0,"end":4,"byteStart":0,"byteEnd":4,"kind":"word","spaceBefore":true}]}]}"#)
    }

    @Test("tokenize --format words: the words and spaces of tag --words, an error record for a bad record, in order")
    func tokenizeWords() throws {
        let input = #"{"id": 1, "text": "M. Antony Blinken  est arrivé à\nKiev."}"# + "\n" + #"{"id": 2}"# + "\n"
            + #"{"id": 3, "text": "l’homme d’État à Paris-Nord"}"# + "\n"
        let result = try run(["tokenize", "--format", "words", "--input-format", "jsonl"], stdin: input)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3)
        #expect(lines[0] == #"{"id":1,"words":["M.","Antony","Blinken"," ","est","arrivé","à","\n","Kiev","."],"spaces":[true,true,true,false,true,true,false,false,false,false]}"#)
        #expect(lines[1] == #"{"id":2,"error":"missing text field 'text'"}"#)
        let tagged = try run(["tag", "--words", "--input-format", "jsonl"], stdin: input)
        func fields(_ line: some StringProtocol) throws -> NSDictionary {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return NSDictionary(dictionary: record.filter { $0.key != "entities" })
        }
        let taggedLines = tagged.stdout.split(separator: "\n")
        try #require(taggedLines.count == 3)
        for (mine, theirs) in zip(lines, taggedLines) { #expect(try fields(mine) == fields(theirs)) }
    }

    @Test("a missing file among several: an error record for it, the others are processed, exit 1")
    func missingFile() throws {
        let scratch = try Scratch()
        let good = try scratch.file("a.txt", "Lyon")
        let missing = scratch.url.appendingPathComponent("nope.txt").path
        let result = try run(["tokenize", missing, good])
        #expect(result.status == 1)
        #expect(result.stdout == "Lyon\t0\t4\n\n")
        #expect(result.stderrLines == ["frner: \(missing): no such file or directory"])
        let unreadable = try scratch.file("locked.txt", "Paris")
        chmod(unreadable, 0)
        defer { chmod(unreadable, 0o644) }
        let tagged = try run(["tag", good, missing, unreadable, good])
        #expect(tagged.status == 1)
        let lines = tagged.stdoutLines.filter { !$0.isEmpty }
        try #require(lines.count == 4)
        #expect(lines[0].hasPrefix(#"{"id":"\#(good)","entities":[{"text":"Lyon""#))
        #expect(lines[1] == #"{"id":"\#(missing)","error":"no such file or directory"}"#)
        // root reads any file: the locked file is then tagged like the others.
        #expect(lines[2] == #"{"id":"\#(unreadable)","error":"cannot open: Permission denied"}"# || getuid() == 0)
        #expect(lines[3] == lines[0])
        #expect(tagged.stderrLines.first == "frner: \(missing): no such file or directory")
    }

    @Test("tag guesses the input format from .jsonl, .ndjson and .conll names and says so; an explicit format wins")
    func guessedFormat() throws {
        let scratch = try Scratch()
        let jsonl = try scratch.file("articles.jsonl", #"{"id":"a1","text":"Hier à Kiev."}"# + "\n")
        let conll = try scratch.file("gold.conll", "-DOCSTART- -X- -X- O\n\nHier\tO\nà\tO\nLyon\tB-LOC\n.\tO\n")
        let text = try scratch.file("plain.txt", "Hier à Rome.")
        let result = try run(["tag", "--format", "tsv", jsonl, conll, text])
        #expect(result.status == 0)
        let rows = result.stdoutLines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { [$0[0], $0[4]] } == [["a1", "Kiev"], ["\(conll):2", "Lyon"], [text, "Rome"]])
        #expect(result.stderrLines == [
            "frner: note: reading \(jsonl) as jsonl (from its name; --input-format text reads it as one document)",
            "frner: note: reading \(conll) as conll (from its name; --input-format text reads it as one document)",
        ])
        let asText = try run(["tag", "--input-format", "text", "--format", "tsv", jsonl])
        #expect(asText.stderr == "")
        #expect(asText.stdoutLines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: "\t")[0] } == [Substring(jsonl)])
    }

    @Test("tag --input-format jsonl: one line per record, in order, error records, pass-through, exit 1")
    func tagJSONL() throws {
        let input = [
            #"{"id":"a","text":"M. Zorbak Quillifer est à Vexholm-sur-Loire.","meta":{"k":[1, 2]}}"#,
            #"{"id":"b","text":"#,
            "",
            #"{"id":"c"}"#,
            #"{"id":"d","text":42}"#,
            #"{"id":5,"text":"Rien."}"#,
            #"{"text":"Rien non plus.","lang":"fr"}"#,
        ].joined(separator: "\n") + "\n"
        let result = try run(["tag", "--input-format", "jsonl"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stdoutLines == [
            #"{"id":"a","meta":{"k":[1, 2]},"entities":[{"text":"Zorbak Quillifer","label":"PER","start":3,"end":19,"byteStart":3,"byteEnd":19,"source":"person.title"},{"text":"Vexholm-sur-Loire","label":"LOC","start":26,"end":43,"byteStart":27,"byteEnd":44,"source":"location.shape"}]}"#,
            #"{"id":"<stdin>:2","error":"malformed JSON at byte 17: unexpected end of input"}"#,
            #"{"id":"c","error":"missing text field 'text'"}"#,
            #"{"id":"d","error":"text field 'text' is not a string"}"#,
            #"{"id":5,"entities":[]}"#,
            #"{"id":"<stdin>:7","lang":"fr","entities":[]}"#,
            "",
        ])
        #expect(result.stderrLines == [
            "frner: <stdin>:2: malformed JSON at byte 17: unexpected end of input",
            "frner: <stdin>:4: missing text field 'text'",
            "frner: <stdin>:5: text field 'text' is not a string",
        ])
    }

    @Test("tag: custom id and text fields; all good records → exit 0")
    func tagCustomFields() throws {
        let input = #"{"doc":"x1","body":"Il vit à Vexholm-sur-Loire.","text":"ignored"}"# + "\n"
        let result = try run(["tag", "--input-format", "jsonl", "--id-field", "doc", "--text-field", "body"], stdin: input)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == #"{"id":"x1","text":"ignored","entities":[{"text":"Vexholm-sur-Loire","label":"LOC","start":9,"end":26,"byteStart":10,"byteEnd":27,"source":"location.shape"}]}"# + "\n")
    }

    @Test("tag: invalid UTF-8 inside a JSON string is an error record with the byte offset and the id, when readable")
    func tagInvalidUTF8InRecord() throws {
        // `{"id":"x","text":"` is 18 bytes: the bad byte is at offset 18.
        let input = Array(#"{"id":"x","text":""#.utf8) + [0xFF] + Array("\"}\n".utf8)
            + Array(#"{"text":"a"#.utf8) + [0xC3] + Array(#"","id":42,"date":"2024"}"#.utf8) + [0x0A]
            + Array(#"{"id":""#.utf8) + [0xFF] + Array(#"","text":"ok"}"#.utf8) + [0x0A]
            + Array(#"{"id":"y","text":"ok"}"#.utf8) + [0x0A]
        let result = try run(["tag", "--input-format", "jsonl"], stdin: input)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 4)
        #expect(lines[0] == #"{"id":"x","error":"malformed JSON at byte 18: invalid UTF-8 in string: invalid byte 0xFF"}"#)
        #expect(lines[1].hasPrefix(#"{"id":42,"error":"malformed JSON at byte 10: invalid UTF-8"#))
        #expect(lines[2].hasPrefix(#"{"id":"<stdin>:3","error":"malformed JSON at byte 7: invalid UTF-8"#)) // the id itself is not readable
        #expect(lines[3] == #"{"id":"y","entities":[]}"#)
        #expect(result.stderrLines.first == "frner: <stdin>:1: malformed JSON at byte 18: invalid UTF-8 in string: invalid byte 0xFF")
        // --lossy reads such a record with U+FFFD in place of the bad bytes.
        let lossy = try run(["tag", "--input-format", "jsonl", "--lossy"], stdin: input)
        #expect(lossy.status == 0)
        #expect(lossy.stdout.split(separator: "\n").map(String.init).prefix(2) == [#"{"id":"x","entities":[]}"#, #"{"id":42,"date":"2024","entities":[]}"#])
    }

    @Test("lexicon lookup OTAN prints the entry with its canonical form")
    func lookup() throws {
        let result = try run(["lexicon", "lookup", "OTAN"])
        #expect(result.status == 0)
        // Both spellings are entries (`OTAN` exact-case, `Otan`); the lookup says which case matches.
        #expect(result.stdout == "OTAN\tORG.international\tOrganisation du traité de l'Atlantique nord\tcurated\texact\tA\tcase=exact\n"
                + "OTAN\tORG.international\tOrganisation du traité de l'Atlantique nord\tcurated\t\tA\tcase=differs\n")
        let otan = try run(["lexicon", "lookup", "Otan"])
        #expect(otan.stdout == "Otan\tORG.international\tOrganisation du traité de l'Atlantique nord\tcurated\texact\tA\tcase=differs\n"
                + "Otan\tORG.international\tOrganisation du traité de l'Atlantique nord\tcurated\t\tA\tcase=exact\n")
        let none = try run(["lexicon", "lookup", "zzyzx"])
        #expect(none.status == 1)
        #expect(none.stdout == "no entry\n")
    }

    @Test("eval --json on a tiny CoNLL fixture: exact counts")
    func eval() throws {
        let gold = fixtures.appendingPathComponent("eval-tiny.conll").path
        let result = try run(["eval", "--gold", gold, "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        func counts(_ value: Any?) -> [Int] {
            guard let d = value as? [String: Any] else { return [] }
            return ["tp", "fp", "fn"].map { (d[$0] as? NSNumber)?.intValue ?? -1 }
        }
        // Gold: Jules Vartanian PER, Paris LOC, Banque de France ORG (Coupe du monde is MISC: dropped);
        // l'OTAN ORG, Saint-Étienne LOC, Zorbak Quillifer PER.
        // Predicted: the first three exactly; `OTAN` (not `l'OTAN`): fp + fn; Saint-Étienne exactly;
        // nothing for the sentence-initial unknown `Zorbak Quillifer`: fn.
        #expect(counts(object["overall"]) == [4, 1, 2])
        let perType = object["per_type"] as? [String: Any]
        #expect(counts(perType?["PER"]) == [1, 0, 1])
        #expect(counts(perType?["LOC"]) == [2, 0, 0])
        #expect(counts(perType?["ORG"]) == [1, 1, 1])
        // Partial: `OTAN` overlaps `l'OTAN` → 5 of 6 gold found, every prediction right.
        #expect(counts(object["partial"]) == [5, 0, 1])
        #expect(counts(object["boundary"]) == [4, 1, 2])
        let confusion = object["confusion"] as? [String: [String: Int]]
        #expect(confusion == ["LOC": ["LOC": 2], "O": ["ORG": 1], "ORG": ["O": 1, "ORG": 1], "PER": ["O": 1, "PER": 1]])
        #expect((object["documents"] as? NSNumber)?.intValue == 2)
        #expect((object["sentences"] as? NSNumber)?.intValue == 4)
        #expect(object["person_spans"] as? String == "names-only")
        #expect((object["overall"] as? [String: Any])?["precision"] as? Double == 0.8)
    }

    @Test("bench --json on the example article: the tokenizer, raw ICU and their ratio are reported")
    func bench() throws {
        let article = packageRoot.appendingPathComponent("Examples/article.txt").path
        // Tests run a debug build: the figures mean nothing, the report's shape is what is checked.
        let result = try run(["bench", "--allow-debug", "--runs", "1", "--json", article])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        func median(_ path: [String]) -> Double? {
            var value: Any? = object
            for key in path { value = (value as? [String: Any])?[key] }
            return ((value as? [String: Any])?["median"] as? NSNumber)?.doubleValue
        }
        let corpus = object["corpus"] as? [String: Any]
        #expect((corpus?["documents"] as? NSNumber)?.intValue == 1)
        let tokens = try #require((corpus?["tokens"] as? NSNumber)?.intValue)
        let tokenized = try run(["tokenize", article])
        #expect(tokens == tokenized.stdoutLines.filter { !$0.isEmpty }.count)
        for path in [["tokenizer", "mb_per_second"], ["tokenizer", "tokens_per_second"], ["raw_icu", "mb_per_second"],
                     ["tokenizer_to_raw_icu"], ["pipeline_tokenize_to_raw_icu"], ["single_thread", "mb_per_second"]] {
            let value = median(path)
            #expect(value != nil && value! > 0, "\(path)")
        }
        let ratio = try #require(median(["tokenizer_to_raw_icu"]))
        let tokenizerSpeed = try #require(median(["tokenizer", "mb_per_second"]))
        let rawSpeed = try #require(median(["raw_icu", "mb_per_second"]))
        #expect(abs(ratio - tokenizerSpeed / rawSpeed) < 0.01 * ratio) // one run: the ratio of the two speeds
    }

    @Test("eval --dump-text rebuilds the documents' text")
    func dumpText() throws {
        let gold = fixtures.appendingPathComponent("eval-tiny.conll").path
        let result = try run(["eval", "--gold", gold, "--dump-text"])
        #expect(result.status == 0)
        #expect(result.stdout == #"""
        {"id":"eval-tiny.conll#1","text":"M. Jules Vartanian est à Paris.\nLa Banque de France recrute pour la Coupe du monde.\n"}
        {"id":"eval-tiny.conll#2","text":"Il quitte l'OTAN pour Saint-Étienne.\nZorbak Quillifer a gagné.\n"}

        """#)
    }

    @Test("eval: a missing gold file is fatal (exit 2)")
    func evalMissingGold() throws {
        let result = try run(["eval", "--gold", "/nonexistent/gold.conll", "--json"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "frner: /nonexistent/gold.conll: no such file\n")
    }

    @Test("usage errors exit with 64", arguments: [
        ["tag", "--bogus"], ["eval"], ["tokenize", "--format", "xml"], ["nosuchcommand"], ["eval", "--gold", "x", "--labels", "MISC"],
    ])
    func usage(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(!result.stderr.isEmpty)
    }

    @Test("a reader that stops early (frner tag … | head -1): exit 0, nothing on stderr")
    func brokenPipe() throws {
        let scratch = try Scratch()
        // About 4 MB of output: far more than the pipe's and the writer's buffers.
        let line = "M. Zorbak Quillifer est arrivé à Vexholm-sur-Loire avec Mathilde Quillifer.\n"
        let input = try scratch.file("in.txt", String(repeating: line, count: 20_000))
        let errPath = try scratch.file("stderr", [])
        let process = Process()
        process.executableURL = frner
        process.arguments = ["tag", "--lines", input]
        process.environment = environment()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        try? pipe.fileHandleForWriting.close()
        var received = Data()
        while !received.contains(0x0A) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        try pipe.fileHandleForReading.close()
        process.waitUntilExit()
        let firstLine = String(decoding: received.prefix { $0 != 0x0A }, as: UTF8.self)
        #expect(firstLine.hasPrefix(#"{"id":"\#(input):1","entities":[{"text":"Zorbak Quillifer","label":"PER""#))
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOfFile: errPath, encoding: .utf8) == "")
    }
}

@Suite("frner's footprint")
struct FootprintTests {
    /// The library and the CLI import FoundationEssentials only: Foundation's own libraries and its ICU
    /// copy (`lib_FoundationICU.so`) would add about 6 MB of resident memory to every process.
    @Test("frner links FoundationEssentials, not Foundation nor its ICU copy")
    func noFoundation() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ldd") else {
            print("FootprintTests: /usr/bin/ldd not found, linkage not checked")
            return
        }
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [frner.path]
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let libraries = text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!libraries.contains("libFoundation.so"))
        #expect(!libraries.contains("lib_FoundationICU.so"))
        #expect(!libraries.contains("libFoundationInternationalization.so"))
    }
}
