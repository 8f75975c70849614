import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Buffered writer for standard output: block-buffered into a pipe or file, line-buffered on a terminal
/// (or with `--line-buffered`). A closed pipe (`frner tag … | head`) ends the program quietly with 0.
final class StandardOutput {
    private var buffer: [UInt8] = []
    private let lineBuffered: Bool
    private let fd: Int32
    private let name: String
    /// Whether records are flushed one by one (a terminal, or `--line-buffered`).
    var isLineBuffered: Bool { lineBuffered }
    /// Whether the output is a terminal.
    let isTerminal: Bool
    private let capacity = 1 << 16

    convenience init(lineBuffered: Bool = false) {
        self.init(fd: 1, name: "standard output", lineBuffered: lineBuffered)
    }

    /// Writes to a file (`-o FILE`; `-` is standard output), created or truncated.
    /// - Throws: `ExitCode(2)` with a message when the file cannot be opened.
    convenience init(path: String?, lineBuffered: Bool = false) throws {
        guard let path, path != "-" else {
            self.init(lineBuffered: lineBuffered)
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            Diagnostics.error("\(path): cannot write: \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        self.init(fd: fd, name: path, lineBuffered: lineBuffered)
    }

    private init(fd: Int32, name: String, lineBuffered: Bool) {
        signal(SIGPIPE, SIG_IGN)
        self.fd = fd
        self.name = name
        isTerminal = isatty(fd) != 0
        self.lineBuffered = lineBuffered || isTerminal
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
            let n = buffer[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                ProgressLine.clearIfShown()
                FileHandle.standardError.write(Data("frner: cannot write to \(name): \(String(cString: strerror(errno)))\n".utf8))
                exit(2)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Messages on standard error.
enum Diagnostics {
    /// `--quiet`: notes and warnings are not shown (errors are).
    nonisolated(unsafe) static var quiet = false

    static func error(_ message: String) {
        ProgressLine.clearIfShown()
        FileHandle.standardError.write(Data("frner: \(message)\n".utf8))
    }

    /// A note or warning (`frner: note: …`), not shown with `--quiet`.
    static func notice(_ message: String) {
        guard !quiet else { return }
        error(message)
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}
