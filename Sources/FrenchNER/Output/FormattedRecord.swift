/// One input record decoded, tagged and formatted (what `frner tag` writes for it), made on a worker
/// thread and written in input order.
public struct FormattedRecord: Sendable {
    /// The output record (brat: the `.ann` file).
    public var bytes: [UInt8]
    /// Why the record could not be read, if it could not.
    public var error: String?
    /// `file:line` for messages.
    public var location: String
    public var id: String
    /// The labels of the entities written.
    public var labels: [EntityLabel] = []
    /// For brat: what the file name is made from (the input file for text input, else the id), and the text.
    public var name: String
    public var text: [UInt8] = []

    /// Decodes, tags (keeping `labels` only) and formats one record.
    public init(_ record: RawRecord, settings: InputSettings, tagger: Tagger, formatter: DocumentFormatter,
                labels: Set<EntityLabel>) {
        let document = settings.decode(record)
        location = document.location
        id = document.id
        name = record.format == .text ? record.file : document.id
        let passthrough = document.passthrough.map { (key: $0.key, raw: $0.raw) }
        switch document.text {
        case .failure(let failure):
            error = failure.message
            bytes = formatter.errorRecord(idJSON: document.idJSON, id: document.id, message: failure.message, passthrough: passthrough)
        case .success(let text):
            let tagged = tagger.tag(text)
            let entities = labels.count == EntityLabel.allCases.count ? tagged.entities : tagged.entities.filter { labels.contains($0.label) }
            bytes = formatter.record(idJSON: document.idJSON, id: document.id, passthrough: passthrough, tagged: tagged, entities: entities)
            self.labels = entities.map(\.label)
            if formatter.format == .brat { self.text = Array(text.string.utf8) }
        }
    }
}

extension EntityCounts {
    /// One input record decoded and tagged for counting: its names (`EntityCounts.name(of:)`) of the
    /// given labels, its group (the value of `groupField`, empty when missing), or why it could not be read.
    public struct Tally: Sendable {
        public var names: [(label: EntityLabel, name: String)] = []
        public var group: String?
        public var error: String?
        public var location: String

        public init(_ record: RawRecord, settings: InputSettings, tagger: Tagger, labels: Set<EntityLabel>, groupField: String?) {
            let document = settings.decode(record)
            location = document.location
            if let groupField {
                group = document.passthrough.first { $0.key == groupField }.map { PassthroughValue.text($0.raw) } ?? ""
            }
            switch document.text {
            case .failure(let failure):
                error = failure.message
            case .success(let text):
                names = tagger.tag(text).entities.filter { labels.contains($0.label) }.map { (label: $0.label, name: EntityCounts.name(of: $0)) }
            }
        }
    }
}
