#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Mines candidate lexicon entries and context patterns from unlabelled text (`frner learn`): names
/// typed with sure evidence (a strong cue, a definition, the surname of a person named in full; names a
/// lexicon already knows and single common words such as `Santé` are left out),
/// with their label counts, the rules that typed them, how often all their mentions agree, and two
/// example contexts. Nothing is applied: the user reviews the list and passes it back with `--lexicon`.
///
/// ```swift
/// var learner = LexiconLearner()
/// for text in texts { learner.add(tagger.names(in: TextBuffer(text), detail: true)) }
/// print(learner.lexiconTSV(learner.entries(minimumCount: 3, minimumAgreement: 0.9)))
/// ```
///
/// Bounded like `CorpusMemory`: at most `capacity` names (default 2^20); new names beyond are refused.
public struct LexiconLearner: Sendable {
    struct Name: Sendable {
        var spellings: [String: Int] = [:]
        /// Documents typing the name surely, by label.
        var sure = CorpusMemory.Counts()
        /// All mentions tagged, by label.
        var all = CorpusMemory.Counts()
        /// Sure mentions by source, per label.
        var sources: [EntityLabel: [String: Int]] = [:]
        var examples: [EntityLabel: [String]] = [:]
        var known = false
        var commonWord = false
    }

    public let capacity: Int
    var names: [UInt64: Name] = [:]
    var neighbours: [ContextWord: Int] = [:]
    /// Observations of new names refused because the table was full.
    public private(set) var refusedNames = 0
    public private(set) var documents = 0

    public init(capacity: Int = CorpusMemory.defaultCapacity) { self.capacity = capacity }

    /// Adds one document's names (from `Tagger.names(in:detail: true)`).
    public mutating func add(_ document: DocumentNames) {
        documents += 1
        var counted = Set<NameObservation.Key>()
        for observation in document.sure {
            guard reserve(observation.name) else { continue }
            var name = names[observation.name]!
            if counted.insert(observation.key).inserted { name.sure[observation.label] += 1 }
            name.known = name.known || observation.known || observation.source == "lexicon"
            name.commonWord = name.commonWord || observation.commonWord
            name.spellings[observation.text, default: 0] += 1
            name.sources[observation.label, default: [:]][observation.source, default: 0] += 1
            if name.examples[observation.label, default: []].count < 2 {
                name.examples[observation.label, default: []].append(observation.context)
            }
            names[observation.name] = name
        }
        for observation in document.all where names[observation.name] != nil {
            names[observation.name]!.all[observation.label] += 1
        }
        var seen = Set<ContextWord>()
        for word in document.neighbours where seen.insert(word).inserted { neighbours[word, default: 0] += 1 }
    }

    private mutating func reserve(_ name: UInt64) -> Bool {
        if names[name] != nil { return true }
        guard names.count < capacity else {
            refusedNames += 1
            return false
        }
        names[name] = Name()
        return true
    }

