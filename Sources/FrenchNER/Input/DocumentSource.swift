#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// How input files are cut into documents.
public enum InputFormat: String, CaseIterable, Sendable {
    /// One document per file.
    case text
    /// One document per line.
    case lines
    /// One JSON object per line; the text in `InputSettings.textField`, the id in `idField`.
    case jsonl
    /// Pre-tokenised CoNLL (`TOKEN[<TAB>…]` per line, a blank line between sentences, `-DOCSTART-`
    /// between documents); the text is rebuilt with French spacing.
    case conll
}

/// A record as read, not yet decoded: decoding (UTF-8, JSON) happens in the worker threads.
public struct RawRecord: Sendable {
    public var bytes: ArraySlice<UInt8>
    /// `file` or `file:line`, for messages and default ids.
    public var location: String
    /// The file the record comes from (`<stdin>` for standard input).
    public var file: String
    public var format: InputFormat
    /// Set when the record was larger than the limit (its bytes were not kept).
    public var oversizeBytes: Int?
    /// Set when the input could not be opened or read (a missing file): the record is an error.
    public var readError: String?

    public init(bytes: ArraySlice<UInt8>, location: String, file: String, format: InputFormat,
                oversizeBytes: Int? = nil, readError: String? = nil) {
        self.bytes = bytes
        self.location = location
        self.file = file
        self.format = format
        self.oversizeBytes = oversizeBytes
        self.readError = readError
    }
}

/// A document read from the input, or the reason it could not be read.
public struct InputDocument: Sendable {
    /// The id as JSON: the input's id field passed through, or a string made from the file name/line.
    public var idJSON: [UInt8]
    /// The id as text, for messages and formats that need a plain id.
    public var id: String
    /// `file:line` (or `file`) for messages.
    public var location: String
    public var text: Result<TextBuffer, RecordError>
    /// Other fields of a JSON Lines record, written back unchanged.
    public var passthrough: [JSONRecord.Field] = []
}

public struct RecordError: Error, Sendable {
    public var message: String
}

/// How inputs are read and decoded into documents.
public struct InputSettings: Sendable {
    public var format: InputFormat
    /// JSON Lines field holding the text.
    public var textField: String
    /// JSON Lines field holding the document id.
    public var idField: String
    /// Only files whose name matches this glob pattern are read inside folders (e.g. `*.txt`).
    public var glob: String?
    /// Decode invalid UTF-8 with U+FFFD instead of rejecting the record.
    public var lossy: Bool
    /// Largest document (or record) in bytes; a larger one is an error.
    public var maxDocumentBytes: Int

    public init(format: InputFormat = .text, textField: String = "text", idField: String = "id", glob: String? = nil,
                lossy: Bool = false, maxDocumentBytes: Int = 64 << 20) {
        self.format = format
        self.textField = textField
        self.idField = idField
        self.glob = glob
        self.lossy = lossy
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// The settings that read one path the way its name suggests: a folder one document per `*.txt`
    /// file, a `*.jsonl` or `*.ndjson` file JSON Lines, a `*.conll` file CoNLL, any other file one document.
    public static func guessed(for path: String, textField: String = "text") -> InputSettings {
        if FileSystem.isDirectory(path) {
            return InputSettings(format: .text, textField: textField, glob: "*.txt")
        }
        return InputSettings(format: InputFormat.guessed(for: path) ?? .text, textField: textField)
    }
}

extension InputFormat {
    /// The format a file name announces (`.jsonl`, `.ndjson`, `.conll`), if any.
    public static func guessed(for path: String) -> InputFormat? {
        let path = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        if path.hasSuffix(".conll") { return .conll }
        return nil
    }
}

extension InputSettings {

