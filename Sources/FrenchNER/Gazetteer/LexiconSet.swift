#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

#if canImport(FrenchNERLexicons)
import FrenchNERLexicons
#endif

/// The lexicons a tagger loads, compiled into one `Gazetteer` and cached on disk: entries given in
/// code, the user's lexicon files, and the shipped lexicons (`Lexicons/curated`, `Lexicons/generated`),
/// which the library carries compiled in (`Shipped.embedded`), so that a program using it needs no
/// checkout or data folder.
///
/// ```swift
/// let lexicons = try LexiconSet(userLexicons: ["my-companies.tsv"],
///                               entries: [LexiconEntry(surface: "Zorglub Industries", type: .company)])
/// let tagger = try Tagger(lexicons: lexicons)
/// ```
///
/// When the same name is listed twice with the same type, the first listing wins: in-memory `entries`,
/// then `userLexicons` in order, then the shipped lexicons.
public struct LexiconSet: Sendable {
    /// Where the shipped lexicons come from.
    public enum Shipped: Sendable, Equatable, CustomStringConvertible {
        /// No shipped lexicons: only the user's.
        case none
        /// A `Lexicons` folder on disk (with `curated/` and `generated/`).
        case directory(String)
        /// The copy compiled into the library at build time.
        case embedded

        public var description: String {
            switch self {
            case .none: "none"
            case .directory(let path): path
            case .embedded: "embedded in the library"
            }
        }
    }

    /// The shipped lexicons used.
    public var shipped: Shipped
    /// User lexicon files; they take precedence over shipped ones for the same name and type.
    public var userLexicons: [String]
    /// Entries given in code (no file needed); they come before every file.
    public var entries: [LexiconEntry]
    /// Keys the compiled gazetteer holds even when no lexicon has them (a tagger's closed-class
    /// words, `Tagger.reservedKeys`), so that looking them up is one table access.
    public var reservedKeys: [String] = []

    /// The name of the common-word list inside a lexicon folder.
    public static let commonWordsFile = "common-words.tsv"
    /// How embedded files are named in `entryFiles` and in errors (`embedded:Lexicons/curated/places.tsv`).
    public static let embeddedPrefix = "embedded:Lexicons/"

    /// Uses the shipped lexicons found by `findShipped()`: a folder named by `$FRNER_LEXICONS` or
    /// installed beside the program, else the copy compiled into the library.
    /// - Throws: `LexiconError` when there is none (a build of the library without its lexicons).
    public init(userLexicons: [String] = [], entries: [LexiconEntry] = []) throws(LexiconError) {
        guard let shipped = LexiconSet.findShipped() else {
            throw LexiconError(file: "Lexicons", line: 0, message: "cannot find the shipped lexicons (this build has none compiled in); set FRNER_LEXICONS to the Lexicons folder")
        }
        self.init(shipped: shipped, userLexicons: userLexicons, entries: entries)
    }

    /// Uses an explicit folder (nil: no shipped lexicons, only the user's).
    public init(directory: String?, userLexicons: [String] = [], entries: [LexiconEntry] = []) {
        self.init(shipped: directory.map { .directory($0) } ?? .none, userLexicons: userLexicons, entries: entries)
    }

    public init(shipped: Shipped, userLexicons: [String] = [], entries: [LexiconEntry] = []) {
        self.shipped = shipped
        self.userLexicons = userLexicons
        self.entries = entries
    }

    /// The shipped lexicon folder, or nil when the shipped lexicons are embedded or not used.
    public var directory: String? {
        get { if case .directory(let path) = shipped { path } else { nil } }
        set { shipped = newValue.map { .directory($0) } ?? .none }
    }

    /// Where the shipped lexicons are: `findShipped()`'s folder, or nil when there is none on disk.
    public static func shippedDirectory() -> String? {
        if case .directory(let path) = findShipped() { return path }
        return nil
    }

