import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

extension Tagger {
    /// Pass 1 over every record of a source on `jobs` threads: `body` gets each readable document's
    /// names (`names(in:detail:)`) in input order, so what is learned is the same for any `jobs`.
    /// Records that cannot be decoded are skipped (the second pass reports them).
    public func forEachDocumentNames(in source: inout DocumentSource, detail: Bool = false, jobs: Int,
                                     _ body: (DocumentNames) -> Void) {
        let settings = source.options
        var batch: [RawRecord] = []
        var batchBytes = 0
        func flush() {
            let records = batch
            let results = Tagger.parallelMap(count: records.count, jobs: jobs) { i -> DocumentNames? in
                guard case let .success(text) = settings.decode(records[i]).text else { return nil }
                return names(in: text, detail: detail)
            }
            for case let names? in results { body(names) }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        source.forEachRecord { record in
            batch.append(record)
            batchBytes += record.bytes.count
            if batch.count >= max(64, jobs * 32) || batchBytes >= 16 << 20 { flush() }
        }
        flush()
    }

    /// Pass 1 over a source into a corpus memory.
    public func corpusMemory(of source: inout DocumentSource, jobs: Int, capacity: Int = CorpusMemory.defaultCapacity) -> CorpusMemory {
        var memory = CorpusMemory(capacity: capacity)
        forEachDocumentNames(in: &source, jobs: jobs) { memory.add($0) }
        return memory
    }

    /// Pass 1 of `frner tag --corpus-memory` over inputs (files, folders, `-` or none for standard input,
    /// which is first copied to a temporary file, the spool, that the caller removes). Returns this tagger
    /// remembering the corpus, and the inputs to read again in pass 2 (the spool for standard input).
    /// - Throws: when the spool cannot be written.
    public func rememberingCorpus(inputs: [String], settings: InputSettings, jobs: Int)
        throws -> (tagger: Tagger, inputs: [String], spool: String?) {
        var inputs = inputs
        var spool: String?
        if inputs.isEmpty || inputs.contains("-") {
            let path = try DocumentSource.spoolStandardInput()
            spool = path
            inputs = inputs.isEmpty ? [path] : inputs.map { $0 == "-" ? path : $0 }
        }
        var firstPass = DocumentSource(inputs: inputs, settings: settings)
        return (withCorpusMemory(corpusMemory(of: &firstPass, jobs: jobs)), inputs, spool)
    }

    /// Pass 1 over texts already in memory (gold documents) into a corpus memory.
    public func corpusMemory(of texts: [String], capacity: Int = CorpusMemory.defaultCapacity) -> CorpusMemory {
        var memory = CorpusMemory(capacity: capacity)
        for text in texts { memory.add(names(in: TextBuffer(text))) }
        return memory
    }

    /// `transform(i)` for `0..<count` on `jobs` threads, in index order.
    static func parallelMap<T: Sendable>(count: Int, jobs: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        if jobs <= 1 || count <= 1 { return (0..<count).map(transform) }
        let slots = Slots<T>(count: count)
        let chunk = (count + jobs * 4 - 1) / (jobs * 4)
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { c in
            for i in (c * chunk)..<min(count, (c + 1) * chunk) { slots.buffer[i] = transform(i) }
        }
        return slots.buffer.map { $0! }
    }
}

/// Result slots written by one thread each.
private final class Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }
    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
}

extension DocumentSource {
    /// Copies standard input to a temporary file, so that a two-pass run (`--corpus-memory`) can read it
    /// twice; the caller removes the file. - Throws: when the file cannot be written.
    public static func spoolStandardInput() throws(SpoolError) -> String {
        let path = FileSystem.temporaryDirectory + "frner-spool-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw SpoolError(path: path, reason: FileSystem.describe(errno: errno)) }
        var complete = false
        defer {
            close(out)
            if !complete { unlink(path) }  // a spool cut short is removed here: the caller never gets its path
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SpoolError(path: "<stdin>", reason: FileSystem.describe(errno: errno))
            }
            if n == 0 { break }
            if let failure = FileSystem.writeAll(chunk[0..<n], to: out) {
                throw SpoolError(path: path, reason: FileSystem.describe(errno: failure))
            }
        }
        complete = true
        return path
    }
}

/// Standard input could not be copied to the spool file of a two-pass run.
public struct SpoolError: Error, Sendable, CustomStringConvertible {
    /// The file that could not be written (or `<stdin>` when reading failed).
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot spool standard input: \(reason)" }
}
