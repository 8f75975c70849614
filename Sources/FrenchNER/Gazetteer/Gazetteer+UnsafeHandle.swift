import CFrenchICU

/// The gazetteer's scans over a document's token buffers: every pointer into the tokens, their key
/// pool and the trie's arrays is taken here, and nowhere else in the gazetteer (the key table keeps its
/// own in `KeyTable.swift`). With `FRENCHNER_INTERNAL_CHECKS` (debug builds) the results are checked.
extension Gazetteer {
    /// How many tokens ahead the scans ask for the table slots they will read (`frn_prefetch`).
    static let prefetchDistance = 8

    /// The masks that keep a key's first `length` units (up to 8) of two 64-bit loads, by length.
    static let headMasks: [(UInt64, UInt64)] = (0...8).map { (length: Int) -> (UInt64, UInt64) in
        let first = min(length, 4), second = min(max(length - 4, 0), 4)
        let mask0: UInt64 = first == 0 ? 0 : UInt64.max >> UInt64(64 - 16 * first)
        let mask1: UInt64 = second == 0 ? 0 : UInt64.max >> UInt64(64 - 16 * second)
        return (mask0, mask1)
    }

    /// The key id of every token (-1 for a token whose key is in no entry and no common word).
    ///
    /// Most tokens are answered by the thread's `KeyCache` (frequent words, across documents); the
    /// rest probe the key table and fill the cache.
    /// - Complexity: O(n) in the number of tokens.
    public func keyIDs(for doc: TokenizedText) -> ContiguousArray<Int32> {
        var ids = ContiguousArray<Int32>()
        keyIDs(for: doc, into: &ids)
        return ids
    }

    /// `keyIDs(for:)`, written over `ids` (its storage reused when it is large enough: a buffer kept
    /// from an earlier document).
    ///
    /// Two passes. The first asks the thread's `KeyCache` about every token, its tests combined without
    /// a branch (the key's length, whether the cache holds it): a key of up to 8 units the cache holds
    /// gets its id, every other token goes on a list. The second takes that list (about a quarter of
    /// news tokens: keys the cache does not hold, longer keys), in order, through the cache again (an
    /// earlier token of the list may have filled it) and the key table, asking for the table slots of
    /// tokens a few places ahead. Branching on each token's tests, as one pass must, was mispredicted
    /// often enough that `Tagger.tag` takes 3 % less time this way.
    func keyIDs(for doc: TokenizedText, into ids: inout ContiguousArray<Int32>) {
        let n = doc.tokens.count
        let cache = KeyCache.current(for: keys)
        let entries = cache.entries
        let cacheMask = UInt32(KeyCache.capacity - 1)
        let later = cache.scratch(count: n)
        ids.resizeForOverwrite(n)
        ids.withUnsafeMutableBufferPointer { ids in
            doc.tokens.withUnsafeBufferPointer { tokens in
                doc.keyPool.withUnsafeBufferPointer { pool in
                  Gazetteer.headMasks.withUnsafeBufferPointer { headMasks in
                    // Pass 1: the cache, every token.
                    var laterCount = 0
                    for i in 0..<n {
                        // The cache entry of a token a few places ahead: its miss overlaps this token's.
                        if i &+ Gazetteer.prefetchDistance < n {
                            frn_prefetch(entries + Int(tokens[i &+ Gazetteer.prefetchDistance].keyHash & cacheMask))
                        }
                        let token = tokens[i]
                        let length = Int(token.keyLength)
                        let start = Int(token.keyStart)
                        // The first 8 units, zero beyond the key's length (a key that starts within 8
                        // units of the pool's end goes to the second pass).
                        let loadable = start &+ 8 <= pool.count
                        var head0: UInt64 = 0, head1: UInt64 = 0
                        if _fastPath(loadable) {
                            let raw = UnsafeRawPointer(pool.baseAddress! + start)
                            let masks = headMasks[min(length, 8)]
                            head0 = raw.loadUnaligned(as: UInt64.self) & masks.0
                            head1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & masks.1
                        }
                        let entry = entries[Int(token.keyHash & cacheMask)]
                        let differs = UInt64((entry.hash ^ token.keyHash) | (entry.length ^ UInt32(truncatingIfNeeded: length)))
                            | (entry.head0 ^ head0) | (entry.head1 ^ head1)
                        // 1 when the cache answers, else 0; then the id or -1, all without a branch.
                        let known = (differs == 0 ? 1 : 0) & (length <= 8 ? 1 : 0) & (loadable ? 1 : 0)
                        ids[i] = Int32(truncatingIfNeeded: (Int(entry.id) &+ 1) &* known &- 1)
                        later[laterCount] = Int32(truncatingIfNeeded: i)
                        laterCount &+= 1 &- known
                    }
                    // Pass 2: the tokens the cache did not answer, in text order.
                    keys.offsets.withUnsafeBufferPointer { offsets in
                        keys.pool.withUnsafeBufferPointer { tablePool in
                            keys.slots.withUnsafeBufferPointer { slots in
                                let slotMask = slots.count - 1
                                for k in 0..<laterCount {
                                    if k &+ Gazetteer.prefetchDistance < laterCount {
                                        let ahead = tokens[Int(later[k &+ Gazetteer.prefetchDistance])].keyHash
                                        frn_prefetch(slots.baseAddress! + KeyTable.slotIndex(hash: ahead, mask: slotMask))
                                    }
                                    let i = Int(later[k])
                                    let token = tokens[i]
                                    let length = Int(token.keyLength)
                                    let start = Int(token.keyStart)
                                    let units = UnsafeBufferPointer(rebasing: pool[start..<start + length])
                                    var head0: UInt64 = 0, head1: UInt64 = 0
                                    for k in 0..<min(length, 8) {
                                        if k < 4 { head0 |= UInt64(units[k]) << UInt64(16 * k) }
                                        else { head1 |= UInt64(units[k]) << UInt64(16 * (k - 4)) }
                                    }
                                    let slot = entries + Int(token.keyHash & cacheMask)
                                    let entry = slot.pointee
                                    if entry.hash == token.keyHash && entry.length == UInt32(length)
                                        && entry.head0 == head0 && entry.head1 == head1 {
                                        if length <= 8 {
                                            ids[i] = entry.id
                                            continue
                                        }
                                        // Cached long keys are known ones: compare the rest with the table's copy.
                                        let tableStart = Int(offsets[Int(entry.id)])
                                        if KeyTable.unitsEqual(tablePool.baseAddress! + tableStart + 8, units.baseAddress! + 8,
                                                               count: length - 8) {
                                            ids[i] = entry.id
                                            continue
                                        }
                                    }
                                    let id = keys.lookup(hash: token.keyHash, units: units)
                                    if length <= 8 || id >= 0 {
                                        slot.pointee = KeyCache.Entry(head0: head0, head1: head1, hash: token.keyHash, id: id,
                                                                      length: UInt32(length))
                                    }
                                    ids[i] = id
                                }
                            }
                        }
                    }
                  }
                }
            }
        }
    }

