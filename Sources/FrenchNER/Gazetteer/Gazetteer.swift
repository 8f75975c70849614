#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

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
    /// Per key: `startsEntry` | `continuesEntry` (derived from the trie by `deriveLookupTables`).
    var keyTrieFlags = ContiguousArray<UInt8>()
    /// Per trie node: the type bits (`1 << type`) of the entries ending there that match whatever the
    /// case (derived); entries flagged `exactCase` are left out and checked per match.
    var nodeCaseFreeTypeBits = ContiguousArray<UInt64>()
    /// One bit per trie node: whether an entry ending there is flagged `exactCase` (derived).
    var nodeHasExactCaseEntries = ContiguousArray<UInt64>()
    /// A one-hash Bloom filter over the edges' keys (`node << 32 | keyID`), eight bits per edge
    /// (derived): a clear bit answers "no such edge" without probing `edges`, as most probes of a walk
    /// would end (a common word that continues some entry, but not this one).
    var edgeFilter = ContiguousArray<UInt64>()
    var edgeFilterShift: UInt64 = 64
    static let startsEntry: UInt8 = 1
    static let continuesEntry: UInt8 = 2
    /// Once derived, the node ids in `rootChildren` and `edges` carry two facts of the node they name,
    /// so that a walk reads neither `nodeEntryOffsets` nor a per-node "has children" bit (two cache misses per step):
    /// `nodeEndsEntries` (entries end there) and `nodeHasChildrenBit`. `nodeIDMask` takes them off.
    static let nodeEndsEntries: Int32 = 1 << 30
    static let nodeHasChildrenBit: Int32 = 1 << 29
    static let nodeIDMask: Int32 = (1 << 29) - 1
    /// A node id (or -1) without the facts `deriveLookupTables` adds.
    @inline(__always) static func untagged(_ node: Int32) -> Int32 { node < 0 ? node : node & nodeIDMask }
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

    /// Computes the tables derived from the trie, the keys and the entries (`keyTrieFlags`,
    /// `edgeFilter`, `nodeCaseFreeTypeBits`, `nodeHasExactCaseEntries`, and the facts in the node ids)
    /// and gives the key table a new identity; called once a gazetteer is compiled. A cache file keeps
    /// them (`Gazetteer+Cache.swift`): loading computes nothing.
    mutating func deriveLookupTables() {
        var flags = ContiguousArray<UInt8>(repeating: 0, count: keys.count)
        var hasChildren = ContiguousArray<UInt64>(repeating: 0, count: (Int(nodeCount) + 63) / 64)
        for (id, child) in rootChildren.enumerated() where child >= 0 { flags[id] |= Gazetteer.startsEntry }
        for key in edges.keys where key != .max {
            let node = Int(key >> 32), id = Int(key & 0xFFFF_FFFF)
            if node != 0 && id < flags.count { flags[id] |= Gazetteer.continuesEntry }
            if node / 64 < hasChildren.count { hasChildren[node / 64] |= 1 << UInt64(node % 64) }
        }
        keyTrieFlags = flags
        // Each node id in the trie's arrays with its two facts.
        precondition(nodeCount <= Gazetteer.nodeIDMask, "more trie nodes than a tagged node id holds")
        tagNodeIDsWithFacts(hasChildren: hasChildren)
        // The edge filter: eight bits per edge, one hash (see `edgeFilter`).
        var filterBits = 64
        while filterBits < 8 * edges.count { filterBits *= 2 }
        let shift = Gazetteer.edgeFilterShift(words: filterBits / 64)
        var filter = ContiguousArray<UInt64>(repeating: 0, count: filterBits / 64)
        for key in edges.keys where key != .max {
            let bit = Gazetteer.edgeFilterBit(key, shift: shift)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        edgeFilter = filter
        edgeFilterShift = shift
        // A match's types are then one load, unless an entry of its node wants the text's case checked.
        let exactCase = LexiconEntry.Flags.exactCase.rawValue
        let nodes = max(0, nodeEntryOffsets.count - 1)
        var caseFreeBits = ContiguousArray<UInt64>(repeating: 0, count: nodes)
        var hasExactCase = ContiguousArray<UInt64>(repeating: 0, count: (nodes + 63) / 64)
        for node in 0..<nodes {
            for position in Int(nodeEntryOffsets[node])..<Int(nodeEntryOffsets[node + 1]) {
                let entry = Int(nodeEntries[position])
                if entryFlags[entry] & exactCase != 0 {
                    hasExactCase[node / 64] |= 1 << UInt64(node % 64)
                } else {
                    caseFreeBits[node] |= 1 << UInt64(entryTypes[entry])
                }
            }
        }
        nodeCaseFreeTypeBits = caseFreeBits
        nodeHasExactCaseEntries = hasExactCase
        keys.identity = KeyTable.newIdentity()
    }

    /// Adds to each node id of `rootChildren` and `edges` whether entries end at the node and whether it
    /// has children (`nodeEndsEntries`, `nodeHasChildrenBit`), read from `nodeEntryOffsets` and
    /// `hasChildren`.
    /// - Complexity: O(keys + edge slots), one random read per node id.
    private mutating func tagNodeIDsWithFacts(hasChildren: ContiguousArray<UInt64>) {
        nodeEntryOffsets.withUnsafeBufferPointer { offsets in
            hasChildren.withUnsafeBufferPointer { hasChildren in
                func tagged(_ node: Int32) -> Int32 {
                    guard node >= 0 else { return node }
                    let id = Int(node & Gazetteer.nodeIDMask)
                    var result = Int32(id)
                    if id &+ 1 < offsets.count, offsets[id] != offsets[id &+ 1] { result |= Gazetteer.nodeEndsEntries }
                    if id >> 6 < hasChildren.count, hasChildren[id >> 6] & (1 << UInt64(id & 63)) != 0 {
                        result |= Gazetteer.nodeHasChildrenBit
                    }
                    return result
                }
                rootChildren.withUnsafeMutableBufferPointer { roots in
                    for i in roots.indices { roots[i] = tagged(roots[i]) }
                }
                edges.keys.withUnsafeBufferPointer { keys in
                    edges.values.withUnsafeMutableBufferPointer { values in
                        for slot in keys.indices where keys[slot] != .max { values[slot] = tagged(values[slot]) }
                    }
                }
            }
        }
    }

    /// The shift that makes `edgeFilterBit` an index into a filter of `words` 64-bit words (a power of
    /// two): 64 minus the filter's bit count's log.
    static func edgeFilterShift(words: Int) -> UInt64 { UInt64(64 - 6 - words.trailingZeroBitCount) }

    /// The bit of `edgeFilter` for an edge key: the top bits of a multiplicative hash (another
    /// multiplier than `EdgeTable`'s slots).
    @inline(__always)
    static func edgeFilterBit(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> shift)
    }

    // MARK: - Matching

    /// The common-word classes of a token, from its key id.
    @inline(__always)
    public func commonWordClasses(keyID: Int32) -> CommonWordClass {
        keyID < 0 ? [] : CommonWordClass(rawValue: keys.wordClasses[Int(keyID)])
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
    /// `lexicon:TYPE:SOURCE` (an entity's `source`), written in one go from the string pool.
    func lexiconSourceName(type: EntryType, sourceID: Int32) -> String {
        var typeName = type.description
        return typeName.withUTF8 { typeBytes in
            strings.bytes.withUnsafeBufferPointer { pool in
                let start = Int(strings.offsets[Int(sourceID)]), end = Int(strings.offsets[Int(sourceID) + 1])
                let prefix: StaticString = "lexicon:"
                let count = prefix.utf8CodeUnitCount + typeBytes.count + 1 + (end - start)
                return String(unsafeUninitializedCapacity: count) { out in
                    var o = 0
                    for byte in UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount) { out[o] = byte; o += 1 }
                    for byte in typeBytes { out[o] = byte; o += 1 }
                    out[o] = UInt8(ascii: ":"); o += 1
                    for k in start..<end { out[o] = pool[k]; o += 1 }
                    return o
                }
            }
        }
    }
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
    /// The match's position in the list `matches(in:keyIDs:)` returned (for arrays kept beside it).
    var index: Int32

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
        if end == start { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, ascii.utf8Start, end - start) == 0 }
    }

    mutating func append(_ string: String) -> Int32 {
        bytes.append(contentsOf: string.utf8)
        offsets.append(Int32(bytes.count))
        return Int32(offsets.count - 2)
    }
}
