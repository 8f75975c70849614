import CFrenchICU

/// The gazetteer's scans over a document's token buffers: every pointer into the tokens, their key
/// pool and the trie's arrays is taken here, and nowhere else in the gazetteer (the key table keeps its
/// own in `KeyTable.swift`). With `FRENCHNER_INTERNAL_CHECKS` (debug builds) the results are checked.
extension Gazetteer {
    /// How many tokens ahead the scans ask for the table slots they will read (`frn_prefetch`).
    static let prefetchDistance = 8

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
    func keyIDs(for doc: TokenizedText, into ids: inout ContiguousArray<Int32>) {
        let n = doc.tokens.count
        let cache = KeyCache.current(for: keys)
        let entries = cache.entries
        let cacheMask = UInt32(KeyCache.capacity - 1)
        ids.resizeForOverwrite(n)
        ids.withUnsafeMutableBufferPointer { ids in
            doc.tokens.withUnsafeBufferPointer { tokens in
                doc.keyPool.withUnsafeBufferPointer { pool in
                    keys.offsets.withUnsafeBufferPointer { offsets in
                        keys.pool.withUnsafeBufferPointer { tablePool in
                          keys.slots.withUnsafeBufferPointer { slots in
                            let slotMask = slots.count - 1
                            for i in 0..<n {
                                // The cache entry and the table slot of a token a few places ahead: its
                                // misses overlap this token's.
                                if i &+ Gazetteer.prefetchDistance < n {
                                    let ahead = tokens[i &+ Gazetteer.prefetchDistance].keyHash
                                    frn_prefetch(entries + Int(ahead & cacheMask))
                                    frn_prefetch(slots.baseAddress! + KeyTable.slotIndex(hash: ahead, mask: slotMask))
                                }
                                let token = tokens[i]
                                let length = Int(token.keyLength)
                                let start = Int(token.keyStart)
                                let units = UnsafeBufferPointer(rebasing: pool[start..<start + length])
                                // The first 8 units, zero beyond the key's length.
                                var head0: UInt64 = 0, head1: UInt64 = 0
                                if start + 8 <= pool.count {
                                    let raw = UnsafeRawPointer(pool.baseAddress! + start)
                                    head0 = raw.loadUnaligned(as: UInt64.self)
                                    head1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                                    if length < 4 {
                                        head0 &= (1 &<< UInt64(16 * length)) &- 1
                                        head1 = 0
                                    } else if length < 8 {
                                        head1 &= (1 &<< UInt64(16 * (length - 4))) &- 1
                                    }
                                } else {
                                    for k in 0..<min(length, 8) {
                                        if k < 4 { head0 |= UInt64(units[k]) << UInt64(16 * k) }
                                        else { head1 |= UInt64(units[k]) << UInt64(16 * (k - 4)) }
                                    }
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
    func matches(in doc: TokenizedText, keyIDs: ContiguousArray<Int32>, into found: inout [GazetteerMatch]) {
        found.removeAll(keepingCapacity: true)
        found.reserveCapacity(doc.tokens.count / 2)
        doc.tokens.withUnsafeBufferPointer { tokens in
            keyIDs.withUnsafeBufferPointer { keyIDs in
                    let n = tokens.count
                    rootChildren.withUnsafeBufferPointer { rootChildren in
                    keyTrieFlags.withUnsafeBufferPointer { keyFlags in
                    edgeFilter.withUnsafeBufferPointer { filter in
                    let filterShift = edgeFilterShift
                    for start in 0..<n {
                        // The key facts of a token a few places ahead (see `keyIDs`).
                        if start &+ Gazetteer.prefetchDistance < n {
                            let ahead = Int(keyIDs[start &+ Gazetteer.prefetchDistance])
                            if ahead >= 0 && ahead < keyFlags.count {
                                frn_prefetch(keyFlags.baseAddress! + ahead)
                                frn_prefetch(rootChildren.baseAddress! + ahead)
                            }
                        }
                        // Most tokens start no entry: one byte of `keyTrieFlags` says so.
                        let first = keyIDs[start]
                        if first < 0 || Int(first) >= keyFlags.count || keyFlags[Int(first)] & Gazetteer.startsEntry == 0 {
                            continue
                        }
                        // Node ids carry whether entries end there and whether it has children
                        // (`deriveLookupTables`): a step reads no per-node array.
                        var node = rootChildren[Int(first)]
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
