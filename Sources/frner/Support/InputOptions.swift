import ArgumentParser
import FrenchNER

extension InputFormat: ExpressibleByArgument {}

/// Options shared by every command that reads documents.
struct InputOptions: ParsableArguments {
    @Argument(help: "Input files or folders (standard input when none or '-').")
    var inputs: [String] = []

    @Option(name: [.short, .long], help: "How inputs are cut into documents: text (one per file), lines (one per line), jsonl, conll (default: files named *.jsonl or *.ndjson are JSON Lines, *.conll CoNLL, others text; said on stderr).")
    var inputFormat: InputFormat?

    @Flag(name: .shortAndLong, help: "Same as --input-format lines.")
    var lines = false

    @Option(help: "JSON Lines field holding the text.")
    var textField = "text"

    @Option(help: "JSON Lines field holding the document id.")
    var idField = "id"

    @Option(help: "Only read files whose name matches this glob pattern inside folders (e.g. '*.txt').")
    var glob: String?

    @Flag(help: "Decode invalid UTF-8 with U+FFFD instead of rejecting the record.")
    var lossy = false

    @Option(help: "Largest document (or record) in bytes; a larger one gets an error record.")
    var maxDocumentBytes = 64 << 20

    var settings: InputSettings {
        InputSettings(format: lines ? .lines : inputFormat ?? .text, textField: textField, idField: idField, glob: glob,
                      lossy: lossy, maxDocumentBytes: maxDocumentBytes)
    }

    /// The inputs' documents, unreadable inputs reported on standard error.
    func source() -> DocumentSource {
        var source = DocumentSource(inputs: inputs, settings: settings, report: { Diagnostics.error($0) })
        if inputFormat == nil && !lines {
            source.guessFormat = { path, format in
                Diagnostics.notice("note: reading \(path) as \(format.rawValue) (from its name; --input-format text reads it as one document)")
            }
        }
        return source
    }
}
