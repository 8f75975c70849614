import ArgumentParser
import Foundation
import FrenchNER
#if canImport(Glibc)
import Glibc
#endif

/// How input files are cut into documents.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    /// One document per file.
    case text
    /// One document per line.
    case lines
    /// One JSON object per line; the text in `--text-field`, the id in `--id-field`.
    case jsonl
}

/// A document read from the input, or the reason it could not be read.
struct InputDocument {
    /// The id as JSON: the input's id field passed through, or a string made from the file name/line.
    var idJSON: [UInt8]
    /// The id as text, for messages and formats that need a plain id.
    var id: String
    /// `file:line` (or `file`) for messages.
    var location: String
    var text: Result<TextBuffer, RecordError>
    /// Other fields of a JSON Lines record, written back unchanged.
    var passthrough: [JSONRecord.Field] = []
}

struct RecordError: Error {
    var message: String
}

/// Options shared by every command that reads documents.
struct InputOptions: ParsableArguments {
    @Argument(help: "Input files or folders (standard input when none or '-').")
    var inputs: [String] = []

    @Option(help: "How inputs are cut into documents: text (one per file), lines (one per line), jsonl.")
    var inputFormat: InputFormat = .text

    @Flag(help: "Same as --input-format lines.")
    var lines = false

    @Option(help: "JSON Lines field holding the text.")
    var textField = "text"

    @Option(help: "JSON Lines field holding the document id.")
    var idField = "id"

    @Option(help: "Only read files whose name matches this glob pattern inside folders (e.g. '*.txt').")
    var glob: String?

    @Flag(help: "Decode invalid UTF-8 with U+FFFD instead of rejecting the record.")
    var lossy = false

    @Option(help: "Largest document (or JSON Lines record) in bytes; larger ones get an error record.")
    var maxDocumentBytes = 256 << 20

    var effectiveFormat: InputFormat { lines ? .lines : inputFormat }
}

/// Reads documents from files, folders and standard input, in order, reporting unreadable inputs.
struct DocumentSource {
    let options: InputOptions
    /// Set when an input could not be opened or read at all (exit status 2).
    private(set) var inputFailed = false

    init(options: InputOptions) { self.options = options }

    /// Calls `body` for every document of every input, in order.
    mutating func forEach(_ body: (InputDocument) -> Void) {
        let inputs = options.inputs.isEmpty ? ["-"] : options.inputs
        for input in inputs {
            if input == "-" {
                read(fd: 0, name: "<stdin>", body)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                Diagnostics.error("\(input): no such file or directory")
                inputFailed = true
                continue
            }
            if isDirectory.boolValue {
                let files = filesInFolder(input)
                if files.isEmpty {
                    Diagnostics.error("\(input): folder has no readable files\(options.glob.map { " matching '\($0)'" } ?? "")")
                    inputFailed = true
                }
                for file in files { readFile(file, body) }
            } else {
                readFile(input, body)
            }
        }
    }

    private func filesInFolder(_ folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            guard (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
            if let glob = options.glob, fnmatch(glob, name, 0) != 0 { continue }
            files.append(folder.hasSuffix("/") ? folder + relative : folder + "/" + relative)
        }
        return files.sorted()
    }

    private mutating func readFile(_ path: String, _ body: (InputDocument) -> Void) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            Diagnostics.error("\(path): cannot open: \(String(cString: strerror(errno)))")
            inputFailed = true
            return
        }
        defer { close(fd) }
        read(fd: fd, name: path, body)
    }

    private mutating func read(fd: Int32, name: String, _ body: (InputDocument) -> Void) {
        switch options.effectiveFormat {
        case .text:
            let (bytes, error, tooLarge) = readAll(fd: fd, limit: options.maxDocumentBytes)
            if error != 0 {
                Diagnostics.error("\(name): cannot read: \(String(cString: strerror(error)))")
                inputFailed = true
                return
            }
            var doc = InputDocument(idJSON: jsonString(name), id: name, location: name, text: .failure(RecordError(message: "")))
            doc.text = tooLarge
                ? .failure(RecordError(message: "document larger than --max-document-bytes (\(options.maxDocumentBytes))"))
                : decode(bytes[...], offsetBase: 0)
            body(doc)
        case .lines, .jsonl:
            let reader = LineReader(fd: fd, maximumLineBytes: options.maxDocumentBytes)
            var lineNumber = 0
            while let line = reader.next() {
                lineNumber += 1
                let location = "\(name):\(lineNumber)"
                switch line {
                case .tooLong(let bytes):
                    let doc = InputDocument(idJSON: jsonString(location), id: location, location: location,
                                            text: .failure(RecordError(message: "record of \(bytes) bytes is larger than --max-document-bytes (\(options.maxDocumentBytes))")))
                    body(doc)
                case .text(let bytes):
                    if options.effectiveFormat == .lines {
                        body(InputDocument(idJSON: jsonString(location), id: location, location: location,
                                           text: decode(bytes, offsetBase: 0)))
                    } else {
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue } // a blank line is not a record
                        body(jsonDocument(bytes, location: location))
                    }
                }
            }
            if reader.readError != 0 {
                Diagnostics.error("\(name): read error: \(String(cString: strerror(reader.readError)))")
                inputFailed = true
            }
        }
    }

    private func jsonDocument(_ bytes: ArraySlice<UInt8>, location: String) -> InputDocument {
        var doc = InputDocument(idJSON: jsonString(location), id: location, location: location,
                                text: .failure(RecordError(message: "")))
        let record: JSONRecord
        do {
            record = try JSONRecord(parsing: bytes)
        } catch {
            doc.text = .failure(RecordError(message: error.description))
            return doc
        }
        var text: JSONValue?
        for field in record.fields {
            if field.key == options.idField {
                doc.idJSON = Array(field.raw)
                if case let .string(s) = field.value { doc.id = s } else { doc.id = String(decoding: field.raw, as: UTF8.self) }
            } else if field.key == options.textField {
                text = field.value
            } else {
                doc.passthrough.append(field)
            }
        }
        switch text {
        case .none:
            doc.text = .failure(RecordError(message: "missing text field '\(options.textField)'"))
        case .some(.string(let string)):
            if let nul = string.utf8.firstIndex(of: 0) {
                doc.text = .failure(RecordError(message: "NUL character in text at byte \(string.utf8.distance(from: string.utf8.startIndex, to: nul))"))
            } else {
                doc.text = .success(TextBuffer(string))
            }
        case .some:
            doc.text = .failure(RecordError(message: "text field '\(options.textField)' is not a string"))
        }
        return doc
    }

    private func decode(_ bytes: ArraySlice<UInt8>, offsetBase: Int) -> Result<TextBuffer, RecordError> {
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress, let nul = memchr(base, 0, buffer.count) {
                let offset = base.distance(to: UnsafePointer(nul.assumingMemoryBound(to: UInt8.self)))
                return .failure(RecordError(message: "binary data (NUL byte at byte \(offset + offsetBase))"))
            }
            if options.lossy { return .success(TextBuffer(lossyUTF8: buffer)) }
            do throws(TextDecodingError) {
                return .success(try TextBuffer(validatingUTF8: buffer))
            } catch {
                return .failure(RecordError(message: "invalid UTF-8 at byte \(error.byteOffset + offsetBase): \(error.reason)"))
            }
        }
    }
}

func jsonString(_ s: String) -> [UInt8] {
    var bytes: [UInt8] = []
    JSONWriter.appendEscaped(s.utf8, to: &bytes)
    return bytes
}
