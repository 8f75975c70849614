import ArgumentParser
import FrenchNER

@main
struct FrenchNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frner",
        abstract: "French named-entity recognition: people (PER), organisations (ORG) and places (LOC).",
        version: FrenchNER.version,
        subcommands: [TagCommand.self, TokenizeCommand.self, EvalCommand.self, LexiconCommand.self, BenchCommand.self, LearnCommand.self]
    )
}

/// Exit statuses: 0 all good, 1 some records failed, 2 fatal or an input could not be read, 64 usage.
enum ExitStatus {
    static func finish(recordFailures: Int, inputFailed: Bool) throws {
        if inputFailed { throw ExitCode(2) }
        if recordFailures > 0 { throw ExitCode(1) }
    }
}
