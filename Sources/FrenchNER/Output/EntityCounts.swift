/// Entities counted by name and label, for "who is mentioned most": each name is the entity's canonical
/// form (`OTAN` and `Organisation du traité de l'Atlantique nord` count together) or, without one, its
/// text; `documents` counts the documents that mention it, `mentions` every mention. Optionally grouped
/// by a value of each document (a pass-through field such as `date`).
///
/// ```swift
/// var counts = EntityCounts()
/// counts.add(tagger.entities(in: "Emmanuel Macron est à Paris. L'OTAN aussi."))
/// counts.add(tagger.entities(in: "Emmanuel Macron et l'Organisation du traité de l'Atlantique nord."))
/// for row in counts.rows() { print(row.label, row.name, row.documents, row.mentions) }
/// // PER Emmanuel Macron 2 2
/// // ORG Organisation du traité de l'Atlantique nord 2 2
/// // LOC Paris 1 1
/// ```
public struct EntityCounts: Sendable {
    public struct Key: Hashable, Sendable {
        /// The group (the `--by` field's value), nil when not grouped.
        public var group: String?
        public var label: EntityLabel
        public var name: String
    }

    public struct Row: Sendable, Equatable {
        public var group: String?
        public var label: EntityLabel
        public var name: String
        public var documents: Int
        public var mentions: Int
    }

    private var tallies: [Key: (documents: Int, mentions: Int)] = [:]
    /// The documents added.
    public private(set) var documentCount = 0

    public init() {}

    /// The name an entity is counted under: its canonical form, else its text.
    public static func name(of entity: Entity) -> String { entity.canonical ?? entity.text }

    /// Adds one document's entities.
    public mutating func add(_ entities: [Entity], group: String? = nil) {
        add(names: entities.map { (label: $0.label, name: EntityCounts.name(of: $0)) }, group: group)
    }

    /// Adds one document, given as (label, name) per mention.
    public mutating func add(names: [(label: EntityLabel, name: String)], group: String? = nil) {
        documentCount += 1
        var seen = Set<Key>()
        for mention in names {
            let key = Key(group: group, label: mention.label, name: mention.name)
            let first = seen.insert(key).inserted
            tallies[key, default: (0, 0)].mentions += 1
            if first { tallies[key, default: (0, 0)].documents += 1 }
        }
    }

    /// The counts, by group, then label (PER, ORG, LOC), then most mentions, most documents, name; at most
    /// `top` names per group and label.
    public func rows(top: Int? = nil) -> [Row] {
        let order: [EntityLabel: Int] = [.person: 0, .organisation: 1, .location: 2]
        let sorted = tallies.map { Row(group: $0.key.group, label: $0.key.label, name: $0.key.name,
                                       documents: $0.value.documents, mentions: $0.value.mentions) }
            .sorted { a, b in
                if a.group != b.group { return (a.group ?? "") < (b.group ?? "") }
                if a.label != b.label { return order[a.label]! < order[b.label]! }
                if a.mentions != b.mentions { return a.mentions > b.mentions }
                if a.documents != b.documents { return a.documents > b.documents }
                return a.name < b.name
            }
        guard let top else { return sorted }
        var kept: [Row] = []
        var current: (String?, EntityLabel)?
        var taken = 0
        for row in sorted {
            if current?.0 != row.group || current?.1 != row.label {
                current = (row.group, row.label)
                taken = 0
            }
            if taken < top { kept.append(row); taken += 1 }
        }
        return kept
    }

    /// Output formats of the counts.
    public enum Format: String, Sendable, CaseIterable {
        case tsv, csv, jsonl
    }

    /// The rows in a format: a header (TSV, CSV) then one line per row; `groupField` names the group
    /// column (first), present only when grouped.
    public static func format(_ rows: [Row], as format: Format, groupField: String?) -> [UInt8] {
        var out: [UInt8] = []
        switch format {
        case .tsv, .csv:
            func row(_ fields: [String]) -> [UInt8] { format == .csv ? CSV.row(fields) : TSV.row(fields) }
            out += row((groupField.map { [$0] } ?? []) + ["label", "name", "documents", "mentions"])
            for r in rows {
                out += row((groupField == nil ? [] : [r.group ?? ""]) + [r.label.rawValue, r.name, String(r.documents), String(r.mentions)])
            }
        case .jsonl:
            for r in rows {
                var json = JSONWriter()
                json.objectStart()
                if let groupField { json.key(groupField); json.string(r.group ?? "") }
                json.key("label"); json.string(r.label.rawValue)
                json.key("name"); json.string(r.name)
                json.key("documents"); json.int(r.documents)
                json.key("mentions"); json.int(r.mentions)
                json.objectEnd()
                json.newline()
                out += json.bytes
            }
        }
        return out
    }
}
