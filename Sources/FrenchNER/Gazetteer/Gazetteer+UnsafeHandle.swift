#if canImport(Glibc)
import Glibc
#endif

/// The gazetteer's scans over a document's token buffers: every pointer into the tokens, their key
/// pool and the trie's arrays is taken here, and nowhere else in the gazetteer (the key table keeps its
/// own in `KeyTable.swift`). With `FRENCHNER_INTERNAL_CHECKS` (debug builds) the results are checked.
extension Gazetteer {
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
                                found.append(GazetteerMatch(start: Int32(start), end: Int32(end), node: node, index: Int32(found.count)))
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
        #if FRENCHNER_INTERNAL_CHECKS
        checkMatchInvariants(found, tokenCount: doc.tokens.count)
        #endif
        return found
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
