/// The JSON Lines record of a tagged document, format version 1 (documented in `docs/FORMAT.md`):
///
/// ```json
/// {"id": "doc-1", "entities": [{"text": "Kiev", "label": "LOC", "start": 30, "end": 34,
///   "byteStart": 30, "byteEnd": 34, "source": "lexicon:LOC.city:geonames", "canonical": "Kiev"}]}
/// ```
/// `start`/`end` count Unicode code points, `byteStart`/`byteEnd` UTF-8 bytes; ends are exclusive.
public enum EntityRecord {
    /// The format version of the records this library writes.
    public static let formatVersion = 1

    /// Writes one record: the id (raw JSON), passed-through fields, the entities, then what `extra`
    /// writes (keys and values, e.g. `SpacyWords`) before the object closes.
    public static func write(id: [UInt8], passthrough: [(key: String, raw: ArraySlice<UInt8>)] = [],
                             entities: [Entity], to json: inout JSONWriter,
                             extra: (inout JSONWriter) -> Void = { _ in }) {
        json.objectStart()
        json.key("id"); json.raw(id)
        for field in passthrough {
            json.key(field.key)
            json.raw(field.raw)
        }
        json.key("entities")
        writeEntities(entities, to: &json)
        extra(&json)
        json.objectEnd()
        json.newline()
    }

    /// About the bytes `writeEntities` writes (exact unless strings need escapes), to reserve them at
    /// once: a record of a million entities must not grow its buffer by doubling.
    public static func estimatedBytes(_ entities: [Entity]) -> Int {
        var total = 2
        for entity in entities {
            let offsets = String(entity.byteEnd).utf8.count * 4
            total += 96 + offsets + entity.text.utf8.count + entity.source.utf8.count + (entity.canonical?.utf8.count ?? 0)
        }
        return total
    }

    public static func writeEntities(_ entities: [Entity], to json: inout JSONWriter) {
        json.arrayStart()
        for index in entities.indices {
            let entity = entities[index]
            let canonical = entity.canonical.flatMap { $0 != entity.text ? $0 : nil }
            // Keys and punctuation (under 100 bytes), four numbers, the label, three strings.
            let capacity = 128 + 4 * 20 + JSONBytes.room(forEscaping: entity.label.rawValue.utf8.count)
                + JSONBytes.room(forEscaping: entity.text.utf8.count) + JSONBytes.room(forEscaping: entity.source.utf8.count)
                + (canonical.map { JSONBytes.room(forEscaping: $0.utf8.count) } ?? 0)
            // One entity at once: the same bytes as objectStart, key, string… would write.
            json.appendInPlace(capacity: capacity) { out in
                if index > entities.startIndex { out.byte(UInt8(ascii: ",")) }
                out.literal("{\"text\":"); out.escaped(entity.text)
                out.literal(",\"label\":"); out.escaped(entity.label.rawValue)
                out.literal(",\"start\":"); out.int(entity.start)
                out.literal(",\"end\":"); out.int(entity.end)
                out.literal(",\"byteStart\":"); out.int(entity.byteStart)
                out.literal(",\"byteEnd\":"); out.int(entity.byteEnd)
                out.literal(",\"source\":"); out.escaped(entity.source)
                if let canonical {
                    out.literal(",\"canonical\":"); out.escaped(canonical)
                }
                out.byte(UInt8(ascii: "}"))
            }
        }
        json.arrayEnd()
    }

    /// Writes an error record: `{"id": …, "error": "…"}`.
    public static func writeError(id: [UInt8], message: String, to json: inout JSONWriter) {
        json.objectStart()
        json.key("id"); json.raw(id)
        json.key("error"); json.string(message)
        json.objectEnd()
        json.newline()
    }
}
