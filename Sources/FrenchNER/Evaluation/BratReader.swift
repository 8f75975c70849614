#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads brat standoff gold: a folder of `NAME.txt` + `NAME.ann`, text-bound annotations
/// `T1<TAB>LABEL START END<TAB>text` with code-point offsets (discontinuous spans `START END;START END`
/// are read from their first start to their last end). Nested spans are allowed: ignored types are
/// dropped first, then the outermost spans are kept.
public enum BratReader {
    /// Reads every `.txt` with an `.ann` beside it, sorted by name; the id is the name without `.txt`.
    public static func read(folder: String, labels: Set<EntityLabel> = Set(EntityLabel.allCases))
        throws(GoldFormatError) -> [GoldDocument] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
        } catch {
            throw GoldFormatError(file: folder, line: 0, message: "cannot list the folder")
        }
        var documents: [GoldDocument] = []
        for name in names {
            let base = String(name.dropLast(4))
            let annPath = folder + "/" + base + ".ann"
            guard FileManager.default.fileExists(atPath: annPath) else { continue }
            guard let text = readUTF8(folder + "/" + name), let ann = readUTF8(annPath) else {
                throw GoldFormatError(file: folder + "/" + name, line: 0, message: "cannot read as UTF-8")
            }
            let spans = try parseAnnotations(ann, file: annPath, textLength: text.unicodeScalars.count, labels: labels)
            let sentences = text.split(separator: "\n").count
            documents.append(GoldDocument(id: base, text: text, entities: outermost(spans), sentenceCount: sentences))
        }
        if documents.isEmpty {
            throw GoldFormatError(file: folder, line: 0, message: "no .txt file with a matching .ann file")
        }
        return documents
    }

    /// Parses an `.ann` file's text-bound annotations.
    public static func parseAnnotations(_ ann: String, file: String, textLength: Int, labels: Set<EntityLabel>)
        throws(GoldFormatError) -> [EntitySpan] {
        var spans: [EntitySpan] = []
        var lineNumber = 0
        for line in ann.lines() {
            lineNumber += 1
            guard line.hasPrefix("T") else { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2 else {
                throw GoldFormatError(file: file, line: lineNumber, message: "expected ID<TAB>TYPE START END<TAB>TEXT")
            }
            let fields = columns[1].split(whereSeparator: { $0 == " " || $0 == ";" })
            guard fields.count >= 3, let start = Int(fields[1]), let end = Int(fields[fields.count - 1]),
                  start >= 0, start <= end, end <= textLength else {
                throw GoldFormatError(file: file, line: lineNumber, message: "bad offsets '\(columns[1])' (text has \(textLength) characters)")
            }
            if let label = goldLabel(fields[0], keep: labels) {
                spans.append(EntitySpan(start: start, end: end, label: label))
            }
        }
        return spans
    }

    static func readUTF8(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
