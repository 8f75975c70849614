import ArgumentParser
import FrenchNER
#if canImport(Glibc)
import Glibc
#endif

@main
struct FrenchNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frner",
        abstract: "French named-entity recognition: people (PER), organisations (ORG) and places (LOC).",
        version: FrenchNER.version,
        subcommands: [TagCommand.self, CountCommand.self, TokenizeCommand.self, EvalCommand.self, LexiconCommand.self, BenchCommand.self, LearnCommand.self]
    )

    /// A mistyped subcommand gets a suggestion (`frner tga` → did you mean `tag`?) and exit status 64.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            var message = "frner: unknown command '\(first)'"
            if let close = Suggestion.closest(to: first, in: names) { message += "; did you mean '\(close)'?" }
            _ = FileSystem.writeAll((message + "\n" + "Commands: \(names.dropLast().joined(separator: ", ")) (frner --help)\n").utf8, to: 2)
            Glibc.exit(64)
        }
        main(nil)
    }
}

/// Exit statuses: 0 all good, 1 some records (or unreadable files) failed, 2 fatal or an input failed while read, 64 usage.
enum ExitStatus {
    static func finish(recordFailures: Int, inputFailed: Bool) throws {
        if inputFailed { throw ExitCode(2) }
        if recordFailures > 0 { throw ExitCode(1) }
    }
}
