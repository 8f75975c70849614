import ArgumentParser
import FoundationEssentials
import FrenchNER

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score FrenchNER (or another system's predictions) against gold annotations.",
        discussion: """
        Gold: a CoNLL file (TOKEN<TAB>TAG, BIO2 or IOB1) or a brat folder (.txt + .ann). CoNLL documents are \
        rebuilt as natural text (one sentence per line, French spacing) and tagged with the full pipeline; \
        scores compare character spans. Strict scores need the same start, end and label.
        """
    )

    @Option(help: ArgumentHelp("Gold corpus: a CoNLL file or a brat folder.", valueName: "path"))
    var gold: String

    @Option(help: "Gold format (default: a folder is brat, a file is CoNLL).")
    var goldFormat: GoldFormatArgument?

    @Option(help: "Labels to score, comma-separated.")
    var labels = "PER,LOC,ORG"

    @Option(help: ArgumentHelp("Score these predictions (FrenchNER's JSON Lines format) instead of tagging.", valueName: "file"))
    var predicted: String?

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: ArgumentHelp("Write every false positive and false negative with its context to this file.", valueName: "file"))
    var errors: String?

    @Flag(help: "Also print precision per source (the rule or lexicon that decided each prediction).")
    var bySource = false

    @Flag(help: "Write the gold documents' text as JSON Lines ({\"id\", \"text\"}) and exit, for another system to tag.")
    var dumpText = false

    @Flag(help: "CoNLL gold: read each sentence as a document of its own (gold without document boundaries).")
    var sentenceDocuments = false

    @OptionGroup var lexicons: LexiconOptions

    @Option(help: ArgumentHelp("Person-span conventions: auto (inferred from the gold), names-only, or titles, functions, appositions joined by + (titles+functions).", valueName: "convention"))
    var personSpans = "auto"

    @Flag(help: "Tag with a corpus memory collected first over all the gold documents' text (as tag --corpus-memory).")
    var corpusMemory = false

    enum GoldFormatArgument: String, ExpressibleByArgument, CaseIterable { case conll, brat }

    func run() throws {
        let labelSet = try parseLabels(labels)
        let documents: [GoldDocument]
        do {
            documents = try GoldCorpus.read(path: gold, format: goldFormat.map { GoldFormat(rawValue: $0.rawValue)! }, labels: labelSet,
                                            sentenceDocuments: sentenceDocuments)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(2)
        }
        if dumpText {
            let output = try StandardOutput.open()
            for document in documents { output.write(document.textRecord()) }
            output.flush()
            return
        }

        var scorer = Scorer(keepErrors: errors != nil)
        var conventionsUsed = "as predicted"
        let start = Date()
        if let predicted {
            let predictions: [String: [PredictedEntity]]
            do {
                predictions = try PredictionFile.read(predicted, labels: labelSet, warn: { Diagnostics.error($0) })
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(2)
            }
            let missing = scorer.add(documents, predictions: predictions)
            if missing > 0 { Diagnostics.error("\(predicted): no prediction for \(missing) of \(documents.count) documents (scored as empty)") }
        } else {
            guard personSpans == "auto" || TaggingConventions(name: personSpans) != nil else {
                throw ValidationError("unknown --person-spans '\(personSpans)'")
            }
            let tokenizer = try Tokenizer()
            var tagger = Tagger(gazetteer: try lexicons.loadGazetteer(tokenizer: tokenizer), tokenizer: tokenizer)
            if corpusMemory { tagger = tagger.withCorpusMemory(tagger.corpusMemory(of: documents.map(\.text))) }
            let report = tagger.evaluate(documents, labels: labelSet, conventions: TaggingConventions(name: personSpans),
                                         keepErrors: errors != nil)
            conventionsUsed = report.conventions
            scorer = report.scorer
        }
        let seconds = Date().timeIntervalSince(start)
        if let errors { try writeErrors(scorer.errors, to: errors) }
        let report = EvaluationReport(scorer: scorer, labels: labelSet.sorted(), seconds: seconds, conventions: conventionsUsed)
        print(json ? report.json() : report.table(), terminator: json ? "\n" : "")
        if bySource && !json { print("\n" + report.sourceTable(), terminator: "") }
    }

    private func writeErrors(_ errors: [ScoringError], to path: String) throws {
        do {
            try ScoringError.tsv(errors).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            Diagnostics.error("\(path): cannot write: \(systemErrorDescription(error))")
            throw ExitCode(2)
        }
    }
}

/// `PER,LOC` → the labels; an unknown name is a usage error.
func parseLabels(_ list: String) throws -> Set<EntityLabel> {
    do { return try EntityLabel.set(parsing: list) } catch { throw ValidationError(error.message) }
}
