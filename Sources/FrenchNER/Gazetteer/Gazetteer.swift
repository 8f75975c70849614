import Foundation

/// A compiled lexicon: a trie over folded token keys, matched against a document's tokens.
///
/// Entries are tokenized with the same `Tokenizer` as the text, so an entry matches exactly the token
/// sequences the tokenizer produces for it. Keys are case- and accent-folded (`Élysée` = `ELYSEE`), and
/// hyphens inside compounds are transparent on both sides (`Saint-Étienne` = `Saint Étienne`). An entry
/// after an elided article matches without it (`d'Emmanuel Macron` contains `Emmanuel Macron`).
///
/// **Leftmost-longest.** `matches(in:)` reports every span that is an entry, so that the rules can weigh
/// alternatives; `leftmostLongest(_:)` keeps, scanning left to right, the longest span starting at each
/// position that does not overlap a kept one. With the entries `Paris` and `Paris Saint-Germain`,
/// the text `le Paris Saint-Germain à Paris` gives `Paris Saint-Germain` (not `Paris`) and then `Paris`.
///
/// A match reports every entry of its span, with all their types (`Paris`: city and surname;
/// `Orange`: company and commune): the rules decide.
///
/// Compiling can fail (a bad lexicon line, see `LexiconError`); matching cannot.
///
/// - Complexity: compiling is O(total entry length); matching is O(tokens × longest entry in tokens).
public struct Gazetteer: Sendable {
    var keys = KeyTable()
    /// Trie edges: `node << 32 | keyID` → child node. Node 0 is the root.
    var edges = EdgeTable()
    var nodeCount: Int32 = 1
    /// The trie node reached from the root by each key (-1: no entry starts with that key). Most
    /// tokens start no entry; this dense array answers that without probing `edges`.
    var rootChildren = ContiguousArray<Int32>()
    /// Entries ending at each node: `nodeEntries[nodeEntryOffsets[n]..<nodeEntryOffsets[n + 1]]`.
    var nodeEntryOffsets = ContiguousArray<Int32>()
    var nodeEntries = ContiguousArray<Int32>()

    // Entries, column by column.
    var entryTypes = ContiguousArray<UInt8>()
    var entryFlags = ContiguousArray<UInt8>()
    var entryImportance = ContiguousArray<UInt8>()
    /// Token count (without hyphens) in the low byte.
    var entryTokenCounts = ContiguousArray<UInt8>()
    /// Case shape of each token, two bits per token (first 16 tokens): see `Gazetteer.shapeCode`.
    var entryShapes = ContiguousArray<UInt32>()
    var entrySurfaces = ContiguousArray<Int32>()
    var entryCanonicals = ContiguousArray<Int32>()
    var entrySources = ContiguousArray<Int32>()
    /// Interned strings (surfaces, canonical forms, sources).
    var strings = StringPool()

    /// The number of entries.
    public var entryCount: Int { entryTypes.count }
    /// The number of distinct token keys (entries and common words).
    public var keyCount: Int { keys.count }

    /// An empty gazetteer.
    public init() {
        nodeEntryOffsets = [0, 0]
    }

    /// Compiles entries and common words.
    ///
    /// When the same token sequence is listed twice with the same type, the first listing wins: pass
    /// user lexicons first, then curated ones, then generated ones.
    /// - Parameters:
    ///   - commonWords: lower-case common French words and their classes.
    ///   - reservedKeys: folded keys that get an id even if no entry or common word has them (the
    ///     tagger's closed-class words, `Tagger.reservedKeys`); they come first, in order.
    public init(compiling entries: [LexiconEntry], commonWords: [(word: String, classes: CommonWordClass)] = [],
                reservedKeys: [String] = [], tokenizer: Tokenizer) {
        var builder = GazetteerBuilder(tokenizer: tokenizer, reservedKeys: reservedKeys)
        builder.add(entries)
        builder.addCommonWords(commonWords)
        self = builder.finish()
    }

    // MARK: - Matching

