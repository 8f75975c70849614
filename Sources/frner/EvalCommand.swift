import ArgumentParser
import Foundation
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

    @OptionGroup var lexicons: LexiconOptions

    @Option(help: ArgumentHelp("Person-span conventions: auto (inferred from the gold), names-only, or titles, functions, appositions joined by + (titles+functions).", valueName: "convention"))
    var personSpans = "auto"

    enum GoldFormatArgument: String, ExpressibleByArgument, CaseIterable { case conll, brat }

    func run() throws {
        let labelSet = try parseLabels(labels)
        let documents: [GoldDocument]
        do {
            documents = try GoldCorpus.read(path: gold, format: goldFormat.map { GoldFormat(rawValue: $0.rawValue)! }, labels: labelSet)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(2)
        }
        if dumpText {
            let output = StandardOutput()
            for document in documents {
                var writer = JSONWriter()
                writer.objectStart()
                writer.key("id"); writer.string(document.id)
                writer.key("text"); writer.string(document.text)
                writer.objectEnd(); writer.newline()
                output.write(writer.bytes)
            }
            output.flush()
            return
        }

        var scorer = Scorer(keepErrors: errors != nil)
        var conventionsUsed = "as predicted"
        let start = Date()
        if let predicted {
            let predictions = try readPredictions(predicted, labels: labelSet)
            var missing = 0
            for document in documents {
                let spans = predictions[document.id]
                if spans == nil { missing += 1 }
                scorer.add(gold: document.entities, predicted: spans?.map(\.span) ?? [], text: document.text,
                           id: document.id, sentences: document.sentenceCount, sources: spans?.map(\.source))
            }
            if missing > 0 { Diagnostics.error("\(predicted): no prediction for \(missing) of \(documents.count) documents (scored as empty)") }
        } else {
            let tokenizer = try Tokenizer()
            var tagger = Tagger(gazetteer: try lexicons.loadGazetteer(tokenizer: tokenizer), tokenizer: tokenizer)
            if personSpans == "auto" {
                tagger.conventions = tagger.inferConventions(from: documents)
            } else if let conventions = TaggingConventions(name: personSpans) {
                tagger.conventions = conventions
            } else {
                throw ValidationError("unknown --person-spans '\(personSpans)'")
            }
            conventionsUsed = tagger.conventions.description
            scorer = tagger.score(documents, labels: labelSet, keepErrors: errors != nil)
        }
        let seconds = Date().timeIntervalSince(start)
        if let errors { try writeErrors(scorer.errors, to: errors) }
        let report = EvaluationReport(scorer: scorer, labels: labelSet.sorted(), seconds: seconds, conventions: conventionsUsed)
        print(json ? report.json() : report.table(), terminator: json ? "\n" : "")
        if bySource && !json {
            print("\nsource                                         precision      tp      fp")
            for (source, prf) in scorer.bySource.sorted(by: { $0.value.truePositives + $0.value.falsePositives > $1.value.truePositives + $1.value.falsePositives }) {
                print(source.padding(toLength: 46, withPad: " ", startingAt: 0)
                      + String(format: " %9.3f %7d %7d", prf.precision, prf.truePositives, prf.falsePositives))
            }
        }
    }

    private func readPredictions(_ path: String, labels: Set<EntityLabel>) throws -> [String: [(span: EntitySpan, source: String)]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            Diagnostics.error("\(path): cannot read")
            throw ExitCode(2)
        }
        var predictions: [String: [(span: EntitySpan, source: String)]] = [:]
        var lineNumber = 0
        for line in Array(data).split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            let record: JSONRecord
            do {
                record = try JSONRecord(parsing: line)
            } catch {
                Diagnostics.error("\(path):\(lineNumber): \(error.description)")
                throw ExitCode(2)
            }
            guard let idValue = record["id"] else {
                Diagnostics.error("\(path):\(lineNumber): record has no id")
                throw ExitCode(2)
            }
            let id = idValue.stringValue ?? String(decoding: record.fields.first { $0.key == "id" }!.raw, as: UTF8.self)
            if let error = record["error"]?.stringValue {
                Diagnostics.error("\(path):\(lineNumber): document \(id) has an error record: \(error)")
            }
            var spans: [(span: EntitySpan, source: String)] = []
            for item in record["entities"]?.arrayValue ?? [] {
                guard let start = item["start"]?.intValue, let end = item["end"]?.intValue,
                      let labelName = item["label"]?.stringValue else {
                    Diagnostics.error("\(path):\(lineNumber): an entity needs integer start, end and a label")
                    throw ExitCode(2)
                }
                guard let label = EntityLabel(name: labelName), labels.contains(label) else { continue }
                spans.append((EntitySpan(start: start, end: end, label: label), item["source"]?.stringValue ?? ""))
            }
            predictions[id] = spans
        }
        return predictions
    }

    private func writeErrors(_ errors: [ScoringError], to path: String) throws {
        var lines = ["kind\tdocument\tlabel\tstart\tend\ttext\tother side\tsource\tcontext"]
        for error in errors {
            lines.append([error.kind.rawValue, error.documentID, error.span.label.rawValue, String(error.span.start),
                          String(error.span.end), error.text, error.overlapping, error.source ?? "", error.context]
                .joined(separator: "\t"))
        }
        do {
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            Diagnostics.error("\(path): cannot write: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}

func parseLabels(_ list: String) throws -> Set<EntityLabel> {
    var labels = Set<EntityLabel>()
    for name in list.split(separator: ",") {
        guard let label = EntityLabel(name: name.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("unknown label '\(name)' (known: PER, LOC, ORG)")
        }
        labels.insert(label)
    }
    return labels
}
