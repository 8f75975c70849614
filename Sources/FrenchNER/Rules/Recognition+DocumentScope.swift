/// The scope of the document rules: the mentions of one name form chains, each mention at most
/// `RuleWeights.documentScopeSentences` sentences after the previous one; a mention lends its label only
/// within its chain. A novel that names `Julien` every few pages keeps one chain from `Julien Sorel` on;
/// a document made of unrelated parts (Wikipedia sentences, a batch of articles, a long report) breaks
/// its chains between parts, and is read like its parts. Function words never lend or take a label
/// (`Il`, `La`, `De`, `Pour`).
extension Recognition {
    /// Chains of mentions by name (mentions must come in document order). Every chain gets a dense id
    /// (0, 1, 2… in order of first mention), so that what the document rules keep per chain lives in
    /// arrays indexed by it (`ChainTable`) rather than in dictionaries.
    struct NameChains {
        let scope: Int
        /// A name: its key, the sentence of its last mention and its current chain's id.
        struct Name {
            var key: UInt64
            var last: Int32
            var current: Int32
        }
        /// An open-addressing table of names: `index + 1` in `names` in each slot, 0 for an empty slot.
        /// Name keys are hashes already: a multiply and a shift place them, no `Hasher`.
        private var slots: ContiguousArray<Int32>
        private var names = ContiguousArray<Name>()
        /// The number of chains so far (the next chain's id).
        private(set) var count = 0

        /// - Parameters:
        ///   - capacity: about how many names will be looked up (the table grows past it).
        ///   - slots, names: arrays whose storage the table reuses (`storage`, from an earlier document).
        init(scope: Int, capacity: Int = 0, slots: ContiguousArray<Int32> = [], names: ContiguousArray<Name> = []) {
            self.scope = scope
            var size = 16
            while size < 2 * capacity { size *= 2 }
            self.slots = slots
            self.slots.removeAll(keepingCapacity: true)
            self.slots.append(contentsOf: repeatElement(0, count: size))
            self.names = names
            self.names.removeAll(keepingCapacity: true)
            self.names.reserveCapacity(capacity)
        }

        /// The table's arrays, for a later table to reuse.
        var storage: (slots: ContiguousArray<Int32>, names: ContiguousArray<Name>) { (slots, names) }

        /// The chain of a mention of `key` in `sentence`: the previous mention's chain when that one is
        /// at most `scope` sentences back, else a new chain.
        /// - Complexity: O(1) expected; the table doubles at half load.
        mutating func chain(_ key: UInt64, sentence: Int) -> ChainKey {
            var mask = slots.count - 1
            var slot = NameChains.slot(key, mask)
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { break }
                if names[entry - 1].key == key {
                    if sentence - Int(names[entry - 1].last) > scope {
                        names[entry - 1].current = Int32(count)
                        count += 1
                    }
                    names[entry - 1].last = Int32(sentence)
                    return ChainKey(name: key, chain: names[entry - 1].current)
                }
                slot = (slot + 1) & mask
            }
            if (names.count + 1) * 2 > slots.count {
                grow()
                mask = slots.count - 1
                slot = NameChains.slot(key, mask)
                while slots[slot] != 0 { slot = (slot + 1) & mask }
            }
            let chain = Int32(count)
            count += 1
            names.append(Name(key: key, last: Int32(sentence), current: chain))
            slots[slot] = Int32(names.count)
            return ChainKey(name: key, chain: chain)
        }

        @inline(__always)
        private static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        }

        private mutating func grow() {
            slots = ContiguousArray(repeating: 0, count: slots.count * 2)
            let mask = slots.count - 1
            for (index, name) in names.enumerated() {
                var slot = NameChains.slot(name.key, mask)
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index + 1)
            }
        }
    }

    /// A name and one chain of its mentions: `chain` is the chain's dense id (`NameChains`), unique in
    /// the document, so two keys are equal when their chains are.
    struct ChainKey: Hashable {
        var name: UInt64
        var chain: Int32
    }

    /// A value per chain, by the chain's dense id, growing as chains appear.
    struct ChainTable<Value> {
        private var values: ContiguousArray<Value>
        private let initial: Value

        /// - Parameters:
        ///   - capacity: about how many chains there will be (the table grows past it).
        ///   - storage: an array whose storage the table reuses (`storage`, from an earlier document).
        init(_ initial: Value, capacity: Int = 0, storage: ContiguousArray<Value> = []) {
            self.initial = initial
            values = storage
            values.removeAll(keepingCapacity: true)
            values.reserveCapacity(capacity)
        }

        /// The table's array, for a later table to reuse.
        var storage: ContiguousArray<Value> { values }

        subscript(_ key: ChainKey) -> Value {
            get { Int(key.chain) < values.count ? values[Int(key.chain)] : initial }
            set {
                let id = Int(key.chain)
                // The array's own growth is geometric; only the values up to `id` are written (chains
                // appear one at a time: usually one value).
                while id >= values.count { values.append(initial) }
                values[id] = newValue
            }
        }
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
    func sentenceIndices(of candidates: [Candidate], reusing storage: [Int] = []) -> [Int] {
        var indices = storage
        indices.removeAll(keepingCapacity: true)
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
