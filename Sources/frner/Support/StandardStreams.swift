import ArgumentParser
import FrenchNER
#if canImport(Glibc)
import Glibc
#endif

/// Standard output or `-o FILE`, buffered (`BufferedFileWriter`): line-buffered on a terminal or with
/// `--line-buffered`. A closed pipe (`frner tag … | head`) ends the program quietly with 0; another
/// write error ends it with 2.
enum StandardOutput {
    /// - Throws: `ExitCode(2)` with a message when the file cannot be opened.
    static func open(path: String? = nil, lineBuffered: Bool = false) throws -> BufferedFileWriter {
        var fd: Int32 = 1
        var name = "standard output"
        if let path, path != "-" {
            fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            name = path
            guard fd >= 0 else {
                Diagnostics.error("\(path): cannot write: \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        }
        return BufferedFileWriter(fd: fd, lineBuffered: lineBuffered) { error in
            if error == EPIPE { exit(0) }
            Diagnostics.error("cannot write to \(name): \(String(cString: strerror(error)))")
            exit(2)
        }
    }
}

/// Messages on standard error.
enum Diagnostics {
    /// `--quiet`: notes and warnings are not shown (errors are).
    nonisolated(unsafe) static var quiet = false

    static func error(_ message: String) {
        ProgressLine.clearIfShown()
        _ = FileSystem.writeAll("frner: \(message)\n".utf8, to: 2)
    }

    /// A note or warning (`frner: note: …`), not shown with `--quiet`.
    static func notice(_ message: String) {
        guard !quiet else { return }
        error(message)
    }

    static func note(_ message: String) {
        _ = FileSystem.writeAll("\(message)\n".utf8, to: 2)
    }

    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}
