import ArgumentParser
import FoundationEssentials
import FrenchNER

/// `--format`: the output formats, and `spacy`, the deprecated old name of `displacy` (`OutputFormat(name:)`).
struct FormatArgument: ExpressibleByArgument, Equatable {
    let format: OutputFormat, isDeprecatedName: Bool
    init?(argument: String) {
        guard let format = OutputFormat(name: argument) else { return nil }
        (self.format, isDeprecatedName) = (format, argument != format.rawValue)
    }
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { format.rawValue }
}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Find people, organisations and places; one output record per input document, in input order.",
        discussion: """
        Formats (docs/FORMAT.md shows each): jsonl (default), conll, brat (needs --output-dir), tsv, csv, \
        displacy (spaCy's displaCy "manual" format; `spacy` is its deprecated old name), html.
        Exit status: 0 all records tagged, 1 some records or files failed (each gets an error record), 2 fatal \
        (a lexicon could not be read, an input failed while read, output not writable), 64 usage error.
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var lexicons: LexiconOptions
    @OptionGroup var runOptions: RunOptions

    @Option(name: .shortAndLong, help: "Output format: jsonl, conll, brat, tsv, csv, displacy, html.")
    var format = FormatArgument(argument: "jsonl")!

    @Option(name: .customLong("keep-field"), help: ArgumentHelp("With --format tsv or csv: also write this field of each JSON Lines record as a column (repeatable).", valueName: "name"))
    var keepFields: [String] = []

    @Option(help: ArgumentHelp("Folder for brat output (NAME.txt + NAME.ann per document).", valueName: "folder"))
    var outputDir: String?

    @Option(help: "Labels to output, comma-separated.")
    var labels = "PER,LOC,ORG"

    @Option(help: ArgumentHelp("Person spans: names-only (default), or titles, functions, appositions joined by + (titles+functions).", valueName: "convention"))
    var personSpans = "names-only"

    @Flag(help: "Write each record as soon as it is tagged (default when the output is a terminal).")
    var lineBuffered = false

    @Flag(help: "With --format jsonl: each record also has the document's tokens as spaCy's Doc takes them, \"words\" and \"spaces\" (docs/FORMAT.md).")
    var words = false

    @Flag(help: "Two passes: learn the names the whole input types surely, then tag with them (corpus.same-name). Files are read twice; standard input is spooled to a temporary file. At most 2^20 names (about 40 MB).")
    var corpusMemory = false

    func validate() throws {
        if format.format == .brat && outputDir == nil { throw ValidationError("--format brat needs --output-dir") }
        if format.format == .brat && runOptions.output != nil { throw ValidationError("--format brat writes into --output-dir, not --output") }
        if !keepFields.isEmpty && format.format != .tsv && format.format != .csv {
            throw ValidationError("--keep-field applies to --format tsv and csv (JSON Lines output keeps every field)")
        }
        if words && format.format != .jsonl { throw ValidationError("--words applies to --format jsonl") }
        if TaggingConventions(name: personSpans) == nil {
            throw ValidationError("unknown --person-spans '\(personSpans)' (names-only, or titles, functions, appositions joined by +)")
        }
        _ = try parseLabels(labels)
    }

    func run() throws {
        Diagnostics.quiet = runOptions.quiet
        let labelSet = try parseLabels(labels)
        let tokenizer = try Tokenizer()
        var configured = Tagger(gazetteer: try lexicons.loadGazetteer(tokenizer: tokenizer), tokenizer: tokenizer)
        configured.conventions = TaggingConventions(name: personSpans)!
        var input = input
        let pass: (tagger: Tagger, inputs: [String], spool: String?)?
        do { pass = corpusMemory ? try configured.rememberingCorpus(inputs: input.inputs, settings: input.settings, jobs: runOptions.jobs) : nil }
        catch { Diagnostics.error("\(error)"); throw ExitCode(2) }  // standard input could not be spooled: an I/O error
        let (tagger, spool) = (pass?.tagger ?? configured, pass?.spool)
        input.inputs = pass?.inputs ?? input.inputs
        defer { if let spool { try? FileManager.default.removeItem(atPath: spool) } }
        if format.isDeprecatedName { Diagnostics.notice("warning: --format spacy is now --format displacy (displaCy's format); the old name will go") }
        let formatter = DocumentFormatter(format: format.format, keepFields: keepFields, words: words)
        let output = try StandardOutput.open(path: runOptions.output, lineBuffered: lineBuffered)
        let brat: BratWriter?
        do {
            brat = try outputDir.map { path throws(BratWriterError) in try BratWriter(folder: path) }
        } catch {
            Diagnostics.error(error.message)
            throw ExitCode(2)
        }
        let options = input.settings
        var source = input.source()
        let progress = ProgressLine(totalBytes: source.knownInputSize, options: runOptions,
                                    outputIsTerminal: brat == nil && output.isTerminal)
        var summary = RunStatistics()

        output.write(formatter.header())
        processInBatches(&source, jobs: runOptions.jobs, interactive: output.isLineBuffered,
                         progress: { progress.update(documents: $0, bytes: $1) }) { record in
            var record = record
            if let spool, record.file == spool { (record.file, record.location) = ("<stdin>", "<stdin>" + record.location.dropFirst(spool.count)) }
            return FormattedRecord(record, settings: options, tagger: tagger, formatter: formatter, labels: labelSet)
        } consume: { result in
            if let message = result.error { Diagnostics.error("\(result.location): \(message)") }
            summary.add(error: result.error != nil, labels: result.labels)
            if let brat {
                brat.write(id: result.id, name: result.name, text: result.text, annotations: result.bytes, error: result.error)
            } else {
                output.write(result.bytes)
                output.endRecord()
            }
        }
        output.write(formatter.footer())
        output.flush()
        progress.finish()
        summary.bytes = source.bytesRead
        printSummary(summary, options: runOptions)
        if let brat, let error = brat.firstError {
            Diagnostics.error(error)
            throw ExitCode(2)
        }
        try ExitStatus.finish(recordFailures: summary.errors, inputFailed: source.inputFailed)
    }
}
