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
        let ordered = candidates.sorted {
            if $0.length != $1.length { return $0.length > $1.length }
            if $0.score != $1.score { return $0.score > $1.score }
            return $0.start < $1.start
        }
        var taken = [Bool](repeating: false, count: tokenCount + 1)
        var kept: [Candidate] = []
        for candidate in ordered {
            if candidate.range.contains(where: { taken[$0] }) { continue }
            for i in candidate.range { taken[i] = true }
            kept.append(candidate)
        }
        return kept.sorted { $0.start < $1.start }
    }
}
