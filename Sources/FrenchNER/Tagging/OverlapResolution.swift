/// Resolving overlapping candidates: **longest span first, then the higher score, then the earlier
/// start**; a candidate that overlaps one already kept is dropped.
///
/// ```
/// candidates: [Banque de France|ORG 4.0] [France|LOC 3.5]   →  kept: [Banque de France|ORG]
/// candidates: [Paris|LOC 3.5] [Paris|PER 0.9]               →  kept: [Paris|LOC]
/// ```
/// - Complexity: O(n log n) in the number of candidates.
enum OverlapResolution {
    static func resolve(_ candidates: [Candidate], tokenCount: Int) -> [Candidate] {
        // Small keys are sorted, not the candidates; the index breaks the last ties, as a stable sort
        // of the candidates would.
        struct Key {
            var length: Int32, start: Int32, index: Int32
            var score: Double
        }
        var keys = ContiguousArray<Key>()
        keys.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() {
            keys.append(Key(length: Int32(candidate.length), start: Int32(candidate.start), index: Int32(index),
                            score: candidate.score))
        }
        keys.sort {
            if $0.length != $1.length { return $0.length > $1.length }
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.start != $1.start { return $0.start < $1.start }
            return $0.index < $1.index
        }
        var taken = [Bool](repeating: false, count: tokenCount + 1)
        // The kept candidates (indices), and for each `start << 32 | its place among them`: sorting these
        // integers puts the kept in text order as a stable sort by start would, moving 8 bytes, not a
        // candidate.
        var kept = ContiguousArray<Int32>()
        var order = ContiguousArray<UInt64>()
        kept.reserveCapacity(keys.count)
        order.reserveCapacity(keys.count)
        for key in keys {
            let range = Int(key.start)..<(Int(key.start) + Int(key.length))
            if range.contains(where: { taken[$0] }) { continue }
            for i in range { taken[i] = true }
            order.append(UInt64(UInt32(bitPattern: key.start)) << 32 | UInt64(kept.count))
            kept.append(key.index)
        }
        // Kept candidates do not overlap: in text order.
        order.sort()
        return order.map { candidates[Int(kept[Int($0 & 0xFFFF_FFFF)])] }
    }
}
