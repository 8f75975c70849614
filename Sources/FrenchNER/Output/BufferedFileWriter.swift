#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A buffered writer over a file descriptor, for records written one after another (`frner tag`'s
/// standard output or `-o FILE`): block-buffered (64 KiB), or flushed at each line end and record end
/// when `lineBuffered`.
///
/// ```swift
/// let out = BufferedFileWriter(fd: 1, lineBuffered: false) { errno in fatalError("write failed: \(errno)") }
/// out.write(Array("{\"id\":1}\n".utf8)); out.flush()
/// ```
/// A failed write calls `onFailure` with `errno` (`EPIPE` for a closed pipe: SIGPIPE is ignored, so
/// the caller decides, e.g. to end quietly); `EINTR` is retried.
///
/// - Complexity: amortised O(*n*) in the bytes written.
public final class BufferedFileWriter {
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    private let fd: Int32
    private let onFailure: (Int32) -> Never
    /// Whether lines and records are flushed one by one.
    public let isLineBuffered: Bool
    /// Whether the descriptor is a terminal.
    public let isTerminal: Bool

    /// - Parameter lineBuffered: flush at each line end; always so on a terminal.
    public init(fd: Int32, lineBuffered: Bool, onFailure: @escaping (Int32) -> Never) {
        signal(SIGPIPE, SIG_IGN)
        self.fd = fd
        self.onFailure = onFailure
        isTerminal = isatty(fd) != 0
        isLineBuffered = lineBuffered || isTerminal
        buffer.reserveCapacity(capacity)
    }

    public func write(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity || (isLineBuffered && buffer.last == 0x0A) { flush() }
    }

    /// Marks the end of a record: flushes when line-buffered.
    public func endRecord() {
        if isLineBuffered { flush() }
    }

    public func flush() {
        if let failure = FileSystem.writeAll(buffer, to: fd) { onFailure(failure) }
        buffer.removeAll(keepingCapacity: true)
    }
}
