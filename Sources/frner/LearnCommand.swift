import ArgumentParser
import FoundationEssentials
import FrenchNER

struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Mine candidate lexicon entries and context patterns from unlabelled text, for review.",
        discussion: """
        Names no lexicon knows, typed by sure cues in at least --min-count documents with at least --min-agreement \
        of their mentions agreeing, most confident first, as a user lexicon to review and pass to --lexicon \
        (statistics, sources, two examples in comment columns). Nouns next to names of one type (in at least \
        max(5, --min-count) documents) go to --patterns, for review only. See README, "Adapting to a domain".
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var lexicons: LexiconOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The learned lexicon (TSV).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("The learned context patterns (default: OUTPUT with .patterns.tsv).", valueName: "file"))
    var patterns: String?

    @Option(help: "Documents that must type a name surely with one label.")
    var minCount = 5

    @Option(help: "Share of a name's tagged mentions that must agree on its label (0–1).")
    var minAgreement = 0.9

    @Option(help: "Threads (default: all cores). Output is identical for any value.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let tokenizer = try Tokenizer()
        let tagger = Tagger(gazetteer: try lexicons.loadGazetteer(tokenizer: tokenizer), tokenizer: tokenizer)
        var learner = LexiconLearner()
        var source = input.source()
        tagger.forEachDocumentNames(in: &source, detail: true, jobs: max(1, jobs)) { learner.add($0) }
        let entries = learner.entries(minimumCount: minCount, minimumAgreement: minAgreement)
        let found = learner.patterns(minimumCount: max(5, minCount), minimumAgreement: minAgreement)
        let patternsPath = patterns ?? (output.hasSuffix(".tsv") ? String(output.dropLast(4)) : output) + ".patterns.tsv"
        for (path, text) in [(output, learner.lexiconTSV(entries)), (patternsPath, learner.patternsTSV(found))] {
            do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                Diagnostics.error("\(path): cannot write: \(systemErrorDescription(error))")
                throw ExitCode(2)
            }
        }
        Diagnostics.note("\(learner.documents) documents: \(entries.count) entries → \(output), \(found.count) patterns → \(patternsPath)")
        try ExitStatus.finish(recordFailures: 0, inputFailed: source.inputFailed)
    }
}