    /// Decodes a raw record into a document (thread-safe).
    public func decode(_ raw: RawRecord) -> InputDocument {
        var doc = InputDocument(idJSON: jsonString(raw.location), id: raw.location, location: raw.location,
                                text: .failure(RecordError(message: "")))
        if let message = raw.readError {
            doc.text = .failure(RecordError(message: message))
            return doc
        }
        if let size = raw.oversizeBytes {
            doc.text = .failure(RecordError(message: "record of \(size) bytes is larger than --max-document-bytes (\(maxDocumentBytes))"))
            return doc
        }
        switch raw.format {
        case .text, .lines:
            doc.text = decodeUTF8(raw.bytes)
        case .conll:
            switch decodeUTF8(raw.bytes) {
            case .failure(let error): doc.text = .failure(error)
            case .success(let buffer):
                do {
                    let documents = try CoNLLReader.parse(buffer.string, name: raw.location, requireTags: false)
                    doc.text = .success(TextBuffer(documents.first?.text ?? ""))
                } catch {
                    doc.text = .failure(RecordError(message: error.message + " (line \(error.line) of the document)"))
                }
            }
        case .jsonl:
            decodeJSON(raw.bytes, into: &doc)
        }
        return doc
    }

    func decodeJSON(_ bytes: ArraySlice<UInt8>, into doc: inout InputDocument) {
        // Most records: a well-formed record whose text is valid UTF-8 without NUL, decoded once from
        // the record's bytes to UTF-16 (no `String` made of it). Anything else takes the general path
        // below, which says what is wrong exactly as before.
        var plain: ArraySlice<UInt8>?
        if let record = try? JSONRecord(parsing: bytes, plainStringOf: textField, plain: &plain), let plain,
           let text = plain.withUnsafeBufferPointer({ buffer -> TextBuffer? in
               guard let base = buffer.baseAddress, memchr(base, 0, buffer.count) == nil else { return nil }
               return try? TextBuffer(validatingUTF8: buffer)
           }) {
            read(record, into: &doc)
            doc.text = .success(text)
            return
        }
        decodeJSONGenerally(bytes, into: &doc)
    }

    /// `decodeJSON` for any record: the whole record parsed into values (the text a `String` first),
    /// each problem reported with its byte offset; invalid UTF-8 repaired with `lossy`.
    func decodeJSONGenerally(_ bytes: ArraySlice<UInt8>, into doc: inout InputDocument) {
        var record: JSONRecord
        do {
            record = try JSONRecord(parsing: bytes)
        } catch {
            // Invalid UTF-8 inside a string: with --lossy the record is read with U+FFFD in its place;
            // without, it is an error record that still carries the id when the id itself was readable.
            guard error.message.hasPrefix("invalid UTF-8"),
                  let repaired = try? JSONRecord(parsing: InputSettings.replacingInvalidUTF8(bytes)) else {
                doc.text = .failure(RecordError(message: error.description))
                return
            }
            if lossy {
                record = repaired
            } else {
                if let id = repaired.fields.first(where: { $0.key == idField }),
                   !String(decoding: id.raw, as: UTF8.self).unicodeScalars.contains("\u{FFFD}") {
                    doc.idJSON = Array(id.raw)
                    if case let .string(s) = id.value { doc.id = s } else { doc.id = String(decoding: id.raw, as: UTF8.self) }
                }
                doc.text = .failure(RecordError(message: error.description))
                return
            }
        }
        let text = read(record, into: &doc)
        switch text {
        case .none:
            doc.text = .failure(RecordError(message: "missing text field '\(textField)'"))
        case .some(.string(let string)):
            var string = string
            string.makeContiguousUTF8()
            let nul = string.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
                guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
                return base.distance(to: UnsafePointer(found.assumingMemoryBound(to: UInt8.self)))
            } ?? nil
            if let nul {
                doc.text = .failure(RecordError(message: "NUL character in text at byte \(nul)"))
            } else {
                doc.text = .success(TextBuffer(string))
            }
        case .some:
            doc.text = .failure(RecordError(message: "text field '\(textField)' is not a string"))
        }
    }