    /// The types of a match's entries, one bit per type (`1 << EntryType.rawValue`), leaving out
    /// exact-case entries whose case the text does not have. Reads the entry columns in place: it runs
    /// once per match of every document.
    ///
    /// - Complexity: O(entries of the match), and O(match length) more per exact-case entry.
    @inline(__always)
    func caseCheckedTypeBits(of match: GazetteerMatch, in doc: TokenizedText) -> UInt64 {
        let node = Int(match.node)
        // The entries that match whatever the case were summed up when the gazetteer was derived.
        let caseFreeBits = nodeCaseFreeTypeBits[node]
        guard nodeHasExactCaseEntries[node / 64] & (1 << UInt64(node % 64)) != 0 else { return caseFreeBits }
        return caseFreeBits | exactCaseTypeBits(of: match, in: doc)
    }

    /// The types of a match's exact-case entries whose case the text has (see `caseCheckedTypeBits`).
    ///
    /// - Complexity: O(entries of the match), and O(match length) more per exact-case entry.
    private func exactCaseTypeBits(of match: GazetteerMatch, in doc: TokenizedText) -> UInt64 {
        let exactCase = LexiconEntry.Flags.exactCase.rawValue
        let node = Int(match.node)
        let positions = Int(nodeEntryOffsets[node])..<Int(nodeEntryOffsets[node + 1])
        return nodeEntries.withUnsafeBufferPointer { nodeEntries in
            entryFlags.withUnsafeBufferPointer { flags in
                entryTypes.withUnsafeBufferPointer { types in
                    var bits: UInt64 = 0
                    for position in positions {
                        let entry = Int(nodeEntries[position])
                        guard flags[entry] & exactCase != 0 else { continue }
                        if !caseMatches(entry: entry, match: match, in: doc) { continue }
                        bits |= 1 << UInt64(types[entry])
                    }
                    return bits
                }
            }
        }
    }

    /// Every span of tokens that is a lexicon entry, ordered by start, then by end.
    /// - Parameter keyIDs: from `keyIDs(for:)`.
    public func matches(in doc: TokenizedText, keyIDs: ContiguousArray<Int32>) -> [GazetteerMatch] {
        var found: [GazetteerMatch] = []
        matches(in: doc, keyIDs: keyIDs, into: &found)
        return found
    }

