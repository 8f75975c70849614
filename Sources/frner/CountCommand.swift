import ArgumentParser
import FrenchNER

extension EntityCounts.Format: ExpressibleByArgument {}

/// `frner count`: who is mentioned most, grouped by canonical name and label.
struct CountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count the entities by canonical name and label: documents that mention each, and mentions.",
        discussion: """
        Each entity counts under its canonical name (the lexicon's canonical form, else its text), so \
        `OTAN` and `Organisation du traité de l'Atlantique nord` count together. Rows are sorted by group, \
        label (PER, ORG, LOC), then most mentions. Columns: [FIELD,] label, name, documents, mentions \
        (docs/FORMAT.md). Reads its inputs as `frner tag` does; bad records are reported and not counted \
        (exit status 1).
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var lexicons: LexiconOptions
    @OptionGroup var runOptions: RunOptions

    @Option(name: .shortAndLong, help: "Output format: tsv, csv, jsonl.")
    var format: EntityCounts.Format = .tsv

    @Option(help: ArgumentHelp("Count separately for each value of this field of the JSON Lines records (e.g. date).", valueName: "field"))
    var by: String?

    @Option(help: ArgumentHelp("Only the N most mentioned names of each label (and group).", valueName: "N"))
    var top: Int?

    @Option(help: "Labels to count, comma-separated.")
    var labels = "PER,LOC,ORG"

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        _ = try parseLabels(labels)
    }

    func run() throws {
        Diagnostics.quiet = runOptions.quiet
        let labelSet = try parseLabels(labels)
        let tokenizer = try Tokenizer()
        let tagger = Tagger(gazetteer: try lexicons.loadGazetteer(tokenizer: tokenizer), tokenizer: tokenizer)
        let output = try StandardOutput.open(path: runOptions.output)
        let options = input.settings
        let by = self.by
        var source = input.source()
        let progress = ProgressLine(totalBytes: source.knownInputSize, options: runOptions, outputIsTerminal: false)
        var summary = RunStatistics()
        var counts = EntityCounts()
        processInBatches(&source, jobs: runOptions.jobs, interactive: false,
                         progress: { progress.update(documents: $0, bytes: $1) }) { record in
            EntityCounts.Tally(record, settings: options, tagger: tagger, labels: labelSet, groupField: by)
        } consume: { result in
            if let message = result.error {
                Diagnostics.error("\(result.location): \(message)")
            } else {
                counts.add(names: result.names, group: result.group)
            }
            summary.add(error: result.error != nil, labels: result.names.map(\.label))
        }
        progress.finish()
        output.write(EntityCounts.format(counts.rows(top: top), as: format, groupField: by))
        output.flush()
        summary.bytes = source.bytesRead
        printSummary(summary, options: runOptions)
        try ExitStatus.finish(recordFailures: summary.errors, inputFailed: source.inputFailed)
    }
}
