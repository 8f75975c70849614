#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A per-thread cache of key look-ups that lives across documents: the frequent words of a text
/// (`de`, `la`, `président`, the names of the day) are answered from a small table that stays in the
/// core's cache instead of the large `KeyTable`, whose every probe is a cache miss.
///
/// Direct-mapped by the token's key hash. An entry holds the hash, the length, the id (-1 for a key
/// the table does not know) and the key's first 8 UTF-16 units inline, so that a key of up to 8 units
/// is compared with two 64-bit loads; a longer key's remaining units are compared with the table's
/// copy (only keys the table knows are cached then). The cache belongs to one `KeyTable` at a time
/// (`KeyTable.identity`) and is emptied when the thread looks keys up in another.
final class KeyCache {
    struct Entry {
        /// Units 0–3 and 4–7 of the key, zero beyond its length.
        var head0: UInt64
        var head1: UInt64
        var hash: UInt32
        var id: Int32
        /// The key's length in units; `UInt32.max` for an empty entry.
        var length: UInt32
        var unused: UInt32 = 0
    }

    static let capacity = 8192
    let entries: UnsafeMutablePointer<Entry>
    private(set) var identity: UInt64 = 0
    /// Canonical forms of entries, made once per thread and shared by every entity that carries them
    /// (direct-mapped by entry index: `canonicalEntries[slot]` is the entry whose string is in the slot).
    static let canonicalCapacity = 1024
    private let canonicalEntries: UnsafeMutablePointer<Int32>
    private let canonicalStrings: UnsafeMutablePointer<String>

    /// `lexicon:TYPE:SOURCE` names (`Gazetteer.lexiconSourceName`), by source id and type, the same way.
    static let sourceNameCapacity = 256
    private let sourceNameKeys: UnsafeMutablePointer<Int64>
    private let sourceNames: UnsafeMutablePointer<String>

    private init() {
        sourceNameKeys = .allocate(capacity: KeyCache.sourceNameCapacity)
        sourceNames = .allocate(capacity: KeyCache.sourceNameCapacity)
        sourceNames.initialize(repeating: "", count: KeyCache.sourceNameCapacity)
        entries = .allocate(capacity: KeyCache.capacity)
        canonicalEntries = .allocate(capacity: KeyCache.canonicalCapacity)
        canonicalStrings = .allocate(capacity: KeyCache.canonicalCapacity)
        canonicalStrings.initialize(repeating: "", count: KeyCache.canonicalCapacity)
        clear()
    }

    deinit {
        entries.deallocate()
        canonicalEntries.deallocate()
        canonicalStrings.deinitialize(count: KeyCache.canonicalCapacity)
        canonicalStrings.deallocate()
        sourceNameKeys.deallocate()
        sourceNames.deinitialize(count: KeyCache.sourceNameCapacity)
        sourceNames.deallocate()
    }

    private func clear() {
        entries.initialize(repeating: Entry(head0: 0, head1: 0, hash: 0, id: -1, length: .max), count: KeyCache.capacity)
        canonicalEntries.initialize(repeating: -1, count: KeyCache.canonicalCapacity)
        sourceNameKeys.initialize(repeating: -1, count: KeyCache.sourceNameCapacity)
    }

    /// `lexicon:TYPE:SOURCE` for a source of the gazetteer this cache serves (`Gazetteer.lexiconSourceName`).
    func lexiconSourceName(type: EntryType, sourceID: Int32, in gazetteer: Gazetteer) -> String {
        let key = Int64(sourceID) << 8 | Int64(type.rawValue)
        let slot = (Int(sourceID) << 5 ^ Int(type.rawValue)) & (KeyCache.sourceNameCapacity - 1)
        if sourceNameKeys[slot] == key { return sourceNames[slot] }
        let name = gazetteer.lexiconSourceName(type: type, sourceID: sourceID)
        sourceNameKeys[slot] = key
        sourceNames[slot] = name
        return name
    }

    /// The canonical form of an entry of the gazetteer this cache serves (`Gazetteer.canonical(ofEntry:)`).
    func canonical(ofEntry entry: Int32, in gazetteer: Gazetteer) -> String {
        let slot = Int(entry) & (KeyCache.canonicalCapacity - 1)
        if canonicalEntries[slot] == entry { return canonicalStrings[slot] }
        let string = gazetteer.canonical(ofEntry: Int(entry))
        canonicalEntries[slot] = entry
        canonicalStrings[slot] = string
        return string
    }

    /// The calling thread's cache, emptied first if it last served another key table.
    static func current(for table: KeyTable) -> KeyCache {
        let cache = keyCaches.object { KeyCache() }
        if cache.identity != table.identity {
            cache.clear()
            cache.identity = table.identity
        }
        return cache
    }
}

private let keyCaches = PerThread<KeyCache>()
