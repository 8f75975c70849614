#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An entity of a prediction file, as scored: its span and the source that decided it.
public struct PredictedEntity: Sendable {
    public var span: EntitySpan
    public var source: String
}

/// A prediction file that cannot be read: the file, the line and the problem.
public struct PredictionFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Reads predictions in FrenchNER's JSON Lines format (`frner tag` output, docs/FORMAT.md) to score
/// them (`frner eval --predicted`).
public enum PredictionFile {
    /// The predicted entities of each document id, keeping only `labels`.
    /// - Parameter warn: told of error records (scored as empty documents).
    /// - Throws: `PredictionFileError` for a missing file, a malformed record, a record without id or an
    ///   entity without integer offsets and a label.
    public static func read(_ path: String, labels: Set<EntityLabel>,
                            warn: (String) -> Void = { _ in }) throws(PredictionFileError) -> [String: [PredictedEntity]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PredictionFileError(file: path, line: 0, message: "cannot read")
        }
        var predictions: [String: [PredictedEntity]] = [:]
        var lineNumber = 0
        for line in Array(data).split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            let record: JSONRecord
            do {
                record = try JSONRecord(parsing: line)
            } catch {
                throw PredictionFileError(file: path, line: lineNumber, message: error.description)
            }
            guard let idValue = record["id"] else {
                throw PredictionFileError(file: path, line: lineNumber, message: "record has no id")
            }
            let id = idValue.stringValue ?? String(decoding: record.fields.first { $0.key == "id" }!.raw, as: UTF8.self)
            if let error = record["error"]?.stringValue {
                warn("\(path):\(lineNumber): document \(id) has an error record: \(error)")
            }
            var spans: [PredictedEntity] = []
            for item in record["entities"]?.arrayValue ?? [] {
                guard let start = item["start"]?.intValue, let end = item["end"]?.intValue,
                      let labelName = item["label"]?.stringValue else {
                    throw PredictionFileError(file: path, line: lineNumber,
                                              message: "an entity needs integer start, end and a label")
                }
                guard let label = EntityLabel(name: labelName), labels.contains(label) else { continue }
                spans.append(PredictedEntity(span: EntitySpan(start: start, end: end, label: label),
                                             source: item["source"]?.stringValue ?? ""))
            }
            predictions[id] = spans
        }
        return predictions
    }
}

extension ScoringError {
    /// The columns of `tsv(_:)`.
    public static let tsvHeader = "kind\tdocument\tlabel\tstart\tend\ttext\tother side\tsource\tcontext"

    /// Errors as TSV (`frner eval --errors`), one per line under `tsvHeader`. Tabs, line breaks and
    /// backslashes inside fields are escaped as `\t`, `\n`, `\r` and `\\`, so every error is one row.
    public static func tsv(_ errors: [ScoringError]) -> String {
        var lines = [tsvHeader]
        for error in errors {
            lines.append([error.kind.rawValue, error.documentID, error.span.label.rawValue, String(error.span.start),
                          String(error.span.end), error.text, error.overlapping, error.source ?? "", error.context]
                .map(escapedTSVField).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A TSV field with `\\`, tab, LF and CR escaped.
func escapedTSVField(_ field: String) -> String {
    guard field.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" || $0 == "\r\n" }) else { return field }
    var escaped = ""
    for scalar in field.unicodeScalars {
        switch scalar {
        case "\\": escaped += "\\\\"
        case "\t": escaped += "\\t"
        case "\n": escaped += "\\n"
        case "\r": escaped += "\\r"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
}
