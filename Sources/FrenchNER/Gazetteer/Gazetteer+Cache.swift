#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The compiled gazetteer as one binary file, so that loading costs a file read instead of tokenizing
/// every entry. The file is a cache: it is rebuilt when any lexicon file changes (its fingerprint covers
/// each file's path, size and modification time, and the format version).
///
/// Layout: magic `FRNERGZ`, format version, fingerprint, then each array as a 64-bit element count
/// followed by its elements in native byte order. All unsafe byte copying of the package is here.
extension Gazetteer {
    static let cacheMagic: [UInt8] = Array("FRNERGZ".utf8)
    static let cacheFormatVersion: UInt8 = 9 // 6: CommonWordClass.grammatical; 7: trie node ids tagged;
                                              // 8: key slots carry hash bits; 9: derived tables kept

    /// Serialises the gazetteer.
    func cacheData(fingerprint: UInt64) -> Data {
        var data = Data()
        data.append(contentsOf: Gazetteer.cacheMagic)
        data.append(Gazetteer.cacheFormatVersion)
        append(fingerprint, to: &data)
        append(UInt64(UInt32(bitPattern: nodeCount)), to: &data)
        append(UInt64(edges.count), to: &data)
        append(keys.pool, to: &data)
        append(keys.offsets, to: &data)
        append(keys.hashes, to: &data)
        append(keys.wordClasses, to: &data)
        append(keys.slots, to: &data)
        append(edges.keys, to: &data)
        append(edges.values, to: &data)   // node ids with their facts (`deriveLookupTables`)
        append(rootChildren, to: &data)
        append(nodeEntryOffsets, to: &data)
        append(nodeEntries, to: &data)
        append(entryTypes, to: &data)
        append(entryFlags, to: &data)
        append(entryImportance, to: &data)
        append(entryTokenCounts, to: &data)
        append(entryShapes, to: &data)
        append(entrySurfaces, to: &data)
        append(entryCanonicals, to: &data)
        append(entrySources, to: &data)
        append(strings.bytes, to: &data)
        append(strings.offsets, to: &data)
        // The tables `deriveLookupTables` computed: loading reads them instead of computing them again.
        append(keyTrieFlags, to: &data)
        append(nodeCaseFreeTypeBits, to: &data)
        append(nodeHasExactCaseEntries, to: &data)
        append(edgeFilter, to: &data)
        append(edgeFilterShift, to: &data)
        return data
    }

    /// Reads a cache file straight into the gazetteer's arrays (no copy of the whole file in memory
    /// first: peak memory is the gazetteer's); nil when it is missing, of another version or
    /// fingerprint, or damaged.
    init?(cacheFile path: String, fingerprint: UInt64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var reader = CacheReader(FileSource(descriptor: descriptor, remaining: Int(info.st_size)))
        self.init(reading: &reader, fingerprint: fingerprint)
    }

    /// Reads cache bytes (`cacheData`'s output); nil when they are of another version or fingerprint, or damaged.
    init?(cacheData data: Data, fingerprint: UInt64) {
        var reader = CacheReader(DataSource(data: data))
        self.init(reading: &reader, fingerprint: fingerprint)
    }

