import Foundation

/// The lexicon files a tagger loads: the shipped ones (`Lexicons/curated`, `Lexicons/generated`) and
/// the user's, compiled into one `Gazetteer` and cached on disk.
///
/// ```swift
/// let lexicons = try LexiconSet(userLexicons: ["my-companies.tsv"])
/// let gazetteer = try lexicons.loadGazetteer(tokenizer: try Tokenizer())
/// ```
public struct LexiconSet: Sendable {
    /// The shipped lexicon folder, or nil for none.
    public var directory: String?
    /// User lexicon files; they take precedence over shipped ones for the same name and type.
    public var userLexicons: [String]
    /// Keys the compiled gazetteer holds even when no lexicon has them (a tagger's closed-class
    /// words, `Tagger.reservedKeys`), so that looking them up is one table access.
    public var reservedKeys: [String] = []

    /// The name of the common-word list inside a lexicon folder.
    public static let commonWordsFile = "common-words.tsv"

    /// Uses the shipped lexicons found by `shippedDirectory()`.
    /// - Throws: `LexiconError` when no shipped lexicon folder can be found.
    public init(userLexicons: [String] = []) throws(LexiconError) {
        guard let directory = LexiconSet.shippedDirectory() else {
            throw LexiconError(file: "Lexicons", line: 0, message: "cannot find the shipped lexicons; set FRNER_LEXICONS to the Lexicons folder")
        }
        self.directory = directory
        self.userLexicons = userLexicons
    }

    /// Uses an explicit folder (nil: no shipped lexicons, only the user's).
    public init(directory: String?, userLexicons: [String] = []) {
        self.directory = directory
        self.userLexicons = userLexicons
    }

    /// Finds the shipped `Lexicons` folder: `$FRNER_LEXICONS`, then next to the executable
    /// (`Lexicons/`, `../share/frenchner/Lexicons/`), then the source checkout this was built from.
    public static func shippedDirectory() -> String? {
        var candidates: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["FRNER_LEXICONS"], !fromEnvironment.isEmpty {
            candidates.append(fromEnvironment)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let executableDirectory = executable.deletingLastPathComponent()
        candidates.append(executableDirectory.appendingPathComponent("Lexicons").path)
        candidates.append(executableDirectory.appendingPathComponent("../share/frenchner/Lexicons").standardized.path)
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(checkout.appendingPathComponent("Lexicons").path)
        return candidates.first { isLexiconFolder($0) }
    }

    private static func isLexiconFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path + "/curated", isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The entry files in load order: user lexicons, then `curated/`, then `generated/` (sorted by name).
    public var entryFiles: [String] {
        var files = userLexicons
        if let directory {
            for folder in ["curated", "generated"] {
                let path = directory + "/" + folder
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".tsv") && $0 != LexiconSet.commonWordsFile }.sorted().map { path + "/" + $0 }
            }
        }
        return files
    }

    /// The common-word list, if the shipped folder has one.
    public var commonWordsFile: String? {
        guard let directory else { return nil }
        let path = directory + "/generated/" + LexiconSet.commonWordsFile
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Reads every file and compiles them (no cache).
    /// - Throws: `LexiconError` naming the file and line of the first problem.
    public func compile(tokenizer: Tokenizer) throws(LexiconError) -> Gazetteer {
        var entries: [LexiconEntry] = []
        for file in entryFiles { entries += try LexiconFile.load(path: file) }
        var commonWords: [(word: String, classes: CommonWordClass)] = []
        if let file = commonWordsFile {
            commonWords = try LexiconFile.parseCommonWords(try LexiconFile.readText(file), name: file)
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
        if let data = FileManager.default.contents(atPath: cachePath),
           let cached = Gazetteer(cacheData: data, fingerprint: fingerprint) {
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
        let folder = (path as NSString).deletingLastPathComponent
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
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/frenchner"
    }

    private func cacheFile(in directory: String, fingerprint: UInt64) -> String {
        directory + "/gazetteer-" + String(fingerprint, radix: 16) + ".bin"
    }

    /// A hash of the format version, the entry-type table, the reserved keys and every file's absolute
    /// path, size and modification time.
    func fingerprint() throws(LexiconError) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        mix([Gazetteer.cacheFormatVersion])
        mix(EntryType.tableFingerprintBytes)
        for key in reservedKeys { mix(key.utf8); mix([0]) }
        var files = entryFiles
        if let commonWordsFile { files.append(commonWordsFile) }
        for file in files {
            var info = stat()
            guard stat(file, &info) == 0 else {
                throw LexiconError(file: file, line: 0, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            mix(URL(fileURLWithPath: file).standardized.path.utf8)
            withUnsafeBytes(of: Int64(info.st_size)) { mix($0) }
            withUnsafeBytes(of: Int64(info.st_mtim.tv_sec)) { mix($0) }
            withUnsafeBytes(of: Int64(info.st_mtim.tv_nsec)) { mix($0) }
        }
        return hash
    }
}
