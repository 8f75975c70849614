import ArgumentParser
import Dispatch
import FrenchNER
#if canImport(Glibc)
import Glibc
#endif

/// `frner bench`: times the tagging pipeline, stage by stage, over documents held in memory.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time tagging over a corpus: throughput, time per stage, latency, load time and memory.",
        discussion: """
        All documents are read into memory first; then one warm-up run and --runs timed runs. Each run \
        also times raw ICU word-break iteration over the same texts (the tokenizer's ceiling), the \
        tokenizer alone in the same way (the ratio of the two is the tokenizer's speed target, ≥ 0.50) \
        and, with --jobs N > 1, the same tagging on N threads. Figures are medians over the runs, with [min–max]. \
        Stages: tokenize, gazetteer+rules (tagging the tokens), output (the JSON Lines record of \
        `frner tag`, kept in memory). Words are whitespace-separated words (Python's str.split()); MB \
        are 10^6 bytes of UTF-8. A debug build refuses to run: its figures mean nothing.
        """
    )

    @Argument(help: "Input files or folders (standard input when none or '-').")
    var inputs: [String] = []

    @Option(help: "How inputs are cut into documents: text, lines, jsonl, conll (default: *.jsonl and *.ndjson files are JSON Lines, *.conll files CoNLL, other files one document each, folders one document per *.txt file).")
    var inputFormat: InputFormat?

    @Option(help: "JSON Lines field holding the text.")
    var textField = "text"

    @Option(help: ArgumentHelp("Only the first N documents (JSON Lines records, readable or not).", valueName: "N"))
    var limit: Int?

    @Option(help: "Timed runs (after one warm-up run).")
    var runs = 5

    @Option(help: ArgumentHelp("Also tag on N threads (N contiguous shards) and report the speed-up over 1 thread.", valueName: "N"))
    var jobs = 1

    @Option(help: ArgumentHelp("Also score against this gold corpus (a CoNLL file or a brat folder), as frner eval does.", valueName: "path"))
    var gold: String?

    @Option(help: ArgumentHelp("Person-span conventions for --gold: auto (inferred from the gold), names-only, or titles, functions, appositions joined by + (titles+functions).", valueName: "convention"))
    var personSpans = "auto"

    @OptionGroup var lexicons: LexiconOptions

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Flag(help: "Run even in a debug build (the figures are then meaningless).")
    var allowDebug = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if personSpans != "auto" && TaggingConventions(name: personSpans) == nil {
            throw ValidationError("unknown --person-spans '\(personSpans)'")
        }
    }

    func run() throws {
        try refuseDebugBuild()
        let tokenizer = try Tokenizer()
        let lexiconSet = try lexicons.lexiconSet()
        var (gazetteer, lexiconTiming) = try exitOnLexiconError {
            try LexiconTiming.load(lexiconSet, tokenizer: tokenizer, useCache: !lexicons.noLexiconCache)
        }
        let tagger = Tagger(gazetteer: gazetteer, tokenizer: tokenizer)
        // The peak should be the tagger's and the documents', not a transient compile's.
        let peakMeasuredFromLoadedLexicons = ProcessMemory.resetPeak()
        let loadAverage = BenchMachine.loadAverage

        ProgressLine.show("reading documents…")
        let corpus: BenchCorpus
        do {
            corpus = try BenchCorpus.read(inputs: inputs, format: inputFormat, textField: textField, limit: limit,
                                          report: { Diagnostics.error($0) })
        } catch {
            throw ExitCode(2)
        }
        guard !corpus.documents.isEmpty else {
            ProgressLine.clearIfShown()
            Diagnostics.error("no readable document in the input")
            throw ExitCode(2)
        }
        let measurement = BenchMeasurement.run(corpus.documents, tagger: tagger, runs: runs, jobs: jobs,
                                               progress: ProgressLine.show)
        let peakResidentBytes = ProcessMemory.peakResidentBytes()

        ProgressLine.show("timing a compile of the lexicons without the cache…")
        try exitOnLexiconError { try lexiconTiming.measureCompile(lexiconSet, tokenizer: tokenizer) }
        var accuracy: EvaluationReport?
        if let gold {
            ProgressLine.show("scoring \(gold)…")
            accuracy = try score(gold: gold, tagger: tagger)
        }
        ProgressLine.clearIfShown()

        let report = BenchReport(corpus: corpus, measurement: measurement, lexicons: lexiconTiming,
                                 peakResidentBytes: peakResidentBytes,
                                 peakMeasuredFromLoadedLexicons: peakMeasuredFromLoadedLexicons,
                                 loadAverage: loadAverage, accuracy: accuracy, gold: gold)
        print(json ? report.json() : report.text(), terminator: json ? "\n" : "")
    }

    /// Stops a debug build (exit 64) unless `--allow-debug`, which gets a loud warning instead.
    private func refuseDebugBuild() throws {
        guard BuildConfiguration.isDebug else { return }
        guard allowDebug else {
            Diagnostics.error("refusing to benchmark a debug build; build with `swift build -c release` (or pass --allow-debug)")
            throw ExitCode(64)
        }
        Diagnostics.note("WARNING: DEBUG BUILD. These timings are MEANINGLESS: do not quote them.")
    }

    /// Scores the tagger on a gold corpus with the code of `frner eval`.
    private func score(gold: String, tagger: Tagger) throws -> EvaluationReport {
        let labels = Set(EntityLabel.allCases)
        let documents: [GoldDocument]
        do {
            documents = try GoldCorpus.read(path: gold, labels: labels)
        } catch {
            ProgressLine.clearIfShown()
            Diagnostics.error(error.description)
            throw ExitCode(2)
        }
        return tagger.evaluate(documents, labels: labels, conventions: TaggingConventions(name: personSpans))
    }
}

/// Runs `body`; a lexicon error is reported and exits with status 2.
private func exitOnLexiconError<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let error as LexiconError {
        ProgressLine.clearIfShown()
        Diagnostics.error(error.description)
        throw ExitCode(2)
    }
}