    /// The key id of every token (-1 for a token whose key is in no entry and no common word).
    /// - Complexity: O(n) in the number of tokens.
    public func keyIDs(for doc: TokenizedText) -> ContiguousArray<Int32> {
        var ids = ContiguousArray<Int32>(repeating: -1, count: doc.tokens.count)
        // Words repeat within a document (`de`, `la`, names): a small cache of recent tokens by hash
        // answers most look-ups from the document's own memory instead of the large key table.
        let cacheSize = 512
        var recent = [Int32](repeating: -1, count: cacheSize)
        ids.withUnsafeMutableBufferPointer { ids in
            doc.tokens.withUnsafeBufferPointer { tokens in
                doc.keyPool.withUnsafeBufferPointer { pool in
                    for i in 0..<tokens.count {
                        let token = tokens[i]
                        let slot = Int(token.keyHash & UInt32(cacheSize - 1))
                        let previous = Int(recent[slot])
                        if previous >= 0 && token.keyLength > 0 {
                            let other = tokens[previous]
                            if other.keyHash == token.keyHash && other.keyLength == token.keyLength
                                && memcmp(pool.baseAddress! + Int(other.keyStart), pool.baseAddress! + Int(token.keyStart),
                                          Int(token.keyLength) * 2) == 0 {
                                ids[i] = ids[previous]
                                continue
                            }
                        }
                        let units = UnsafeBufferPointer(rebasing: pool[Int(token.keyStart)..<Int(token.keyStart) + Int(token.keyLength)])
                        ids[i] = keys.lookup(hash: token.keyHash, units: units)
                        recent[slot] = Int32(i)
                    }
                }
            }
        }
        return ids
    }

    /// The common-word classes of a token, from its key id.
    @inline(__always)
    public func commonWordClasses(keyID: Int32) -> CommonWordClass {
        keyID < 0 ? [] : CommonWordClass(rawValue: keys.wordClasses[Int(keyID)])
    }

    /// Every span of tokens that is a lexicon entry, ordered by start, then by end.
    /// - Parameter keyIDs: from `keyIDs(for:)`.
    public func matches(in doc: TokenizedText, keyIDs: ContiguousArray<Int32>) -> [GazetteerMatch] {
        var found: [GazetteerMatch] = []
        found.reserveCapacity(doc.tokens.count / 2)
        doc.tokens.withUnsafeBufferPointer { tokens in
            keyIDs.withUnsafeBufferPointer { keyIDs in
                nodeEntryOffsets.withUnsafeBufferPointer { offsets in
                    let n = tokens.count
                    rootChildren.withUnsafeBufferPointer { rootChildren in
                    for start in 0..<n {
                        let first = keyIDs[start]
                        if first < 0 || Int(first) >= rootChildren.count { continue }
                        var node = rootChildren[Int(first)]
                        if node < 0 { continue }
                        var end = start + 1
                        while true {
                            if offsets[Int(node)] != offsets[Int(node) + 1] {
                                found.append(GazetteerMatch(start: Int32(start), end: Int32(end), node: node))
                            }
                            // Hyphens inside a compound are transparent.
                            var next = end
                            if next < n, tokens[next].flags.contains(.hyphen), tokens[next].isJoinedToPrevious,
                               next + 1 < n, tokens[next + 1].isJoinedToPrevious {
                                next += 1
                            }
                            guard next < n, !tokens[next].flags.contains(.sentenceStart) else { break }
                            let key = keyIDs[next]
                            guard key >= 0, let child = edges.get(UInt64(node) << 32 | UInt64(key)) else { break }
                            node = child
                            end = next + 1
                        }
                    }
                    }
                }
            }
        }
        return found
    }

    /// Keeps the leftmost-longest non-overlapping matches (see the type's documentation).
    /// - Parameter matches: ordered by start, then end, as `matches(in:keyIDs:)` returns them.
    public func leftmostLongest(_ matches: [GazetteerMatch]) -> [GazetteerMatch] {
        var kept: [GazetteerMatch] = []
        var i = 0
        var covered: Int32 = 0
        while i < matches.count {
            var best = matches[i]
            var j = i + 1
            while j < matches.count && matches[j].start == best.start {
                if matches[j].end > best.end { best = matches[j] }
                j += 1
            }
            if best.start >= covered {
                kept.append(best)
                covered = best.end
            }
            i = j
        }
        return kept
    }

    /// The entries (indices) of a match.
    public func entries(of match: GazetteerMatch) -> Range<Int> {
        Int(nodeEntryOffsets[Int(match.node)])..<Int(nodeEntryOffsets[Int(match.node) + 1])
    }

