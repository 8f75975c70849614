/// What a batch has learned about its names: for each name typed with sure evidence somewhere in the
/// corpus, in how many documents it was typed PER, ORG and LOC. The second pass of
/// `frner tag --corpus-memory` tags with it (`Tagger.withCorpusMemory(_:)`, rule `corpus.same-name`).
///
/// ```swift
/// var memory = CorpusMemory()
/// for text in texts { memory.add(tagger.names(in: TextBuffer(text))) }   // pass 1
/// let remembering = tagger.withCorpusMemory(memory)
/// for text in texts { print(remembering.entities(in: text)) }            // pass 2
/// ```
///
/// Names are 64-bit hashes of their folded tokens (`Recognition.nameKey`), counted once per document.
/// The table is bounded: at most `capacity` names (default 2^20, about 40 MB); once full, new names are
/// refused (`refusedNames` counts them) and known names keep counting. Adding the documents in input order
/// makes the memory, and so the output, the same for any number of threads.
public struct CorpusMemory: Sendable {
    /// In how many documents a name was typed surely with each label.
    public struct Counts: PerLabel, Sendable, Hashable {
        public var person: UInt32 = 0
        public var organisation: UInt32 = 0
        public var location: UInt32 = 0
        /// In how many documents the name was typed, weakly or surely, with each label.
        public var typed = LabelCounts()

        public var total: UInt32 { person &+ organisation &+ location }

        /// The most frequent label and its count (ties: PER, ORG, LOC).
        public var best: (label: EntityLabel, count: UInt32) {
            var best = (label: EntityLabel.person, count: person)
            if organisation > best.count { best = (.organisation, organisation) }
            if location > best.count { best = (.location, location) }
            return best
        }
    }

    /// Counts per label.
    public struct LabelCounts: PerLabel, Sendable, Hashable {
        public var person: UInt32 = 0
        public var organisation: UInt32 = 0
        public var location: UInt32 = 0
    }

    /// The largest number of names the table holds.
    public let capacity: Int
    /// A name decides only when it was typed surely in at least this many documents.
    public var minimumCount: UInt32 = 2
    /// A weak mention takes the label most documents give its name (`corpus.majority`) only when at
    /// least this many documents do.
    public var minimumMajorityCount: UInt32 = 2
    /// … and when this share of them agree on its label.
    public var minimumAgreement = 0.8
    public private(set) var names: [UInt64: Counts] = [:]
    /// Observations of new names refused because the table was full.
    public private(set) var refusedNames = 0
    /// Documents added.
    public private(set) var documents = 0

    public static let defaultCapacity = 1 << 20

    public init(capacity: Int = CorpusMemory.defaultCapacity) {
        self.capacity = max(0, capacity)
    }

    /// Adds the names one document typed surely (each name and label counted once per document; an
    /// acronym the document defines counts as `minimumCount` documents, since a definition is decisive)
    /// and every name it typed, weakly or surely (`typed`, for `corpus.majority`).
    public mutating func add(_ document: DocumentNames) {
        documents += 1
        var seen = Set<NameObservation.Key>()
        for observation in document.sure where seen.insert(observation.key).inserted {
            add(name: observation.name, label: observation.label, count: observation.isDefinition ? minimumCount : 1)
        }
        var typed = Set<NameObservation.Key>()
        for observation in document.typed where typed.insert(observation.key).inserted {
            addTyped(name: observation.name, label: observation.label)
        }
    }

    /// Counts one sure typing of a name.
    public mutating func add(name: UInt64, label: EntityLabel, count: UInt32 = 1) {
        if names[name] == nil && names.count >= capacity {
            refusedNames += 1
            return
        }
        names[name, default: Counts()][label] &+= count
    }

    /// Counts one typing of a name, sure or weak.
    public mutating func addTyped(name: UInt64, label: EntityLabel) {
        if names[name] == nil && names.count >= capacity {
            refusedNames += 1
            return
        }
        names[name, default: Counts()].typed[label] &+= 1
    }

    /// The label most documents give a name by any evidence, weak or sure, for a mention now typed
    /// `current` (`corpus.majority`): PER or ORG, when at least `minimumMajorityCount` documents give it
    /// and at least twice as many as give `current` elsewhere (the mention's own document counted out);
    /// nil otherwise. A LOC majority is never taken: weak LOC votes are mostly a preposition before an
    /// unknown name (`au SNR`, `chez Whirlpool`), the reading the majority most often corrects.
    public func majorityLabel(of name: UInt64, current: EntityLabel) -> EntityLabel? {
        guard let typed = names[name]?.typed else { return nil }
        let best: EntityLabel = typed.organisation > typed.person ? .organisation : .person
        let elsewhere = typed[current] > 0 ? typed[current] - 1 : 0
        guard best != current, typed[best] > typed.location, typed[best] >= minimumMajorityCount,
              typed[best] >= 2 * max(1, elsewhere) else { return nil }
        return best
    }

    /// The label the corpus gives a name, or nil when it typed the name too rarely or too inconsistently.
    public func label(of name: UInt64) -> EntityLabel? {
        guard let counts = names[name] else { return nil }
        let best = counts.best
        guard best.count >= minimumCount, Double(best.count) >= minimumAgreement * Double(counts.total) else { return nil }
        return best.label
    }
}

/// One mention a document types: its name key, its label and, for `frner learn`, where it comes from.
public struct NameObservation: Sendable {
    struct Key: Hashable { var name: UInt64; var label: EntityLabel }
    /// The name's key (`Recognition.nameKey`): the same for every spelling that folds alike.
    public var name: UInt64
    public var label: EntityLabel
    /// What typed it: a rule's name (`organisation.apposition`), `lexicon`, or `person-part` for the
    /// surname of a person named in full.
    public var source: String = ""
    /// The name as written (empty unless asked for).
    public var text: String = ""
    /// The sentence around it, on one line, the name in brackets (empty unless asked for).
    public var context: String = ""
    /// Whether a lexicon already knows exactly this span (as anything), it opens with a function word
    /// (`Sur Twitter`), or it is a name only in its context (a minister's portfolio): `frner learn`
    /// leaves it out.
    public var known = false
    /// A single word that is also a common word (`Santé`, `Justice`).
    public var commonWord = false
    /// An acronym the document defines (`document.acronym`: `la Commission nationale d'investiture
    /// (CNI)`): one definition counts as `CorpusMemory.minimumCount` documents.
    public var isDefinition = false

    var key: Key { Key(name: name, label: label) }
}

/// What pass 1 learns from one document (`Tagger.names(in:detail:)`).
public struct DocumentNames: Sendable {
    /// Names typed with sure evidence: score ≥ `RuleWeights.sure` (a strong cue, a lexicon entry, a
    /// definition), and the surnames of persons named in full.
    public var sure: [NameObservation] = []
    /// Every entity of the document that `isRememberable` (name and label only), for the corpus's weak votes.
    public var typed: [NameObservation] = []
    /// Every entity of the document (name and label only), for agreement ratios.
    public var all: [NameObservation] = []
    /// Lower-case words right before or after a surely typed name, for learned context patterns.
    public var neighbours: [ContextWord] = []

    public init() {}
}

/// A lower-case word next to a name of one type (`société` before ORG).
public struct ContextWord: Sendable, Hashable {
    public enum Side: String, Sendable, Hashable { case before, after }
    /// The word's folded key.
    public var word: String
    public var side: Side
    public var label: EntityLabel
}
