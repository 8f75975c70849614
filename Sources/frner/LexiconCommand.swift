import ArgumentParser
import Foundation
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
                print("compiled \(try lexicons.lexiconSet().entryFiles.count) lexicon files in \(String(format: "%.2f", seconds)) s → \(path)")
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
            let doc = tokenizer.tokenize(words.joined(separator: " "))
            let ids = gazetteer.keyIDs(for: doc)
            let matches = gazetteer.matches(in: doc, keyIDs: ids)
            if matches.isEmpty {
                print("no entry")
                throw ExitCode(1)
            }
            for match in matches {
                let text = doc.string(tokens: match.tokenRange)
                for position in gazetteer.entries(of: match) {
                    let entry = gazetteer.entry(gazetteer.entryIndex(at: position))
                    var flags: [String] = []
                    if entry.flags.contains(.ambiguous) { flags.append("amb") }
                    if entry.flags.contains(.exactCase) { flags.append("exact") }
                    if entry.flags.contains(.alias) { flags.append("alias") }
                    let exact = gazetteer.caseMatches(entry: gazetteer.entryIndex(at: position), match: match, in: doc)
                    print([text, entry.type.description, entry.canonical.isEmpty ? entry.surface : entry.canonical,
                           entry.source, flags.joined(separator: ","), entry.importance.letter,
                           exact ? "case=exact" : "case=differs"].joined(separator: "\t"))
                }
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count entries per type and per source.")
        @OptionGroup var lexicons: LexiconOptions

        func run() throws {
            let set = try lexicons.lexiconSet()
            var byType: [String: Int] = [:]
            var bySource: [String: Int] = [:]
            var total = 0
            var bytes = 0
            for file in set.entryFiles {
                do {
                    for entry in try LexiconFile.parse(try set.text(ofFile: file), name: file) {
                        byType[entry.type.description, default: 0] += 1
                        bySource[entry.source, default: 0] += 1
                        total += 1
                    }
                } catch {
                    Diagnostics.error(error.description)
                    throw ExitCode(2)
                }
                bytes += set.byteCount(ofFile: file) ?? 0
            }
            print("type\tentries")
            for (type, count) in byType.sorted(by: { $0.key < $1.key }) { print("\(type)\t\(count)") }
            print("\nsource\tentries")
            for (source, count) in bySource.sorted(by: { $0.value > $1.value }) { print("\(source)\t\(count)") }
            print("\ntotal\t\(total) entries in \(set.entryFiles.count) files, \(bytes / 1024) KiB")
            if let common = set.commonWordsFile {
                let size = set.byteCount(ofFile: common) ?? 0
                let count = ((try? set.text(ofFile: common)) ?? "").split(separator: "\n").filter { !$0.hasPrefix("#") }.count
                print("common words\t\(count) (\(size / 1024) KiB)")
            }
            print("shipped lexicons\t\(set.shipped)")
        }
    }
}
