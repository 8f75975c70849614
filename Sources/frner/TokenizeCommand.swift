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
        words: one object per document: {"id", "words", "spaces"}, the tokens as spaCy's Doc(vocab, words, \
        spaces) takes them (as frner tag --words; docs/FORMAT.md).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case tsv, jsonl, words }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Output format: tsv, jsonl or words.")
    var format: Format = .tsv

    @Flag(help: "Flush standard output after every document.")
    var lineBuffered = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let tokenizer = try Tokenizer()
        let output = try StandardOutput.open(path: self.output, lineBuffered: lineBuffered)
        var source = input.source()
        var failures = 0
        source.forEach { document in
            switch document.text {
            case .failure(let error):
                failures += 1
                Diagnostics.error("\(document.location): \(error.message)")
                if format != .tsv {
                    var json = JSONWriter()
                    json.objectStart(); json.key("id"); json.raw(document.idJSON)
                    json.key("error"); json.string(error.message); json.objectEnd(); json.newline()
                    output.write(json.bytes)
                }
            case .success(let text):
                let doc = tokenizer.tokenize(text)
                switch format {
                case .tsv: output.write(TokenFormatter.tsv(doc))
                case .jsonl: output.write(TokenFormatter.jsonl(doc, id: document.idJSON))
                case .words: output.write(TokenFormatter.words(doc, id: document.idJSON))
                }
            }
            output.endRecord()
        }
        output.flush()
        try ExitStatus.finish(recordFailures: failures, inputFailed: source.inputFailed)
    }
}
