/// Output formats of `frner tag`. Each document gives exactly one record (brat: one `.ann` file).
public enum OutputFormat: String, Sendable, CaseIterable {
    /// JSON Lines, one object per document (`docs/FORMAT.md`).
    case jsonl
    /// One token per line with its BIO2 tag, a blank line after each sentence, `-DOCSTART-` per document.
    case conll
    /// brat standoff: the text and its `.ann` (code-point offsets).
    case brat
    /// One entity per line: id, start, end (code points), label, text, source.
    case tsv
    /// spaCy's displaCy "manual" format: `{"text", "ents": [{"start", "end", "label"}], "title"}`.
    case spacy
    /// One standalone HTML page with entities highlighted by type and their source on hover.
    case html
}

/// Formats tagged documents. Pure and `Sendable`: workers format in parallel, the writer concatenates.
public struct DocumentFormatter: Sendable {
    public let format: OutputFormat

    public init(format: OutputFormat) { self.format = format }

    /// What comes before the first record (TSV header, HTML head).
    public func header() -> [UInt8] {
        switch format {
        case .tsv: Array("id\tstart\tend\tlabel\ttext\tsource\n".utf8)
        case .html: Array(HTMLPage.head.utf8)
        default: []
        }
    }

    /// What comes after the last record.
    public func footer() -> [UInt8] {
        format == .html ? Array(HTMLPage.foot.utf8) : []
    }

    /// One document's record.
    /// - Parameters:
    ///   - idJSON: the id as JSON (passed through from the input).
    ///   - id: the id as text.
    public func record(idJSON: [UInt8], id: String, passthrough: [(key: String, raw: ArraySlice<UInt8>)],
                       tagged: TaggedText, entities: [Entity]) -> [UInt8] {
        switch format {
        case .jsonl:
            var json = JSONWriter(capacity: 256 + idJSON.count + passthrough.reduce(0) { $0 + $1.key.utf8.count + $1.raw.count + 8 }
                                  + EntityRecord.estimatedBytes(entities))
            EntityRecord.write(id: idJSON, passthrough: passthrough, entities: entities, to: &json)
            return json.bytes
        case .spacy:
            var json = JSONWriter(capacity: tagged.text.utf8Count + 64 + entities.count * 48)
            json.objectStart()
            json.key("text"); json.string(utf16: tagged.text.utf16)
            json.key("ents"); json.arrayStart()
            for entity in entities {
                json.objectStart()
                json.key("start"); json.int(entity.start)
                json.key("end"); json.int(entity.end)
                json.key("label"); json.string(entity.label.rawValue)
                json.objectEnd()
            }
            json.arrayEnd()
            json.key("title"); json.raw(idJSON)
            json.objectEnd()
            json.newline()
            return json.bytes
        case .tsv:
            var out: [UInt8] = []
            for entity in entities {
                out += Array([clean(id), String(entity.start), String(entity.end), entity.label.rawValue,
                              clean(entity.text), entity.source].joined(separator: "\t").utf8)
                out.append(0x0A)
            }
            return out
        case .conll:
            return conll(id: id, tagged: tagged, entities: entities)
        case .brat:
            return brat(entities: entities)
        case .html:
            return Array(HTMLPage.section(id: id, text: tagged.text, entities: entities).utf8)
        }
    }

    /// The record of a document that could not be read.
    public func errorRecord(idJSON: [UInt8], id: String, message: String) -> [UInt8] {
        switch format {
        case .jsonl, .spacy:
            var json = JSONWriter()
            if format == .jsonl {
                EntityRecord.writeError(id: idJSON, message: message, to: &json)
            } else {
                json.objectStart()
                json.key("title"); json.raw(idJSON)
                json.key("error"); json.string(message)
                json.objectEnd(); json.newline()
            }
            return json.bytes
        case .tsv:
            return Array([clean(id), "-1", "-1", "ERROR", clean(message), ""].joined(separator: "\t").utf8) + [0x0A]
        case .conll:
            return Array("-DOCSTART-\t\(clean(id))\n# error: \(clean(message))\n\n".utf8)
        case .brat:
            return Array("# error: \(clean(message))\n".utf8)
        case .html:
            return Array("<section class=\"doc error\"><h2>\(HTMLPage.escape(id))</h2><p>error: \(HTMLPage.escape(message))</p></section>\n".utf8)
        }
    }