    fileprivate init?<Source: CacheSource>(reading reader: inout CacheReader<Source>, fingerprint: UInt64) {
        guard reader.bytes(Gazetteer.cacheMagic.count) == Gazetteer.cacheMagic,
              reader.bytes(1) == [Gazetteer.cacheFormatVersion],
              reader.scalar(UInt64.self) == fingerprint,
              let nodes = reader.scalar(UInt64.self), let edgeCount = reader.scalar(UInt64.self)
        else { return nil }
        self.init()
        guard let keyPool = reader.array(UInt16.self), let keyOffsets = reader.array(Int32.self),
              let keyHashes = reader.array(UInt32.self), let wordClasses = reader.array(UInt8.self),
              let slots = reader.array(Int32.self), let edgeKeys = reader.array(UInt64.self),
              let edgeValues = reader.array(Int32.self), let roots = reader.array(Int32.self),
              let nodeOffsets = reader.array(Int32.self),
              let nodeEntries = reader.array(Int32.self), let types = reader.array(UInt8.self),
              let flags = reader.array(UInt8.self), let importance = reader.array(UInt8.self),
              let tokenCounts = reader.array(UInt8.self), let shapes = reader.array(UInt32.self),
              let surfaces = reader.array(Int32.self), let canonicals = reader.array(Int32.self),
              let sources = reader.array(Int32.self), let stringBytes = reader.array(UInt8.self),
              let stringOffsets = reader.array(Int32.self),
              let trieFlags = reader.array(UInt8.self), let caseFreeBits = reader.array(UInt64.self),
              let hasExactCase = reader.array(UInt64.self), let filter = reader.array(UInt64.self),
              let filterShift = reader.scalar(UInt64.self), reader.atEnd
        else { return nil }
        // Structural checks, so that a damaged file is rejected rather than trusted: lengths agree, every
        // value that indexes another array is inside it, offsets never go back, and each open-addressing
        // table keeps an empty slot (a look-up of a missing key ends there: probes are bounded).
        guard nodes < UInt64(Int32.max), edgeCount <= UInt64(edgeKeys.count) else { return nil }
        let entryCount = types.count, keyCount = keyHashes.count, nodeCount = Int32(nodes)
        let stringCount = Int32(clamping: stringOffsets.count - 1)
        guard keyOffsets.count == keyCount + 1, wordClasses.count == keyCount,
              keyCount < Int(Int32.max), entryCount < Int(Int32.max),
              slots.count.nonzeroBitCount == 1, edgeKeys.count == edgeValues.count,
              edgeKeys.count.nonzeroBitCount == 1, nodeOffsets.count == Int(nodes) + 1,
              roots.count == keyCount, Gazetteer.taggedNodesInRange(roots, nodeCount: nodeCount, allowingNone: true),
              [flags.count, importance.count, tokenCounts.count, shapes.count, surfaces.count,
               canonicals.count, sources.count].allSatisfy({ $0 == entryCount }),
              Gazetteer.isOffsetTable(keyOffsets, length: keyPool.count),
              Gazetteer.isOffsetTable(nodeOffsets, length: nodeEntries.count),
              Gazetteer.isOffsetTable(stringOffsets, length: stringBytes.count),
              Gazetteer.allEntryTypes(types),
              Gazetteer.all(nodeEntries, in: 0..<Int32(entryCount)),
              keyCount <= KeyTable.maxCount, KeyTable.slotsHoldKeyIDs(slots, keyCount: keyCount), slots.contains(0),
              Gazetteer.edgesInRange(edgeKeys, edgeValues, nodeCount: nodeCount),
              edgeKeys.contains(.max),
              Gazetteer.all(surfaces, in: 0..<stringCount),
              Gazetteer.all(canonicals, in: -1..<stringCount),
              Gazetteer.all(sources, in: 0..<stringCount),
              Gazetteer.nonEmpty(surfaces, offsets: stringOffsets), Gazetteer.nonEmpty(canonicals, offsets: stringOffsets),
              // The derived tables: one value per key or node (any value is safe), and a filter whose
              // bit index stays inside it.
              trieFlags.count == keyCount, caseFreeBits.count == Int(nodes), hasExactCase.count == (Int(nodes) + 63) / 64,
              filter.count.nonzeroBitCount == 1, filterShift == Gazetteer.edgeFilterShift(words: filter.count)
        else { return nil }
        keys.pool = keyPool
        keys.offsets = keyOffsets
        keys.hashes = keyHashes
        keys.wordClasses = wordClasses
        keys.slots = slots
        edges.keys = edgeKeys
        edges.values = edgeValues
        edges.count = Int(edgeCount)
        self.nodeCount = nodeCount
        rootChildren = roots
        nodeEntryOffsets = nodeOffsets
        self.nodeEntries = nodeEntries
        entryTypes = types
        entryFlags = flags
        entryImportance = importance
        entryTokenCounts = tokenCounts
        entryShapes = shapes
        entrySurfaces = surfaces
        entryCanonicals = canonicals
        entrySources = sources
        strings.bytes = stringBytes
        strings.offsets = stringOffsets
        keyTrieFlags = trieFlags
        nodeCaseFreeTypeBits = caseFreeBits
        nodeHasExactCaseEntries = hasExactCase
        edgeFilter = filter
        edgeFilterShift = filterShift
        keys.identity = KeyTable.newIdentity()
    }

    /// Offsets into an array of `length` elements: starting at 0, never decreasing, ending at `length`.
    private static func isOffsetTable(_ offsets: ContiguousArray<Int32>, length: Int) -> Bool {
        guard offsets.first == 0, offsets.last.map({ Int($0) == length }) ?? false else { return false }
        return offsets.withUnsafeBufferPointer { offsets in
            // Branch-free: OR-ed over every step, nonzero when one goes back.
            var backwards: UInt32 = 0
            for i in 1..<offsets.count { backwards |= offsets[i] < offsets[i - 1] ? 1 : 0 }
            return backwards == 0
        }
    }

    /// Whether every byte is an entry type's raw value: the types are numbered from 0 without gaps
    /// (`EntryType`; a test checks it), so the largest byte says (a scan the compiler vectorises).
    private static func allEntryTypes(_ types: ContiguousArray<UInt8>) -> Bool {
        types.withUnsafeBufferPointer { types in
            var largest: UInt8 = 0
            for type in types { largest = max(largest, type) }
            return Int(largest) < EntryType.allCases.count
        }
    }

    /// Whether every value lies in `range` (a branch-free scan: millions of values at each start).
    private static func all(_ values: ContiguousArray<Int32>, in range: Range<Int32>) -> Bool {
        values.withUnsafeBufferPointer { values in
            var low = Int32.max, high = Int32.min
            for value in values {
                low = min(low, value)
                high = max(high, value)
            }
            return values.isEmpty || (low >= range.lowerBound && high < range.upperBound)
        }
    }

