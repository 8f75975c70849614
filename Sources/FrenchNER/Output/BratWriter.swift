#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Writes brat standoff output into a folder: `NAME.txt` and `NAME.ann` per document, `annotation.conf`
/// (the entity types, so that brat opens the folder as it is) and `ids.tsv`, the map from each record's
/// id to its file name (`a/b` → `b`, a second `b` → `b-2`) with the error of a record that could not be read.
///
/// Not `Sendable`: one writer, on the thread that writes output in input order.
public final class BratWriter {
    public let folder: String
    private var used: Set<String> = []
    /// `ids.tsv`, open for appending.
    private let ids: Int32
    /// The first write error (`path: reason`), if any; writing goes on for the other files.
    public private(set) var firstError: String?

    /// The `annotation.conf` written into the folder.
    public static let annotationConf = """
        # brat configuration for FrenchNER output (frner tag --format brat)
        [entities]
        PER
        ORG
        LOC

        [relations]

        [events]

        [attributes]

        """

    /// Creates the folder, `annotation.conf` and the header of `ids.tsv`.
    /// - Throws: a message naming the path when the folder or a file cannot be created.
    public init(folder: String) throws(BratWriterError) {
        self.folder = folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BratWriterError(message: "\(folder): cannot create the output folder: \(systemErrorDescription(error))")
        }
        guard FileManager.default.createFile(atPath: folder + "/annotation.conf", contents: Data(BratWriter.annotationConf.utf8)),
              FileManager.default.createFile(atPath: folder + "/ids.tsv", contents: Data(TSV.row(["id", "file", "error"])))
        else {
            throw BratWriterError(message: "\(folder): cannot write annotation.conf and ids.tsv")
        }
        ids = open(folder + "/ids.tsv", O_WRONLY | O_APPEND | O_CLOEXEC)
        guard ids >= 0 else {
            throw BratWriterError(message: "\(folder)/ids.tsv: cannot write: \(FileSystem.describe(errno: errno))")
        }
    }

    deinit { close(ids) }

    /// The file name (without extension) for a record: the last path component of `name` without
    /// `.txt`, letters, digits and `-_.` kept (others become `_`), made unique with `-2`, `-3`…
    public func uniqueName(for name: String) -> String {
        var base = FileSystem.lastComponent(name)
        if base.hasSuffix(".txt") { base = String(base.dropLast(4)) }
        base = String(base.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        if base.isEmpty || base.hasPrefix(".") { base = "doc" + base }
        // `annotation.conf` and `ids.tsv` are taken.
        var unique = base
        var counter = 2
        while used.contains(unique) || unique == "annotation" || unique == "ids" {
            unique = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(unique)
        return unique
    }

    /// Writes one document: `NAME.txt` (the text), `NAME.ann` (the annotations) and its `ids.tsv` row.
    /// - Parameters:
    ///   - id: the record's id (its row in `ids.tsv`).
    ///   - name: what the file name is made from (the input file for text input, else the id).
    ///   - error: why the record could not be read; its files are empty.
    public func write(id: String, name: String, text: [UInt8], annotations: [UInt8], error: String? = nil) {
        let unique = uniqueName(for: name)
        let path = folder + "/" + unique
        if !FileManager.default.createFile(atPath: path + ".txt", contents: Data(text))
            || !FileManager.default.createFile(atPath: path + ".ann", contents: Data(annotations)) {
            if firstError == nil { firstError = "\(path).ann: cannot write" }
        }
        if FileSystem.writeAll(TSV.row([id, unique, error ?? ""]), to: ids) != nil, firstError == nil {
            firstError = "\(folder)/ids.tsv: cannot write"
        }
    }
}

public struct BratWriterError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