    private func clean(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    private func conll(id: String, tagged: TaggedText, entities: [Entity]) -> [UInt8] {
        let doc = tagged.tokens
        var tags = [String](repeating: "O", count: doc.tokens.count)
        // By UTF-16 offsets (entities are ordered and do not overlap), not token indices: a long text's
        // tokens are made again (`TaggedText.tokens`).
        var next = 0
        for (index, token) in doc.tokens.enumerated() {
            while next < entities.count && entities[next].utf16Range.upperBound <= Int(token.start) { next += 1 }
            guard next < entities.count, entities[next].utf16Range.lowerBound <= Int(token.start) else { continue }
            tags[index] = (entities[next].utf16Range.lowerBound == Int(token.start) ? "B-" : "I-") + entities[next].label.rawValue
        }
        var out = Array("-DOCSTART-\t\(clean(id))\n\n".utf8)
        for sentence in doc.sentences {
            for index in sentence.tokens {
                out += Array(doc.string(of: doc.tokens[index]).utf8)
                out.append(0x09)
                out += Array(tags[index].utf8)
                out.append(0x0A)
            }
            out.append(0x0A)
        }
        return out
    }

    private func brat(entities: [Entity]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, entity) in entities.enumerated() {
            out += Array("T\(index + 1)\t\(entity.label.rawValue) \(entity.start) \(entity.end)\t\(clean(entity.text))\n".utf8)
            out += Array("#\(index + 1)\tAnnotatorNotes T\(index + 1)\t\(clean(entity.source))\n".utf8)
        }
        return out
    }
}

/// The standalone HTML page: entities highlighted by type, a legend, the source on hover.
enum HTMLPage {
    static let head = """
    <!DOCTYPE html>
    <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>FrenchNER</title>
    <style>
    body{font:16px/1.7 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}
    h1{font-size:1.3em} h2{font-size:1em;color:#666;border-top:1px solid #ddd;padding-top:1em}
    .legend span{margin-right:1em}
    mark{padding:.1em .3em;border-radius:.3em;box-decoration-break:clone;-webkit-box-decoration-break:clone}
    mark .lbl{font-size:.65em;font-weight:bold;margin-left:.3em;vertical-align:middle;opacity:.75;user-select:none}
    .PER{background:#ffd6a5} .ORG{background:#a0c4ff} .LOC{background:#b9fbc0}
    .error{color:#b00}
    </style></head><body>
    <h1>FrenchNER</h1>
    <p class="legend"><span><mark class="PER">PER</mark> person</span><span><mark class="ORG">ORG</mark> organisation</span><span><mark class="LOC">LOC</mark> place</span> — hover an entity for the rule or lexicon that found it.</p>

    """
    static let foot = "</body></html>\n"

    static func section(id: String, text: TextBuffer, entities: [Entity]) -> String {
        var html = "<section class=\"doc\"><h2>\(escape(id))</h2><p>"
        var cursor = 0
        for entity in entities {
            html += escape(text.string(cursor..<entity.utf16Range.lowerBound))
            var hover = "\(entity.label.rawValue) · \(entity.source)"
            if let canonical = entity.canonical, canonical != entity.text { hover += " · \(canonical)" }
            html += "<mark class=\"\(entity.label.rawValue)\" title=\"\(escape(hover))\">\(escape(entity.text))"
            html += "<span class=\"lbl\" aria-hidden=\"true\">\(entity.label.rawValue)</span></mark>"
            cursor = entity.utf16Range.upperBound
        }
        html += escape(text.string(cursor..<text.count))
        html += "</p></section>\n"
        return html
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\r\n", "\r": out += "<br>\n"
            default: out.append(character)
            }
        }
        return out
    }
}