    /// Whether every string id (-1: none) names a non-empty string (ids already checked in range).
    private static func nonEmpty(_ ids: ContiguousArray<Int32>, offsets: ContiguousArray<Int32>) -> Bool {
        ids.withUnsafeBufferPointer { ids in
            offsets.withUnsafeBufferPointer { offsets in
                var empty = false
                for id in ids where id >= 0 { empty = empty || offsets[Int(id) + 1] == offsets[Int(id)] }
                return !empty
            }
        }
    }

    /// Whether every used edge slot leads to an existing node (a node id with its fact bits).
    private static func edgesInRange(_ keys: ContiguousArray<UInt64>, _ values: ContiguousArray<Int32>, nodeCount: Int32) -> Bool {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                guard keys.count == values.count else { return false }
                // Branch-free: OR-ed over every used slot, nonzero when one value is not a tagged node id.
                var bad: UInt32 = 0
                for i in 0..<keys.count {
                    let used: UInt32 = keys[i] != .max ? ~0 : 0
                    bad |= used & Gazetteer.badTaggedNode(values[i], nodeCount: nodeCount)
                }
                return bad == 0
            }
        }
    }

    /// Whether every value is an existing node id with its fact bits (or -1 where `allowingNone`).
    private static func taggedNodesInRange(_ values: ContiguousArray<Int32>, nodeCount: Int32, allowingNone: Bool) -> Bool {
        values.withUnsafeBufferPointer { values in
            let noneAllowed: UInt32 = allowingNone ? ~0 : 0
            var bad: UInt32 = 0
            for value in values {
                let none: UInt32 = value == -1 ? noneAllowed : 0
                bad |= ~none & Gazetteer.badTaggedNode(value, nodeCount: nodeCount)
            }
            return bad == 0
        }
    }

    /// Nonzero when `value` is not an existing node id with its fact bits: a bit outside the id and the
    /// facts (the sign among them), or an id at or past `nodeCount`.
    @inline(__always)
    private static func badTaggedNode(_ value: Int32, nodeCount: Int32) -> UInt32 {
        let allowed = UInt32(bitPattern: Gazetteer.nodeIDMask | Gazetteer.nodeEndsEntries | Gazetteer.nodeHasChildrenBit)
        let bits = UInt32(bitPattern: value)
        let id = bits & UInt32(bitPattern: Gazetteer.nodeIDMask)
        let tooLarge: UInt32 = id >= UInt32(bitPattern: max(nodeCount, 0)) ? 1 : 0
        return (bits & ~allowed) | tooLarge
    }

    private func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value) { data.append(contentsOf: $0) }
    }

    private func append<T: FixedWidthInteger>(_ array: ContiguousArray<T>, to data: inout Data) {
        append(UInt64(array.count), to: &data)
        array.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}

/// Where cache bytes come from: in-memory bytes, or a file read piece by piece into the arrays.
fileprivate protocol CacheSource {
    /// Bytes not read yet.
    var remaining: Int { get }
    /// Fills `buffer` with the next bytes; false when there are not that many (or the read failed).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool
}

fileprivate struct DataSource: CacheSource {
    let data: Data
    var offset = 0

    var remaining: Int { data.count - offset }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard buffer.count <= remaining else { return false }
        let start = data.startIndex + offset
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<start + buffer.count)
        offset += buffer.count
        return true
    }
}

fileprivate struct FileSource: CacheSource {
    let descriptor: Int32
    var remaining: Int

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard buffer.count <= remaining else { return false }
        var done = 0
        while done < buffer.count {
            let count = Glibc.read(descriptor, buffer.baseAddress! + done, buffer.count - done)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        remaining -= buffer.count
        return true
    }
}

/// Reads the cache layout (counts, then elements) from a source; every read is bounded by what is left.
fileprivate struct CacheReader<Source: CacheSource> {
    var source: Source

    init(_ source: Source) { self.source = source }

    var atEnd: Bool { source.remaining == 0 }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count <= source.remaining else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        return bytes.withUnsafeMutableBytes { source.read(into: $0) } ? bytes : nil
    }

    mutating func scalar<T: FixedWidthInteger>(_: T.Type) -> T? {
        var value = T.zero
        return withUnsafeMutableBytes(of: &value) { source.read(into: $0) } ? value : nil
    }

    /// A count, then that many elements read straight into a new array (not zero-filled first).
    mutating func array<T: FixedWidthInteger>(_: T.Type) -> ContiguousArray<T>? {
        guard let count64 = scalar(UInt64.self), count64 < UInt64(Int.max / 16) else { return nil }
        let count = Int(count64)
        guard count * MemoryLayout<T>.stride <= source.remaining else { return nil }
        var complete = false
        let array = ContiguousArray<T>(unsafeUninitializedCapacity: count) { buffer, initialized in
            complete = source.read(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = complete ? count : 0
        }
        return complete ? array : nil
    }
}