    /// Takes a record's id and passthrough fields into `doc`; returns the text field's value (the
    /// last, when the field is repeated), nil when there is none.
    @discardableResult
    private func read(_ record: JSONRecord, into doc: inout InputDocument) -> JSONValue? {
        var text: JSONValue?
        for field in record.fields {
            if field.key == idField {
                doc.idJSON = Array(field.raw)
                if case let .string(s) = field.value { doc.id = s } else { doc.id = String(decoding: field.raw, as: UTF8.self) }
            } else if field.key == textField {
                text = field.value
            } else {
                doc.passthrough.append(field)
            }
        }
        return text
    }

    /// The bytes with every invalid UTF-8 sequence replaced by U+FFFD (EF BF BD).
    static func replacingInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): out.append(contentsOf: scalar)
            case .error: out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            case .emptyInput: return out[...]
            }
        }
    }

    private func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> Result<TextBuffer, RecordError> {
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress, let nul = memchr(base, 0, buffer.count) {
                let offset = base.distance(to: UnsafePointer(nul.assumingMemoryBound(to: UInt8.self)))
                return .failure(RecordError(message: "binary data (NUL byte at byte \(offset))"))
            }
            if lossy { return .success(TextBuffer(lossyUTF8: buffer)) }
            do throws(TextDecodingError) {
                return .success(try TextBuffer(validatingUTF8: buffer))
            } catch {
                return .failure(RecordError(message: "invalid UTF-8 at byte \(error.byteOffset): \(error.reason)"))
            }
        }
    }
}

/// Reads records from files, folders and standard input, in order, reporting unreadable inputs.
///
/// ```swift
/// var source = DocumentSource(inputs: ["articles.jsonl"], settings: InputSettings(format: .jsonl))
/// source.forEach { document in print(document.id) }
/// ```
public struct DocumentSource {
    /// Files or folders; `-` (or none) is standard input.
    public let inputs: [String]
    public let options: InputSettings
    /// Called with a message for each input that fails while it is read (`file: reason`); an input
    /// that cannot be opened at all is an error record instead (`RawRecord.readError`).
    public var report: (String) -> Void
    /// When set, a file named `*.jsonl`, `*.ndjson` or `*.conll` is read in that format whatever
    /// `options.format` says, and this is called with the file and the format chosen.
    public var guessFormat: ((String, InputFormat) -> Void)?
    /// Set when an input failed while it was read (exit status 2).
    public private(set) var inputFailed = false
    /// Bytes read so far (for progress).
    public private(set) var bytesRead = 0

    public init(inputs: [String], settings: InputSettings, report: @escaping (String) -> Void = { _ in }) {
        self.inputs = inputs
        self.options = settings
        self.report = report
    }

    /// The total size of the inputs when it is known (regular files), for progress and ETA.
    public var knownInputSize: Int? {
        var total = 0
        for input in inputs.isEmpty ? ["-"] : inputs {
            var info = stat()
            if input == "-" {
                guard fstat(0, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
                total += Int(info.st_size)
            } else if !input.hasSuffix(".gz"), stat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                total += Int(info.st_size)
            } else {
                return nil
            }
        }
        return total
    }

    /// Calls `body` with every record of every input, in order.
    public mutating func forEachRecord(_ body: (RawRecord) -> Void) {
        for input in inputs.isEmpty ? ["-"] : inputs {
            if input == "-" {
                read(stream: FileDescriptorStream(fd: 0), name: "<stdin>", format: options.format, body)
                continue
            }
            guard let kind = FileSystem.kind(of: input) else {
                body(unreadable(input, "no such file or directory"))
                continue
            }
            if kind == .directory {
                let files = filesInFolder(input)
                if files.isEmpty {
                    body(unreadable(input, "folder has no readable files\(options.glob.map { " matching '\($0)'" } ?? "")"))
                }
                for file in files { readFile(file, body) }
            } else {
                readFile(input, body)
            }
        }
    }

    /// Calls `body` with every decoded document, in order (for sequential commands).
    public mutating func forEach(_ body: (InputDocument) -> Void) {
        let options = self.options
        forEachRecord { body(options.decode($0)) }
    }

