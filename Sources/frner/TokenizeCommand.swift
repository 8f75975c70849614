import ArgumentParser
import FrenchNER

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Split documents into sentences and tokens.",
        discussion: """
        tsv (default): one token per line as TOKEN<TAB>START<TAB>END, offsets in Unicode code points, \
        a blank line after each sentence.
        jsonl: one object per document: {"id", "sentences": [{"start", "end", "byteStart", "byteEnd", \
        "tokens": [{"text", "start", "end", "byteStart", "byteEnd", "kind", "spaceBefore"}]}]}.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case tsv, jsonl }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Output format: tsv or jsonl.")
    var format: Format = .tsv

    @Flag(help: "Flush standard output after every document.")
    var lineBuffered = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let tokenizer = try Tokenizer()
        let output = try StandardOutput(path: self.output, lineBuffered: lineBuffered)
        var source = input.source()
        var failures = 0
        source.forEach { document in
            switch document.text {
            case .failure(let error):
                failures += 1
                Diagnostics.error("\(document.location): \(error.message)")
                if format == .jsonl {
                    var json = JSONWriter()
                    json.objectStart(); json.key("id"); json.raw(document.idJSON)
                    json.key("error"); json.string(error.message); json.objectEnd(); json.newline()
                    output.write(json.bytes)
                }
            case .success(let text):
                let doc = tokenizer.tokenize(text)
                output.write(format == .tsv ? tsv(doc) : jsonl(doc, id: document.idJSON))
            }
            output.endRecord()
        }
        output.flush()
        try ExitStatus.finish(recordFailures: failures, inputFailed: source.inputFailed)
    }

    private func tsv(_ doc: TokenizedText) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(doc.text.count * 3)
        for sentence in doc.sentences {
            for index in sentence.tokens {
                let token = doc.tokens[index]
                // A token never holds a tab or newline (white space is not part of tokens).
                out.append(contentsOf: doc.string(of: token).utf8)
                out.append(0x09)
                out.append(contentsOf: String(doc.text.codePointOffset(utf16: Int(token.start))).utf8)
                out.append(0x09)
                out.append(contentsOf: String(doc.text.codePointOffset(utf16: Int(token.end))).utf8)
                out.append(0x0A)
            }
            out.append(0x0A)
        }
        return out
    }

    private func jsonl(_ doc: TokenizedText, id: [UInt8]) -> [UInt8] {
        var json = JSONWriter(capacity: doc.text.count * 8)
        json.objectStart()
        json.key("id"); json.raw(id)
        json.key("sentences"); json.arrayStart()
        for sentence in doc.sentences {
            guard let first = sentence.tokens.first, let last = sentence.tokens.last else { continue }
            json.objectStart()
            writeOffsets(&json, doc.text, Int(doc.tokens[first].start), Int(doc.tokens[last].end))
            json.key("tokens"); json.arrayStart()
            for index in sentence.tokens {
                let token = doc.tokens[index]
                json.objectStart()
                json.key("text"); json.string(doc.string(of: token))
                writeOffsets(&json, doc.text, Int(token.start), Int(token.end))
                json.key("kind"); json.string(token.kind.description)
                json.key("spaceBefore"); json.bool(token.flags.contains(.spaceBefore))
                json.objectEnd()
            }
            json.arrayEnd()
            json.objectEnd()
        }
        json.arrayEnd()
        json.objectEnd()
        json.newline()
        return json.bytes
    }

    private func writeOffsets(_ json: inout JSONWriter, _ text: TextBuffer, _ start: Int, _ end: Int) {
        json.key("start"); json.int(text.codePointOffset(utf16: start))
        json.key("end"); json.int(text.codePointOffset(utf16: end))
        json.key("byteStart"); json.int(text.utf8Offset(utf16: start))
        json.key("byteEnd"); json.int(text.utf8Offset(utf16: end))
    }
}