    /// The learned entries: names no lexicon knows, typed surely in at least `minimumCount` documents
    /// with one label, which at least `minimumAgreement` of all their tagged mentions share; most
    /// confident first (`LearnedEntry.confidence`).
    public func entries(minimumCount: Int = 2, minimumAgreement: Double = 0.9) -> [LearnedEntry] {
        var entries: [LearnedEntry] = []
        for name in names.values where !name.known && !name.commonWord {
            let best = name.sure.best
            guard best.count >= minimumCount,
                  let text = name.spellings.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key,
                  text.first?.isUppercase == true,
                  // A short word that is no acronym is too ambiguous (`Di` of `Lady Di`, `Ier`).
                  text.contains(" ") || text.count > 3 || LexiconLearner.isAcronym(text) else { continue }
            let total = max(name.all.total, name.sure.total)
            let agreeing = min(max(name.all[best.label], best.count), total)
            let agreement = Double(agreeing) / Double(max(total, 1))
            guard agreement >= minimumAgreement else { continue }
            let sources = (name.sources[best.label] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            entries.append(LearnedEntry(text: text, label: best.label, documents: Int(best.count), mentions: Int(total),
                                        agreement: agreement, confidence: LexiconLearner.wilson(Int(agreeing), Int(total)) * (1 - 1 / Double(best.count + 1)),
                                        sources: sources.map { ($0.key, $0.value) }, examples: name.examples[best.label] ?? []))
        }
        return entries.sorted { ($1.confidence, $0.text) < ($0.confidence, $1.text) }
    }

    /// Lower-case words that stand next to names of one type in at least `minimumCount` documents, with
    /// at least `minimumAgreement` of them on that type: patterns for review, never applied.
    public func patterns(minimumCount: Int = 5, minimumAgreement: Double = 0.9) -> [LearnedPattern] {
        var byWord: [String: [ContextWord.Side: CorpusMemory.Counts]] = [:]
        for (word, count) in neighbours { byWord[word.word, default: [:]][word.side, default: .init()][word.label] += UInt32(count) }
        var patterns: [LearnedPattern] = []
        for (word, sides) in byWord {
            for (side, counts) in sides {
                let best = counts.best
                let agreement = Double(best.count) / Double(max(counts.total, 1))
                guard best.count >= minimumCount, agreement >= minimumAgreement else { continue }
                patterns.append(LearnedPattern(word: word, side: side, label: best.label, documents: Int(best.count), agreement: agreement))
            }
        }
        return patterns.sorted { ($1.documents, $0.word) < ($0.documents, $1.word) }
    }

    /// The entries as a user lexicon (`Lexicons/README.md`): six columns, then comment columns from the
    /// seventh on (`# documents=… mentions=… agreement=… confidence=…`, the sources, two examples).
    public func lexiconTSV(_ entries: [LearnedEntry]) -> String {
        var out = "# frner learn: \(entries.count) entries from \(documents) documents; review, then use with --lexicon\n"
        out += "# surface\ttype\tcanonical\tsource\tflags\timportance\t# documents mentions agreement confidence\tsources\texample\texample\n"
        for entry in entries {
            let type = switch entry.label {
            case .person: "PER.full"
            case .organisation: "ORG.other"
            case .location: "LOC.city"
            }
            let sources = entry.sources.map { "\($0.source):\($0.count)" }.joined(separator: ",")
            let stats = String(printf: "# documents=%ld mentions=%ld agreement=%.2f confidence=%.3f",
                               entry.documents, entry.mentions, entry.agreement, entry.confidence)
            // An acronym matches only in capitals (`STC`, not `Stc`).
            let flags = LexiconLearner.isAcronym(entry.text) ? "exact" : ""
            out += ([entry.text, type, "", "learned", flags, "B", stats, sources] + entry.examples).joined(separator: "\t") + "\n"
        }
        return out
    }

    /// The patterns as a table for review: `word side label documents agreement`.
    public func patternsTSV(_ patterns: [LearnedPattern]) -> String {
        var out = "# frner learn: context patterns for review (not applied): a lower-case word before or after names of one type\n"
        out += "# word\tside\tlabel\tdocuments\tagreement\n"
        for p in patterns {
            out += "\(p.word)\t\(p.side.rawValue)\t\(p.label.rawValue)\t\(p.documents)\t\(String(printf: "%.2f", p.agreement))\n"
        }
        return out
    }

    /// One word in capitals: `STC`, `OTAN`.
    static func isAcronym(_ text: String) -> Bool {
        !text.contains(" ") && text.contains { $0.isUppercase } && !text.contains { $0.isLowercase }
    }

    /// The lower bound of the 95 % Wilson interval of a proportion.
    static func wilson(_ successes: Int, _ total: Int) -> Double {
        guard total > 0 else { return 0 }
        let n = Double(total), p = Double(successes) / n, z = 1.96
        return (p + z * z / (2 * n) - z * ((p * (1 - p) + z * z / (4 * n)) / n).squareRoot()) / (1 + z * z / n)
    }
}

/// A candidate lexicon entry mined by `LexiconLearner`.
public struct LearnedEntry: Sendable {
    public var text: String
    public var label: EntityLabel
    /// Documents that type the name surely with `label`.
    public var documents: Int
    /// Mentions of the name tagged with any label.
    public var mentions: Int
    /// The share of those mentions tagged `label`.
    public var agreement: Double
    /// The Wilson lower bound of the agreement, scaled down for names seen in few documents.
    public var confidence: Double
    /// The sources of the sure mentions (a rule's name, `person-part`) and how often each typed it.
    public var sources: [(source: String, count: Int)]
    /// Up to two sentences with the name in brackets.
    public var examples: [String]
}

/// A context pattern mined by `LexiconLearner`: `société` before ORG.
public struct LearnedPattern: Sendable {
    public var word: String
    public var side: ContextWord.Side
    public var label: EntityLabel
    public var documents: Int
    public var agreement: Double
}