    private func filesInFolder(_ folder: String) -> [String] {
        let glob = options.glob
        return FileSystem.regularFiles(under: folder) { name in glob.map { fnmatch($0, name, 0) == 0 } ?? true }
    }

    /// The error record of an input that cannot be read at all: its id is the path.
    private func unreadable(_ path: String, _ message: String) -> RawRecord {
        RawRecord(bytes: [], location: path, file: path, format: .text, readError: message)
    }

    private mutating func readFile(_ path: String, _ body: (RawRecord) -> Void) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            body(unreadable(path, "cannot open: \(String(cString: strerror(errno)))"))
            return
        }
        defer { close(fd) }
        var format = options.format
        if let guessFormat, let guessed = InputFormat.guessed(for: path), guessed != format {
            format = guessed
            guessFormat(path, guessed)
        }
        let file = FileDescriptorStream(fd: fd)
        read(stream: path.hasSuffix(".gz") ? GzipStream(source: file) : file, name: path, format: format, body)
    }

    private mutating func read(stream: ByteStream, name: String, format: InputFormat, _ body: (RawRecord) -> Void) {
        switch format {
        case .text:
            let (bytes, failed, tooLarge) = stream.readAll(limit: options.maxDocumentBytes)
            if failed {
                body(unreadable(name, "cannot read: \(stream.failure ?? "read error")"))
                return
            }
            bytesRead += bytes.count
            body(RawRecord(bytes: bytes[...], location: name, file: name, format: .text,
                           oversizeBytes: tooLarge ? options.maxDocumentBytes + 1 : nil))
        case .lines, .jsonl:
            let reader = LineReader(stream: stream, maximumLineBytes: options.maxDocumentBytes)
            var lineNumber = 0
            while let line = reader.next() {
                lineNumber += 1
                let location = "\(name):\(lineNumber)"
                switch line {
                case .tooLong(let size):
                    bytesRead += size
                    body(RawRecord(bytes: [], location: location, file: name, format: format, oversizeBytes: size))
                case .text(let bytes):
                    bytesRead += bytes.count + 1
                    // In JSON Lines a blank line is not a record.
                    if format == .jsonl && bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    body(RawRecord(bytes: bytes, location: location, file: name, format: format))
                }
            }
            reportReadError(reader, name)
        case .conll:
            // One record per `-DOCSTART-` section (the whole file when there is none).
            let reader = LineReader(stream: stream, maximumLineBytes: options.maxDocumentBytes)
            var lineNumber = 0
            var document: [UInt8] = []
            var documentLine = 1
            var documentIndex = 0
            func flush() {
                if document.contains(where: { $0 != 0x0A && $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                    documentIndex += 1
                    body(RawRecord(bytes: document[...], location: "\(name):\(documentLine)", file: name, format: .conll,
                                   oversizeBytes: document.count > options.maxDocumentBytes ? document.count : nil))
                }
                document.removeAll(keepingCapacity: true)
            }
            while let line = reader.next() {
                lineNumber += 1
                guard case .text(let bytes) = line else { continue }
                bytesRead += bytes.count + 1
                if bytes.starts(with: Array("-DOCSTART-".utf8)) {
                    flush()
                    documentLine = lineNumber + 1
                    continue
                }
                if document.count <= options.maxDocumentBytes {
                    document.append(contentsOf: bytes)
                }
                document.append(0x0A)
            }
            flush()
            reportReadError(reader, name)
        }
    }

    private mutating func reportReadError(_ reader: LineReader, _ name: String) {
        if reader.readError != 0 {
            report("\(name): read error: \(reader.failure ?? "unknown")")
            inputFailed = true
        }
    }
}

/// A string as a JSON string literal, quotes included.
public func jsonString(_ s: String) -> [UInt8] {
    var bytes: [UInt8] = []
    JSONWriter.appendEscaped(s.utf8, to: &bytes)
    return bytes
}