    /// `matches(in:keyIDs:)`, written over `found` (its storage reused: a buffer kept from an earlier
    /// document).
    ///
    /// Two passes, as `keyIDs`: the first lists the tokens whose key starts an entry (one byte of
    /// `keyTrieFlags` each, read without a branch: about half of news tokens start one, in no pattern a
    /// branch predictor follows), the second walks the trie from each of them.
    func matches(in doc: TokenizedText, keyIDs: ContiguousArray<Int32>, into found: inout [GazetteerMatch]) {
        found.removeAll(keepingCapacity: true)
        found.reserveCapacity(doc.tokens.count / 2)
        guard !keyTrieFlags.isEmpty else { return } // no entry at all
        let n = doc.tokens.count
        let starts = KeyCache.current(for: keys).scratch(count: n)
        doc.tokens.withUnsafeBufferPointer { tokens in
            keyIDs.withUnsafeBufferPointer { keyIDs in
                    rootChildren.withUnsafeBufferPointer { rootChildren in
                    keyTrieFlags.withUnsafeBufferPointer { keyFlags in
                    edgeFilter.withUnsafeBufferPointer { filter in
                    // Pass 1: the tokens that start an entry. A key id outside the table (-1 among them)
                    // reads the last key's flags, masked to none.
                    let keyCount = UInt32(keyFlags.count)
                    var startCount = 0
                    for i in 0..<n {
                        if i &+ Gazetteer.prefetchDistance < n {
                            let ahead = UInt32(bitPattern: keyIDs[i &+ Gazetteer.prefetchDistance])
                            frn_prefetch(keyFlags.baseAddress! + Int(min(ahead, keyCount &- 1)))
                        }
                        let id = UInt32(bitPattern: keyIDs[i])
                        let known: UInt8 = id < keyCount ? 1 : 0
                        starts[startCount] = Int32(truncatingIfNeeded: i)
                        startCount &+= keyFlags[Int(min(id, keyCount &- 1))] & known & Gazetteer.startsEntry != 0 ? 1 : 0
                    }
                    // Pass 2: the walks.
                    let filterShift = edgeFilterShift
                    for k in 0..<startCount {
                        // The root edge of a start a few places ahead.
                        if k &+ Gazetteer.prefetchDistance < startCount {
                            frn_prefetch(rootChildren.baseAddress! + Int(keyIDs[Int(starts[k &+ Gazetteer.prefetchDistance])]))
                        }
                        let start = Int(starts[k])
                        // Node ids carry whether entries end there and whether it has children
                        // (`deriveLookupTables`): a step reads no per-node array.
                        var node = rootChildren[Int(keyIDs[start])]
                        var end = start + 1
                        while true {
                            if node & Gazetteer.nodeEndsEntries != 0 {
                                found.append(GazetteerMatch(start: Int32(start), end: Int32(end), node: node & Gazetteer.nodeIDMask,
                                                            index: Int32(found.count)))
                            }
                            // Hyphens inside a compound are transparent.
                            var next = end
                            if next < n, tokens[next].flags.contains(.hyphen), tokens[next].isJoinedToPrevious,
                               next + 1 < n, tokens[next + 1].isJoinedToPrevious {
                                next += 1
                            }
                            guard next < n, !tokens[next].flags.contains(.sentenceStart) else { break }
                            // A leaf, or a key that continues no entry, ends the walk without probing `edges`.
                            let key = keyIDs[next]
                            guard node & Gazetteer.nodeHasChildrenBit != 0, key >= 0, Int(key) < keyFlags.count,
                                  keyFlags[Int(key)] & Gazetteer.continuesEntry != 0 else { break }
                            // Most (node, key) pairs asked are no edge: the filter says so without a probe.
                            let edge = UInt64(node & Gazetteer.nodeIDMask) << 32 | UInt64(key)
                            if !filter.isEmpty {
                                let bit = Gazetteer.edgeFilterBit(edge, shift: filterShift)
                                if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { break }
                            }
                            guard let child = edges.get(edge) else { break }
                            node = child
                            end = next + 1
                        }
                    }
                    }
                    }
                    }
            }
        }
        #if FRENCHNER_INTERNAL_CHECKS
        checkMatchInvariants(found, tokenCount: doc.tokens.count)
        #endif
    }

    #if FRENCHNER_INTERNAL_CHECKS
    /// Matches are ordered by start then end, non-empty, inside the document, and never start or
    /// continue across a sentence start.
    func checkMatchInvariants(_ matches: [GazetteerMatch], tokenCount: Int) {
        var previous: GazetteerMatch?
        for match in matches {
            precondition(match.start >= 0 && match.start < match.end && Int(match.end) <= tokenCount, "match out of bounds")
            if let previous {
                precondition(previous.start < match.start || (previous.start == match.start && previous.end < match.end),
                             "matches out of order")
            }
            previous = match
        }
    }
    #endif
}

extension ContiguousArray {
    /// Makes the array `count` elements long for a caller that then writes every element: elements
    /// are only dropped or appended (as `filler`), the storage kept when it is large enough.
    @inline(__always)
    mutating func resizeForOverwrite(_ count: Int, filler: Element) {
        if self.count > count {
            removeLast(self.count - count)
        } else if self.count < count {
            append(contentsOf: repeatElement(filler, count: count - self.count))
        }
    }
}

extension ContiguousArray where Element == Int32 {
    /// `resizeForOverwrite(_:filler:)` with 0.
    @inline(__always)
    mutating func resizeForOverwrite(_ count: Int) { resizeForOverwrite(count, filler: 0) }
}
