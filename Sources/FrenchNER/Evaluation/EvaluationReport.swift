#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Renders a scorer's results as tables or as one JSON object (`frner eval`, `frner bench --gold`).
public struct EvaluationReport: Sendable {
    public let scorer: Scorer
    public let labels: [EntityLabel]
    public let seconds: Double
    public let conventions: String

    public init(scorer: Scorer, labels: [EntityLabel], seconds: Double, conventions: String) {
        self.scorer = scorer
        self.labels = labels
        self.seconds = seconds
        self.conventions = conventions
    }

    /// Precision per source (the rule or lexicon that decided each prediction), most used first.
    public func sourceTable() -> String {
        var lines = ["source                                         precision      tp      fp"]
        let rows = scorer.bySource.sorted {
            $0.value.truePositives + $0.value.falsePositives > $1.value.truePositives + $1.value.falsePositives
        }
        for (source, prf) in rows {
            lines.append(source.padded(toLength: 46)
                         + String(printf: " %9.3f %7ld %7ld", prf.precision, prf.truePositives, prf.falsePositives))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func table() -> String {
        func row(_ name: String, _ prf: PRF) -> String {
            name.padded(toLength: 9)
                + String(printf: "%7.4f %7.4f %7.4f %7ld %7ld %7ld", prf.precision, prf.recall, prf.f1,
                         prf.truePositives, prf.falsePositives, prf.falseNegatives)
        }
        var lines = ["strict   precision  recall      f1      tp      fp      fn"]
        for label in labels { lines.append(row(label.rawValue, scorer.strict[label] ?? PRF())) }
        lines.append(row("overall", scorer.overall))
        lines.append(row("partial", scorer.partial))
        lines.append(row("boundary", scorer.boundary))
        let names = labels.map(\.rawValue) + ["O"]
        lines.append("")
        lines.append("confusion (rows: gold, columns: predicted, exact spans)")
        // Columns right-aligned under their label: the first column is as wide as `gold \ pred`.
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, 8 - text.count)) + text }
        let corner = "gold \\ pred"
        lines.append(corner + names.map(cell).joined())
        for gold in names {
            var line = gold.padded(toLength: corner.count)
            for predicted in names {
                line += cell(gold == "O" && predicted == "O" ? "-" : String(scorer.confusion[gold]?[predicted] ?? 0))
            }
            lines.append(line)
        }
        lines.append("")
        lines.append("\(scorer.documents) documents, \(scorer.sentences) sentences, \(String(printf: "%.2f", seconds)) s, person spans: \(conventions)")
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        var writer = JSONWriter()
        func prf(_ value: PRF) {
            writer.objectStart()
            writer.key("precision"); writer.double(value.precision)
            writer.key("recall"); writer.double(value.recall)
            writer.key("f1"); writer.double(value.f1)
            writer.key("tp"); writer.int(value.truePositives)
            writer.key("fp"); writer.int(value.falsePositives)
            writer.key("fn"); writer.int(value.falseNegatives)
            writer.objectEnd()
        }
        writer.objectStart()
        writer.key("overall"); prf(scorer.overall)
        writer.key("per_type"); writer.objectStart()
        for label in labels { writer.key(label.rawValue); prf(scorer.strict[label] ?? PRF()) }
        writer.objectEnd()
        writer.key("partial"); prf(scorer.partial)
        writer.key("boundary"); prf(scorer.boundary)
        writer.key("confusion"); writer.objectStart()
        for (gold, row) in scorer.confusion.sorted(by: { $0.key < $1.key }) {
            writer.key(gold); writer.objectStart()
            for (predicted, count) in row.sorted(by: { $0.key < $1.key }) { writer.key(predicted); writer.int(count) }
            writer.objectEnd()
        }
        writer.objectEnd()
        writer.key("documents"); writer.int(scorer.documents)
        writer.key("sentences"); writer.int(scorer.sentences)
        writer.key("seconds"); writer.double(seconds, digits: 3)
        writer.key("person_spans"); writer.string(conventions)
        writer.objectEnd()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
