import ArgumentParser
import FoundationEssentials
import FrenchNER
#if canImport(Glibc)
import Glibc
#endif

/// Options for what a long run says on standard error, and where its output goes.
struct RunOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .shortAndLong, help: "No progress line, summary, notes or warnings on standard error (errors are still shown).")
    var quiet = false

    @Flag(help: "Show progress even when standard error is not a terminal (one line a second).")
    var progress = false

    @Flag(help: "Print the one-line summary at the end even when standard error is not a terminal.")
    var stats = false

    @Option(name: [.short, .long], help: "Threads tagging documents (default: all cores). Output is identical for any value.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}

/// The progress line: on standard error when it is a terminal (redrawn in place, cleared at the end and
/// on Ctrl-C), unless the output itself goes to that terminal or `--quiet`; with `--progress`, also when
/// standard error is a file or pipe (one line a second). Documents, MB read, MB/s, and the percentage and
/// ETA when the input size is known (regular files, not compressed).
final class ProgressLine {
    private enum Mode { case off, terminal, lines }
    private let mode: Mode
    private let totalBytes: Int?
    private let start = Date()
    private var lastPrint = Date.distantPast
    private var documents = 0
    private var bytes = 0
    /// Whether a terminal progress line is on screen (cleared before other messages).
    nonisolated(unsafe) private static var shown = false

    init(totalBytes: Int?, options: RunOptions, outputIsTerminal: Bool) {
        self.totalBytes = totalBytes
        let terminal = Diagnostics.standardErrorIsTerminal
        if options.quiet {
            mode = .off
        } else if terminal && (options.progress || !outputIsTerminal) {
            mode = .terminal
            signal(SIGINT, clearProgressAndInterrupt)
            signal(SIGTERM, clearProgressAndInterrupt)
        } else {
            mode = options.progress ? .lines : .off
        }
    }

    func update(documents count: Int, bytes read: Int) {
        documents += count
        bytes += read
        let interval = mode == .terminal ? 0.25 : 1.0
        guard mode != .off, Date().timeIntervalSince(lastPrint) >= interval else { return }
        lastPrint = Date()
        let line = RunStatistics.progressLine(documents: documents, bytes: bytes, seconds: Date().timeIntervalSince(start),
                                              totalBytes: totalBytes)
        if mode == .terminal {
            _ = FileSystem.writeAll("\r\u{1B}[K\(line)".utf8, to: 2)
            ProgressLine.shown = true
        } else {
            _ = FileSystem.writeAll("frner: \(line)\n".utf8, to: 2)
        }
    }

    func finish() { ProgressLine.clearIfShown() }

    /// A one-off status message in place of the progress line (only when standard error is a terminal).
    static func show(_ message: String) {
        guard Diagnostics.standardErrorIsTerminal else { return }
        _ = FileSystem.writeAll("\r\u{1B}[K\(message)".utf8, to: 2)
        shown = true
    }

    static func clearIfShown() {
        guard shown else { return }
        shown = false
        _ = FileSystem.writeAll("\r\u{1B}[K".utf8, to: 2)
    }
}

/// SIGINT/SIGTERM while a progress line is shown: clear it, then die of the signal as usual.
private func clearProgressAndInterrupt(_ signalNumber: Int32) {
    let clear: StaticString = "\r\u{1B}[K"
    _ = write(2, clear.utf8Start, clear.utf8CodeUnitCount)
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}

/// The one-line summary at the end of a run, on standard error when it is a terminal (or `--stats`).
func printSummary(_ statistics: RunStatistics, options: RunOptions) {
    guard !options.quiet, options.stats || Diagnostics.standardErrorIsTerminal else { return }
    _ = FileSystem.writeAll("frner: \(statistics.line)\n".utf8, to: 2)
}
