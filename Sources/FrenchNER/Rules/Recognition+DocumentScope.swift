/// The scope of the document rules: the mentions of one name form chains, each mention at most
/// `RuleWeights.documentScopeSentences` sentences after the previous one; a mention lends its label only
/// within its chain. A novel that names `Julien` every few pages keeps one chain from `Julien Sorel` on;
/// a document made of unrelated parts (Wikipedia sentences, a batch of articles, a long report) breaks
/// its chains between parts, and is read like its parts. Function words never lend or take a label
/// (`Il`, `La`, `De`, `Pour`).
extension Recognition {
    /// Chains of mentions by name (mentions must come in document order).
    struct NameChains {
        let scope: Int
        private var state: [UInt64: (last: Int32, chain: Int32)] = [:]

        init(scope: Int) { self.scope = scope }

        /// The chain of a mention of `key` in `sentence`: the previous mention's chain when that one is
        /// at most `scope` sentences back, else a new chain.
        mutating func chain(_ key: UInt64, sentence: Int) -> ChainKey {
            guard var current = state[key] else {
                state[key] = (Int32(sentence), 0)
                return ChainKey(name: key, chain: 0)
            }
            if sentence - Int(current.last) > scope { current.chain += 1 }
            current.last = Int32(sentence)
            state[key] = current
            return ChainKey(name: key, chain: current.chain)
        }
    }

    /// A name and one chain of its mentions.
    struct ChainKey: Hashable {
        var name: UInt64
        var chain: Int32
    }

    /// Mentions of names by key, in document order, each with its sentence; answers "the nearest mention
    /// of this name within the scope" with a binary search.
    struct ScopedMentions<Value> {
        private var mentions: [UInt64: [(sentence: Int32, value: Value)]] = [:]

        /// Adds a mention; sentences must come in non-decreasing order for each key.
        mutating func add(_ key: UInt64, sentence: Int, _ value: Value) {
            mentions[key, default: []].append((Int32(sentence), value))
        }

        /// Replaces the value of the last mention of `key` in `sentence`, or adds one.
        mutating func merge(_ key: UInt64, sentence: Int, _ value: Value, _ combine: (Value, Value) -> Value) {
            if var list = mentions[key], let last = list.last, Int(last.sentence) == sentence {
                list[list.count - 1].value = combine(last.value, value)
                mentions[key] = list
            } else {
                add(key, sentence: sentence, value)
            }
        }

        /// The value of the mention of `key` nearest to `sentence`, if one lies within `scope` sentences
        /// (ties: the earlier mention).
        func nearest(_ key: UInt64, sentence: Int, scope: Int) -> Value? {
            guard let list = mentions[key] else { return nil }
            // First mention at or after `sentence`.
            var low = 0, high = list.count
            while low < high {
                let middle = (low + high) / 2
                if Int(list[middle].sentence) < sentence { low = middle + 1 } else { high = middle }
            }
            let after = low < list.count ? list[low] : nil
            let before = low > 0 ? list[low - 1] : nil
            let afterDistance = after.map { Int($0.sentence) - sentence } ?? Int.max
            let beforeDistance = before.map { sentence - Int($0.sentence) } ?? Int.max
            if afterDistance == 0 { return after!.value }
            if beforeDistance <= afterDistance, beforeDistance <= scope { return before!.value }
            if afterDistance <= scope { return after!.value }
            return nil
        }
    }

    /// Person entries, and first names and surnames (which are evidence, not entities).
    static let personTypes: UInt64 = EntryType.allCases.filter { $0.label == .person }.reduce(0) { $0 | bit($1) }
        | bit(.personFirst) | bit(.personLast)
    static let placeOrOrganisationTypes: UInt64 = EntryType.allCases.filter { $0.label == .location || $0.label == .organisation }
        .reduce(0) { $0 | bit($1) }

    /// The sentence of each candidate (candidates ordered by start).
    func sentenceIndices(of candidates: [Candidate]) -> [Int] {
        var indices: [Int] = []
        indices.reserveCapacity(candidates.count)
        var sentence = 0
        let sentences = doc.sentences
        for candidate in candidates {
            while sentence + 1 < sentences.count && Int(sentences[sentence].tokenEnd) <= candidate.start { sentence += 1 }
            indices.append(sentence)
        }
        return indices
    }

    /// A closed-class word: determiner, pronoun, preposition, conjunction (`Il`, `La`, `De`, `Pour`),
    /// article, name particle or sentence opener.
    func isClosedClass(_ i: Int) -> Bool {
        commonClasses(i).contains(.grammatical) || commonClasses(i).contains(.function)
            || !roles[i].isDisjoint(with: [.article, .nameParticle, .secondParticle, .sentenceOpener, .coordination])
    }

    /// Whether every word of a span is a closed-class word: such a span never lends or takes a label.
    func isOnlyClosedClass(_ range: Range<Int>) -> Bool {
        for i in range where !tokens[i].flags.contains(.hyphen) && !isClosedClass(i) { return false }
        return true
    }
}
