#if canImport(Glibc)
import Glibc
#endif

/// Reads a file descriptor line by line in bounded memory: a line longer than `maximumLineBytes` is
/// reported as too long and skipped, never buffered whole.
public final class LineReader {
    public enum Line {
        case text(ArraySlice<UInt8>)
        case tooLong(bytes: Int)
    }

    private let stream: ByteStream
    private var buffer: [UInt8] = []
    private var start = 0
    private var end = 0
    private var eof = false
    public let maximumLineBytes: Int
    /// Nonzero after a read error (`failure` says what it was).
    public private(set) var readError: Int32 = 0
    /// The read error's message.
    public var failure: String? { stream.failure }
    /// Byte offset of the start of the last line returned.
    public private(set) var lineOffset = 0
    private var consumed = 0

    public convenience init(fd: Int32, maximumLineBytes: Int, chunk: Int = 1 << 20) {
        self.init(stream: FileDescriptorStream(fd: fd), maximumLineBytes: maximumLineBytes, chunk: chunk)
    }

    public init(stream: ByteStream, maximumLineBytes: Int, chunk: Int = 1 << 20) {
        self.stream = stream
        self.maximumLineBytes = maximumLineBytes
        buffer = [UInt8](repeating: 0, count: chunk)
    }

    /// The next line without its `\n` (and without a `\r` before it), or nil at the end.
    public func next() -> Line? {
        var tooLong = 0
        while true {
            if let newline = findNewline() {
                lineOffset = consumed
                let lineEnd = newline
                let length = lineEnd - start
                consumed += length + 1
                defer { start = newline + 1 }
                if tooLong > 0 || length > maximumLineBytes { return .tooLong(bytes: tooLong + length) }
                var e = lineEnd
                if e > start && buffer[e - 1] == 0x0D { e -= 1 }
                return .text(buffer[start..<e])
            }
            if eof {
                guard end > start || tooLong > 0 else { return nil }
                lineOffset = consumed
                let length = end - start
                consumed += length
                defer { start = end }
                if tooLong > 0 || length > maximumLineBytes { return .tooLong(bytes: tooLong + length) }
                var e = end
                if e > start && buffer[e - 1] == 0x0D { e -= 1 }
                return .text(buffer[start..<e])
            }
            // No newline in the buffer: drop a line that is already too long, else make room and read.
            if end - start > maximumLineBytes {
                tooLong += end - start
                consumed += end - start
                start = 0
                end = 0
            }
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start)
                }
                end -= start
                start = 0
            }
            if end == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let n = buffer.withUnsafeMutableBufferPointer { b in stream.read(into: b.baseAddress! + end, count: b.count - end) }
            if n < 0 {
                readError = EIO
                eof = true
            } else if n == 0 {
                eof = true
            } else {
                end += n
            }
        }
    }

    private func findNewline() -> Int? {
        guard end > start else { return nil }
        return buffer.withUnsafeBufferPointer { b -> Int? in
            guard let p = memchr(b.baseAddress! + start, 0x0A, end - start) else { return nil }
            return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }
}

