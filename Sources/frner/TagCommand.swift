import ArgumentParser
import FrenchNER

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Find people, organisations and places; one JSON object per document.",
        discussion: "Records: {\"id\", \"entities\": [{\"text\", \"label\", \"start\", \"end\", \"byteStart\", \"byteEnd\", \"source\", \"canonical\"}]}; see docs/FORMAT.md."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var lexicons: LexiconOptions

    @Flag(help: "Flush standard output after every document.")
    var lineBuffered = false

    func run() throws {
        let tokenizer = try Tokenizer()
        let tagger = Tagger(gazetteer: try lexicons.loadGazetteer(tokenizer: tokenizer), tokenizer: tokenizer)
        let output = StandardOutput(lineBuffered: lineBuffered)
        var source = DocumentSource(options: input)
        var failures = 0
        source.forEach { document in
            var json = JSONWriter(capacity: 1024)
            switch document.text {
            case .failure(let error):
                failures += 1
                Diagnostics.error("\(document.location): \(error.message)")
                EntityRecord.writeError(id: document.idJSON, message: error.message, to: &json)
            case .success(let text):
                let tagged = tagger.tag(text)
                EntityRecord.write(id: document.idJSON, passthrough: document.passthrough.map { ($0.key, $0.raw) },
                                   entities: tagged.entities, to: &json)
            }
            output.write(json.bytes)
            output.endRecord()
        }
        output.flush()
        try ExitStatus.finish(recordFailures: failures, inputFailed: source.inputFailed)
    }
}
