#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Gold formats `frner eval` reads.
public enum GoldFormat: String, Sendable, CaseIterable {
    case conll, brat

    /// A folder is brat, a file is CoNLL.
    public static func detect(path: String) -> GoldFormat {
        FileSystem.isDirectory(path) ? .brat : .conll
    }
}

public enum GoldCorpus {
    /// Reads a gold corpus (format detected unless given).
    /// - Parameter sentenceDocuments: CoNLL only: each sentence a document of its own.
    public static func read(path: String, format: GoldFormat? = nil, labels: Set<EntityLabel>,
                            sentenceDocuments: Bool = false) throws(GoldFormatError) -> [GoldDocument] {
        switch format ?? GoldFormat.detect(path: path) {
        case .brat:
            guard !sentenceDocuments else {
                throw GoldFormatError(file: path, line: 0, message: "a brat folder has no sentences to read as documents (CoNLL only)")
            }
            return try BratReader.read(folder: path, labels: labels)
        case .conll:
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GoldFormatError(file: path, line: 0, message: FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw GoldFormatError(file: path, line: 0, message: "not valid UTF-8")
            }
            let name = FileSystem.lastComponent(path)
            return try CoNLLReader.parse(text, name: name, labels: labels, sentenceDocuments: sentenceDocuments)
        }
    }
}
