/// Output formats of `frner tag`. Each document gives exactly one record (brat: one `.ann` file).
/// `docs/FORMAT.md` shows one example of each.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// JSON Lines, one object per document (`docs/FORMAT.md`).
    case jsonl
    /// CoNLL-2003 style: `-DOCSTART- -X- -X- O` and a blank line per document, then one token per line
    /// with its BIO2 tag (`TOKEN<TAB>TAG`), a blank line after each sentence.
    case conll
    /// brat standoff: the text and its `.ann` (code-point offsets), `annotation.conf` and `ids.tsv`.
    case brat
    /// One entity per line, tab-separated: id, start, end (code points), label, text, source, canonical.
    case tsv
    /// The same columns as `tsv`, as RFC 4180 CSV (quoted where needed, CRLF line ends).
    case csv
    /// spaCy's displaCy "manual" format: `{"text", "ents": [{"start", "end", "label"}], "title"}`.
    case displacy
    /// One standalone HTML page with entities highlighted by type and their source on hover.
    case html
}

extension OutputFormat {
    /// A format by name; `spacy`, the old name of `displacy`, is still understood.
    public init?(name: String) {
        if name == "spacy" { self = .displacy } else if let format = OutputFormat(rawValue: name) { self = format } else { return nil }
    }
}

/// Formats tagged documents. Pure and `Sendable`: workers format in parallel, the writer concatenates.
public struct DocumentFormatter: Sendable {
    public let format: OutputFormat
    /// Pass-through fields of JSON Lines records written as extra columns (TSV, CSV), in order.
    public let keepFields: [String]
    /// JSON Lines: each record also carries the document's tokens as spaCy takes them (`SpacyWords`).
    public let words: Bool

    /// The columns of the TSV and CSV formats, before the kept fields.
    public static let tableColumns = ["id", "start", "end", "label", "text", "source", "canonical"]
    /// The `-DOCSTART-` line of CoNLL output, as in CoNLL-2003.
    public static let conllDocumentStart = "-DOCSTART- -X- -X- O"

    public init(format: OutputFormat, keepFields: [String] = [], words: Bool = false) {
        self.format = format
        self.keepFields = keepFields
        self.words = words && format == .jsonl
    }

    /// What comes before the first record (TSV and CSV header, HTML head).
    public func header() -> [UInt8] {
        switch format {
        case .tsv, .csv: row(DocumentFormatter.tableColumns + keepFields)
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
    ///   - passthrough: the record's other fields (raw JSON), for JSON Lines and `keepFields`.
    public func record(idJSON: [UInt8], id: String, passthrough: [(key: String, raw: ArraySlice<UInt8>)],
                       tagged: TaggedText, entities: [Entity]) -> [UInt8] {
        switch format {
        case .jsonl:
            let tokenized = words ? tagged.tokens : nil
            var json = JSONWriter(capacity: 256 + idJSON.count + passthrough.reduce(0) { $0 + $1.key.utf8.count + $1.raw.count + 8 }
                                  + EntityRecord.estimatedBytes(entities)
                                  + (tokenized.map { SpacyWords.estimatedBytes(text: $0.text, tokenCount: $0.tokens.count) } ?? 0))
            EntityRecord.write(id: idJSON, passthrough: passthrough, entities: entities, to: &json) { json in
                if let tokenized { SpacyWords(tokenized).write(text: tokenized.text, to: &json) }
            }
            return json.bytes
        case .displacy:
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
        case .tsv, .csv:
            let kept = keptValues(passthrough)
            var out: [UInt8] = []
            for entity in entities {
                out += row([id, String(entity.start), String(entity.end), entity.label.rawValue, entity.text,
                            entity.source, entity.canonical ?? entity.text] + kept)
            }
            return out
        case .conll:
            return conll(tagged: tagged, entities: entities)
        case .brat:
            return brat(entities: entities)
        case .html:
            return Array(HTMLPage.section(id: id, text: tagged.text, entities: entities).utf8)
        }
    }

    /// The record of a document that could not be read.
    public func errorRecord(idJSON: [UInt8], id: String, message: String,
                            passthrough: [(key: String, raw: ArraySlice<UInt8>)] = []) -> [UInt8] {
        switch format {
        case .jsonl, .displacy:
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
        case .tsv, .csv:
            return row([id, "-1", "-1", "ERROR", message, "", ""] + keptValues(passthrough))
        case .conll:
            // The document line alone: readers see an empty document, and the count of documents holds.
            return Array("\(DocumentFormatter.conllDocumentStart)\n\n".utf8)
        case .brat:
            return []
        case .html:
            return Array("<section class=\"doc error\"><h2>\(HTMLPage.escape(id))</h2><p>error: \(HTMLPage.escape(message))</p></section>\n".utf8)
        }
    }

    /// One TSV or CSV line.
    func row(_ fields: [String]) -> [UInt8] {
        format == .csv ? CSV.row(fields) : TSV.row(fields)
    }

    /// The values of `keepFields` in a record: a JSON string as its text, another value as its JSON,
    /// a missing field as empty.
    func keptValues(_ passthrough: [(key: String, raw: ArraySlice<UInt8>)]) -> [String] {
        keepFields.map { name in
            guard let raw = passthrough.first(where: { $0.key == name })?.raw else { return "" }
            return PassthroughValue.text(raw)
        }
    }

    private func conll(tagged: TaggedText, entities: [Entity]) -> [UInt8] {
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
        var out = Array("\(DocumentFormatter.conllDocumentStart)\n\n".utf8)
        for sentence in doc.sentences {
            for index in sentence.tokens {
                out += CoNLLToken.bytes(doc.string(of: doc.tokens[index]))
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
            out += Array("T\(index + 1)\t\(entity.label.rawValue) \(entity.start) \(entity.end)\t\(TSV.clean(entity.text))\n".utf8)
            out += Array("#\(index + 1)\tAnnotatorNotes T\(index + 1)\t\(TSV.clean(entity.source))\n".utf8)
        }
        return out
    }
}

/// A token as a CoNLL column: readers split lines at white space, so white space inside a token (the
/// thousands separator of `90 000`, U+202F or U+00A0) is written `_`.
enum CoNLLToken {
    static func bytes(_ token: String) -> [UInt8] {
        guard token.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else { return Array(token.utf8) }
        return Array(String(String.UnicodeScalarView(token.unicodeScalars.map { $0.properties.isWhitespace ? "_" : $0 })).utf8)
    }
}

/// Tab-separated lines: a field never holds a tab or a line break (each becomes a space).
public enum TSV {
    public static func clean(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    public static func row(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(0x09) }
            out += Array(clean(field).utf8)
        }
        out.append(0x0A)
        return out
    }
}

/// RFC 4180 CSV: fields holding a comma, a double quote, CR or LF are quoted (quotes doubled), lines
/// end with CRLF.
public enum CSV {
    public static func field(_ text: String, into out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { out += Array(text.utf8); return }
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    public static func row(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, text) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            field(text, into: &out)
        }
        out += [0x0D, 0x0A]
        return out
    }
}

/// A pass-through JSON value as a table cell.
public enum PassthroughValue {
    /// A JSON string's text; any other value's JSON as it was written.
    public static func text(_ raw: some Collection<UInt8>) -> String {
        let bytes = ArraySlice(raw)
        if bytes.first == UInt8(ascii: "\""), case .string(let text)? = try? JSONValue(parsing: bytes) { return text }
        return String(decoding: bytes, as: UTF8.self)
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
