import ArgumentParser
import Foundation
import FrenchNER

@main
struct FrenchNERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frner",
        abstract: "French named-entity recognition: people (PER), organisations (ORG) and places (LOC).",
        version: FrenchNER.version,
        subcommands: [TagCommand.self, CountCommand.self, TokenizeCommand.self, EvalCommand.self, LexiconCommand.self, BenchCommand.self]
    )

    /// A mistyped subcommand gets a suggestion (`frner tga` → did you mean `tag`?) and exit status 64.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            var message = "frner: unknown command '\(first)'"
            if let close = CommandSuggestion.closest(to: first, in: names) { message += "; did you mean '\(close)'?" }
            FileHandle.standardError.write(Data((message + "\n" + "Commands: \(names.dropLast().joined(separator: ", ")) (frner --help)\n").utf8))
            Foundation.exit(64)
        }
        main(nil)
    }
}

/// The closest command name to a mistyped one: edit distance at most 2 (or a prefix of it).
enum CommandSuggestion {
    static func closest(to word: String, in names: [String]) -> String? {
        let scored = names.map { (name: $0, distance: distance(word.lowercased(), $0)) }
        if let prefix = names.first(where: { $0.hasPrefix(word.lowercased()) && word.count >= 2 }) { return prefix }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2 else { return nil }
        return best.name
    }

    /// Damerau–Levenshtein distance (adjacent transpositions count 1: `tga` → `tag`).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}

/// Exit statuses: 0 all good, 1 some records (or unreadable files) failed, 2 fatal or an input failed while read, 64 usage.
enum ExitStatus {
    static func finish(recordFailures: Int, inputFailed: Bool) throws {
        if inputFailed { throw ExitCode(2) }
        if recordFailures > 0 { throw ExitCode(1) }
    }
}
