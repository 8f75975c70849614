import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Buffered writer for standard output: block-buffered into a pipe or file, line-buffered on a terminal
/// (or with `--line-buffered`). A closed pipe (`frner tag … | head`) ends the program quietly with 0.
final class StandardOutput {
    private var buffer: [UInt8] = []
    private let lineBuffered: Bool
    /// Whether records are flushed one by one (a terminal, or `--line-buffered`).
    var isLineBuffered: Bool { lineBuffered }
    private let capacity = 1 << 16

    init(lineBuffered: Bool = false) {
        signal(SIGPIPE, SIG_IGN)
        self.lineBuffered = lineBuffered || isatty(1) != 0
        buffer.reserveCapacity(capacity)
    }

    func write(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity || (lineBuffered && buffer.last == 0x0A) { flush() }
    }

    /// Marks the end of a record: flushes when line-buffered.
    func endRecord() {
        if lineBuffered { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                FileHandle.standardError.write(Data("frner: cannot write to standard output: \(String(cString: strerror(errno)))\n".utf8))
                exit(2)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Messages on standard error.
enum Diagnostics {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("frner: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}
