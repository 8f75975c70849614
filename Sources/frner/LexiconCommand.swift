import ArgumentParser
import FoundationEssentials
import FrenchNER

/// Options for choosing lexicons, shared by every command that tags.
struct LexiconOptions: ParsableArguments {
    @Option(name: .customLong("lexicon"), help: ArgumentHelp("Add a user lexicon (TSV, see Lexicons/README.md); repeatable.", valueName: "file"))
    var userLexicons: [String] = []

    @Option(help: ArgumentHelp("The shipped lexicon folder (default: $FRNER_LEXICONS, else Lexicons/ next to the program, else the lexicons compiled into the program).", valueName: "folder"))
    var lexiconDir: String?

    @Flag(help: "Compile the lexicons instead of using the cached compiled form.")
    var noLexiconCache = false

    func lexiconSet() throws -> LexiconSet {
        var set = try lexiconDir.map { LexiconSet(directory: $0, userLexicons: userLexicons) } ?? LexiconSet(userLexicons: userLexicons)
        set.reservedKeys = Tagger.reservedKeys
        return set
    }

    /// Loads the gazetteer, turning a lexicon error into a fatal exit (status 2).
    func loadGazetteer(tokenizer: Tokenizer) throws -> Gazetteer {
        do {
            return try lexiconSet().loadGazetteer(tokenizer: tokenizer, useCache: !noLexiconCache)
        } catch let error as LexiconError {
            Diagnostics.error(error.description)
            throw ExitCode(2)
        }
    }
}

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Compile, inspect and query the lexicons.",
        subcommands: [Compile.self, Lookup.self, Stats.self]
    )

    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile the lexicons into the binary cache (checks every file; errors name file:line).")
        @OptionGroup var lexicons: LexiconOptions
        @Option(help: "Cache folder (default: $FRNER_CACHE_DIR, $XDG_CACHE_HOME/frenchner or ~/.cache/frenchner).")
        var cacheDir: String?

        func run() throws {
            let tokenizer = try Tokenizer()
            let start = Date()
            do {
                let path = try lexicons.lexiconSet().writeCache(tokenizer: tokenizer, cacheDirectory: cacheDir)
                let seconds = Date().timeIntervalSince(start)
                print("compiled \(try lexicons.lexiconSet().entryFiles.count) lexicon files in \(String(printf: "%.2f", seconds)) s → \(path)")
            } catch let error as LexiconError {
                Diagnostics.error(error.description)
                throw ExitCode(2)
            }
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the lexicon entries found in a phrase, with type, canonical form and source.")
        @OptionGroup var lexicons: LexiconOptions
        @Argument(help: "The phrase (several arguments are joined with spaces).")
        var words: [String]

        func run() throws {
            let tokenizer = try Tokenizer()
            let gazetteer = try lexicons.loadGazetteer(tokenizer: tokenizer)
            let lines = gazetteer.lookupReport(words.joined(separator: " "), tokenizer: tokenizer)
            if lines.isEmpty {
                print("no entry")
                throw ExitCode(1)
            }
            for line in lines { print(line) }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count entries per type and per source.")
        @OptionGroup var lexicons: LexiconOptions

        func run() throws {
            do {
                print(try lexicons.lexiconSet().statsReport(), terminator: "")
            } catch let error as LexiconError {
                Diagnostics.error(error.description)
                throw ExitCode(2)
            }
        }
    }
}