    /// Finds the shipped lexicons: the folder named by `$FRNER_LEXICONS`, then a folder installed next to
    /// the executable (`Lexicons/`, `../share/frenchner/Lexicons/`), then the copy compiled into the
    /// library. Nil only for a build without the embedded copy, when no folder is found.
    public static func findShipped() -> Shipped? {
        var candidates: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["FRNER_LEXICONS"], !fromEnvironment.isEmpty {
            candidates.append(fromEnvironment)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let executableDirectory = executable.deletingLastPathComponent()
        candidates.append(executableDirectory.appendingPathComponent("Lexicons").path)
        candidates.append(executableDirectory.appendingPathComponent("../share/frenchner/Lexicons").standardized.path)
        if let folder = candidates.first(where: { isLexiconFolder($0) }) { return .directory(folder) }
        return hasEmbeddedLexicons ? .embedded : nil
    }

    /// Whether this build of the library carries the shipped lexicons.
    public static var hasEmbeddedLexicons: Bool { !embeddedFiles.isEmpty }

    private static func isLexiconFolder(_ path: String) -> Bool {
        FileSystem.isDirectory(path + "/curated")
    }

    /// The embedded files, by path under `Lexicons/` (`curated/places.tsv`).
    private static let embeddedFiles: [String: (text: @Sendable () -> String, bytes: Int)] = {
        var files: [String: (text: @Sendable () -> String, bytes: Int)] = [:]
        #if canImport(FrenchNERLexicons)
        for file in EmbeddedLexicons.files { files[file.name] = ({ file.string }, file.byteCount) }
        #endif
        return files
    }()

    private static var embeddedFingerprint: UInt64 {
        #if canImport(FrenchNERLexicons)
        EmbeddedLexicons.fingerprint
        #else
        0
        #endif
    }

    /// The shipped files of one folder (`curated`, `generated`), sorted by name, without the common-word list.
    private func shippedFiles(in folder: String) -> [String] {
        switch shipped {
        case .none:
            return []
        case .directory(let directory):
            let path = directory + "/" + folder
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { $0.hasSuffix(".tsv") && $0 != LexiconSet.commonWordsFile }.sorted().map { path + "/" + $0 }
        case .embedded:
            let prefix = folder + "/"
            return LexiconSet.embeddedFiles.keys.filter { $0.hasPrefix(prefix) && $0 != prefix + LexiconSet.commonWordsFile }
                .sorted().map { LexiconSet.embeddedPrefix + $0 }
        }
    }

    /// The entry files in load order: user lexicons, then `curated/`, then `generated/` (sorted by name).
    /// Embedded files are named `embedded:Lexicons/curated/….tsv`; `text(ofFile:)` reads either kind.
    public var entryFiles: [String] {
        userLexicons + shippedFiles(in: "curated") + shippedFiles(in: "generated")
    }

    /// The common-word list, if the shipped lexicons have one.
    public var commonWordsFile: String? {
        switch shipped {
        case .none:
            return nil
        case .directory(let directory):
            let path = directory + "/generated/" + LexiconSet.commonWordsFile
            return FileManager.default.fileExists(atPath: path) ? path : nil
        case .embedded:
            let name = "generated/" + LexiconSet.commonWordsFile
            return LexiconSet.embeddedFiles[name] == nil ? nil : LexiconSet.embeddedPrefix + name
        }
    }

    /// The text of a file of `entryFiles` or `commonWordsFile`: read from disk, or from the library.
    /// - Throws: `LexiconError` when the file cannot be read or is not UTF-8.
    public func text(ofFile name: String) throws(LexiconError) -> String {
        if name.hasPrefix(LexiconSet.embeddedPrefix), !FileManager.default.fileExists(atPath: name) {
            guard let file = LexiconSet.embeddedFiles[String(name.dropFirst(LexiconSet.embeddedPrefix.count))] else {
                throw LexiconError(file: name, line: 0, message: "no such embedded lexicon")
            }
            return file.text()
        }
        return try LexiconFile.readText(name)
    }

    /// The size in bytes of a file of `entryFiles` or `commonWordsFile` (nil when it cannot be read).
    public func byteCount(ofFile name: String) -> Int? {
        if name.hasPrefix(LexiconSet.embeddedPrefix), !FileManager.default.fileExists(atPath: name) {
            return LexiconSet.embeddedFiles[String(name.dropFirst(LexiconSet.embeddedPrefix.count))]?.bytes
        }
        var info = stat()
        return stat(name, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Every entry, in load order: `entries`, then each file of `entryFiles`.
    /// - Throws: `LexiconError` naming the file and line of the first problem.
    public func loadEntries() throws(LexiconError) -> [LexiconEntry] {
        var all = entries
        for file in entryFiles { all += try LexiconFile.parse(try text(ofFile: file), name: file) }
        return all
    }

    /// Reads every file and compiles them (no cache).
    /// - Throws: `LexiconError` naming the file and line of the first problem.
    public func compile(tokenizer: Tokenizer) throws(LexiconError) -> Gazetteer {
        let entries = try loadEntries()
        var commonWords: [(word: String, classes: CommonWordClass)] = []
        if let file = commonWordsFile {
            commonWords = try LexiconFile.parseCommonWords(try text(ofFile: file), name: file)
        }
        return Gazetteer(compiling: entries, commonWords: commonWords, reservedKeys: reservedKeys, tokenizer: tokenizer)
    }

    /// Loads the compiled gazetteer from the cache when it is up to date, else compiles and caches it.
    /// - Parameter cacheDirectory: where to keep the cache (nil: `defaultCacheDirectory`); a folder
    ///   that cannot be written only costs the cache.
    public func loadGazetteer(tokenizer: Tokenizer, useCache: Bool = true,
                              cacheDirectory: String? = nil) throws(LexiconError) -> Gazetteer {
        guard useCache else { return try compile(tokenizer: tokenizer) }
        let fingerprint = try self.fingerprint()
        let cachePath = cacheFile(in: cacheDirectory ?? LexiconSet.defaultCacheDirectory, fingerprint: fingerprint)
        if let cached = Gazetteer(cacheFile: cachePath, fingerprint: fingerprint) {
            return cached
        }
        let gazetteer = try compile(tokenizer: tokenizer)
        try? writeCache(gazetteer, to: cachePath, fingerprint: fingerprint)
        return gazetteer
    }

    /// Compiles and writes the cache file; returns its path.
    @discardableResult
    public func writeCache(tokenizer: Tokenizer, cacheDirectory: String? = nil) throws -> String {
        let fingerprint = try self.fingerprint()
        let path = cacheFile(in: cacheDirectory ?? LexiconSet.defaultCacheDirectory, fingerprint: fingerprint)
        try writeCache(try compile(tokenizer: tokenizer), to: path, fingerprint: fingerprint)
        return path
    }

    private func writeCache(_ gazetteer: Gazetteer, to path: String, fingerprint: UInt64) throws {
        let folder = FileSystem.parent(of: path)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        try gazetteer.cacheData(fingerprint: fingerprint).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
        }
        LexiconSet.pruneCaches(in: folder, keeping: 4)
    }

    /// Removes all but the `count` most recently written cache files of a folder (each lexicon
    /// change leaves a new one behind).
    static func pruneCaches(in folder: String, keeping count: Int) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        let caches = names.filter { $0.hasPrefix("gazetteer-") && $0.hasSuffix(".bin") }.map { folder + "/" + $0 }
        let dated = caches.map { path in
            (path, (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }
        for (path, _) in dated.sorted(by: { $0.1 > $1.1 }).dropFirst(count) {
            try? manager.removeItem(atPath: path)
        }
    }

    /// `$FRNER_CACHE_DIR`, else `$XDG_CACHE_HOME/frenchner`, else `~/.cache/frenchner`.
    public static var defaultCacheDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let dir = environment["FRNER_CACHE_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/frenchner" }
        return (environment["HOME"] ?? FileSystem.temporaryDirectory) + "/.cache/frenchner"
    }

    private func cacheFile(in directory: String, fingerprint: UInt64) -> String {
        directory + "/gazetteer-" + String(fingerprint, radix: 16) + ".bin"
    }

    /// A hash of the format version, the entry-type table, the reserved keys, the in-memory entries, every
    /// file's absolute path, size and modification time, and the embedded lexicons' own fingerprint.
    func fingerprint() throws(LexiconError) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        mix([Gazetteer.cacheFormatVersion])
        mix(EntryType.tableFingerprintBytes)
        for key in reservedKeys { mix(key.utf8); mix([0]) }
        for entry in entries {
            for field in [entry.surface, entry.canonical, entry.source] { mix(field.utf8); mix([0]) }
            mix([entry.type.rawValue, entry.flags.rawValue, entry.importance.rawValue])
        }
        mix([0xFF])
        if shipped == .embedded {
            mix("embedded".utf8)
            withUnsafeBytes(of: LexiconSet.embeddedFingerprint) { mix($0) }
        }
        var files = entryFiles
        if let commonWordsFile { files.append(commonWordsFile) }
        for file in files where !(shipped == .embedded && file.hasPrefix(LexiconSet.embeddedPrefix)) {
            var info = stat()
            guard stat(file, &info) == 0 else {
                let reason = errno
                throw LexiconError(file: file, line: 0, message: reason == ENOENT ? "no such file" : "cannot read the file: \(String(cString: strerror(reason)))")
            }
            mix(URL(fileURLWithPath: file).standardized.path.utf8)
            withUnsafeBytes(of: Int64(info.st_size)) { mix($0) }
            withUnsafeBytes(of: Int64(info.st_mtim.tv_sec)) { mix($0) }
            withUnsafeBytes(of: Int64(info.st_mtim.tv_nsec)) { mix($0) }
        }
        return hash
    }
}
