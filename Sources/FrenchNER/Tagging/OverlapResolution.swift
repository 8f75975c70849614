/// Resolving overlapping candidates: **longest span first, then the higher score, then the earlier
/// start**; a candidate that overlaps one already kept is dropped.
///
/// ```
/// candidates: [Banque de France|ORG 4.0] [France|LOC 3.5]   →  kept: [Banque de France|ORG]
/// candidates: [Paris|LOC 3.5] [Paris|PER 0.9]               →  kept: [Paris|LOC]
/// ```
///
/// Only candidates that overlap, directly or through others, decide between each other: the candidates
/// are ordered by start and cut into groups of overlapping spans; a candidate alone in its group is
/// kept, and each larger group is resolved by the order above. The result is the same as resolving
/// all candidates in that order at once.
/// - Complexity: O(n log n) in the number of candidates.
enum OverlapResolution {
    static func resolve(_ candidates: [Candidate], tokenCount: Int) -> [Candidate] {
        // Groups rely on non-empty spans (an empty one overlaps nothing but would share a start).
        guard candidates.allSatisfy({ $0.start < $0.end && $0.start >= 0 }) else {
            return resolveAll(candidates, tokenCount: tokenCount)
        }
        // `start << 32 | index`, sorted: the candidates by start, then in list order.
        var byStart = ContiguousArray<UInt64>()
        byStart.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() {
            byStart.append(UInt64(candidate.start) << 32 | UInt64(index))
        }
        byStart.sort()
        var kept: [Candidate] = []
        kept.reserveCapacity(candidates.count)
        var group = ContiguousArray<Int32>()
        // Working lists that serve every group.
        var keys = ContiguousArray<Key>()
        var taken = ContiguousArray<Bool>()
        var order = ContiguousArray<UInt64>()
        var g = 0
        while g < byStart.count {
            let first = Int(byStart[g] & 0xFFFF_FFFF)
            var groupEnd = candidates[first].end
            var next = g + 1
            while next < byStart.count, Int(byStart[next] >> 32) < groupEnd {
                groupEnd = max(groupEnd, candidates[Int(byStart[next] & 0xFFFF_FFFF)].end)
                next += 1
            }
            if next == g + 1 {
                kept.append(candidates[first])
            } else {
                group.removeAll(keepingCapacity: true)
                for k in g..<next { group.append(Int32(truncatingIfNeeded: byStart[k] & 0xFFFF_FFFF)) }
                resolveGroup(group, of: candidates, from: Int(byStart[g] >> 32), to: groupEnd, into: &kept,
                             keys: &keys, taken: &taken, order: &order)
            }
            g = next
        }
        return kept
    }

    /// Sort keys: small values are sorted, not the candidates; the index breaks the last ties, as a
    /// stable sort of the candidates would.
    private struct Key {
        var length: Int32, start: Int32, index: Int32
        var score: Double
    }

    @inline(__always)
    private static func precedes(_ a: Key, _ b: Key) -> Bool {
        if a.length != b.length { return a.length > b.length }
        if a.score != b.score { return a.score > b.score }
        if a.start != b.start { return a.start < b.start }
        return a.index < b.index
    }

    /// Resolves one group of overlapping candidates (indices into `candidates`, covering tokens
    /// `from..<to`) and appends the kept ones in text order.
    private static func resolveGroup(_ group: ContiguousArray<Int32>, of candidates: [Candidate], from: Int, to: Int,
                                     into kept: inout [Candidate], keys: inout ContiguousArray<Key>,
                                     taken: inout ContiguousArray<Bool>, order: inout ContiguousArray<UInt64>) {
        keys.removeAll(keepingCapacity: true)
        for index in group {
            let candidate = candidates[Int(index)]
            keys.append(Key(length: Int32(candidate.length), start: Int32(candidate.start), index: index,
                            score: candidate.score))
        }
        keys.sort(by: precedes)
        taken.removeAll(keepingCapacity: true)
        taken.append(contentsOf: repeatElement(false, count: to - from))
        // Kept candidates do not overlap and are not empty: their starts differ, and sort them.
        order.removeAll(keepingCapacity: true)
        for key in keys {
            let range = (Int(key.start) - from)..<(Int(key.start) - from + Int(key.length))
            if range.contains(where: { taken[$0] }) { continue }
            for i in range { taken[i] = true }
            order.append(UInt64(UInt32(bitPattern: key.start)) << 32 | UInt64(UInt32(bitPattern: key.index)))
        }
        order.sort()
        for value in order { kept.append(candidates[Int(value & 0xFFFF_FFFF)]) }
    }

    /// The resolution over all candidates at once, in one order (any spans; `resolve` gives the same).
    static func resolveAll(_ candidates: [Candidate], tokenCount: Int) -> [Candidate] {
        var keys = ContiguousArray<Key>()
        keys.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() {
            keys.append(Key(length: Int32(candidate.length), start: Int32(candidate.start), index: Int32(index),
                            score: candidate.score))
        }
        keys.sort(by: precedes)
        var taken = [Bool](repeating: false, count: tokenCount + 1)
        var kept: [Candidate] = []
        kept.reserveCapacity(candidates.count)
        for key in keys {
            let candidate = candidates[Int(key.index)]
            if candidate.range.contains(where: { taken[$0] }) { continue }
            for i in candidate.range { taken[i] = true }
            kept.append(candidate)
        }
        // Kept candidates do not overlap: in text order.
        kept.sort { $0.start < $1.start }
        return kept
    }
}