    /// The entry index at a position of `entries(of:)`.
    @inline(__always)
    public func entryIndex(at position: Int) -> Int { Int(nodeEntries[position]) }

    public func type(ofEntry entry: Int) -> EntryType { EntryType(rawValue: entryTypes[entry])! }
    public func flags(ofEntry entry: Int) -> LexiconEntry.Flags { LexiconEntry.Flags(rawValue: entryFlags[entry]) }
    public func importance(ofEntry entry: Int) -> LexiconEntry.Importance {
        LexiconEntry.Importance(rawValue: entryImportance[entry]) ?? .notable
    }
    public func surface(ofEntry entry: Int) -> String { strings.string(entrySurfaces[entry]) }
    /// The canonical form (the surface when the entry is canonical itself).
    public func canonical(ofEntry entry: Int) -> String {
        let id = entryCanonicals[entry]
        return id < 0 ? surface(ofEntry: entry) : strings.string(id)
    }
    public func source(ofEntry entry: Int) -> String { strings.string(entrySources[entry]) }
    /// The id of an entry's source name (entries of one source share it).
    func sourceID(ofEntry entry: Int) -> Int32 { entrySources[entry] }
    /// A source name by id (`sourceID(ofEntry:)`).
    func sourceName(_ id: Int32) -> String { strings.string(id) }
    /// Whether an entry comes from the hand-curated lexicons (source `curated`); allocates nothing.
    func isCurated(entry: Int) -> Bool { strings.equals(entrySources[entry], "curated") }

    /// The whole entry.
    public func entry(_ index: Int) -> LexiconEntry {
        LexiconEntry(surface: surface(ofEntry: index), type: type(ofEntry: index),
                     canonical: entryCanonicals[index] < 0 ? "" : strings.string(entryCanonicals[index]),
                     source: source(ofEntry: index), flags: flags(ofEntry: index),
                     importance: importance(ofEntry: index))
    }

    /// Whether the text's tokens have the entry's case shape (`OTAN` vs `Otan`, `Tours` vs `tours`).
    public func caseMatches(entry: Int, match: GazetteerMatch, in doc: TokenizedText) -> Bool {
        let shape = entryShapes[entry]
        var position = 0
        for t in Int(match.start)..<Int(match.end) {
            let token = doc.tokens[t]
            if token.flags.contains(.hyphen) && token.isJoinedToPrevious { continue }
            if position >= 16 { break }
            let expected = (shape >> (2 * UInt32(position))) & 3
            if Gazetteer.shapeCode(token) != expected { return false }
            position += 1
        }
        return true
    }

    /// 0: no letter; 1: starts lower case; 2: capitalised; 3: all capitals.
    @inline(__always)
    static func shapeCode(_ token: Token) -> UInt32 {
        if !token.flags.contains(.hasLetter) { return 0 }
        if token.isLowercaseWord { return 1 }
        return token.isAllCaps && Int(token.end - token.start) > 1 ? 3 : 2
    }
}

/// A span of tokens that is one or more lexicon entries.
public struct GazetteerMatch: Sendable, Hashable {
    /// First token.
    public var start: Int32
    /// After the last token.
    public var end: Int32
    /// The trie node (gives the entries).
    var node: Int32

    public var tokenRange: Range<Int> { Int(start)..<Int(end) }
}

/// Interned UTF-8 strings, stored back to back.
struct StringPool: Sendable {
    var bytes = ContiguousArray<UInt8>()
    var offsets: ContiguousArray<Int32> = [0]

    func string(_ id: Int32) -> String {
        String(decoding: bytes[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])], as: UTF8.self)
    }

    /// Whether string `id` is `ascii`, without making a String.
    func equals(_ id: Int32, _ ascii: StaticString) -> Bool {
        let start = Int(offsets[Int(id)]), end = Int(offsets[Int(id) + 1])
        guard end - start == ascii.utf8CodeUnitCount else { return false }
        return ascii.withUTF8Buffer { expected in
            for i in 0..<expected.count where bytes[start + i] != expected[i] { return false }
            return true
        }
    }

    mutating func append(_ string: String) -> Int32 {
        bytes.append(contentsOf: string.utf8)
        offsets.append(Int32(bytes.count))
        return Int32(offsets.count - 2)
    }
}
