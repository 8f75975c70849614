/// The output of `frner tokenize` (`docs/FORMAT.md`): TSV, `TOKEN<TAB>START<TAB>END` per token
/// (code points) with a blank line after each sentence, or one JSON object per document.
public enum TokenFormatter {
    /// One line per token, a blank line after each sentence.
    public static func tsv(_ doc: TokenizedText) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(doc.text.count * 3)
        for sentence in doc.sentences {
            for index in sentence.tokens {
                let token = doc.tokens[index]
                // A token never holds a tab or newline (white space is not part of tokens).
                out.append(contentsOf: doc.string(of: token).utf8)
                out.append(0x09)
                out.append(contentsOf: String(doc.text.codePointOffset(utf16: Int(token.start))).utf8)
                out.append(0x09)
                out.append(contentsOf: String(doc.text.codePointOffset(utf16: Int(token.end))).utf8)
                out.append(0x0A)
            }
            out.append(0x0A)
        }
        return out
    }

    /// `{"id", "sentences": [{"start", "end", "byteStart", "byteEnd", "tokens": [{"text", …, "kind", "spaceBefore"}]}]}`.
    public static func jsonl(_ doc: TokenizedText, id: [UInt8]) -> [UInt8] {
        var json = JSONWriter(capacity: doc.text.count * 8)
        json.objectStart()
        json.key("id"); json.raw(id)
        json.key("sentences"); json.arrayStart()
        for sentence in doc.sentences {
            guard let first = sentence.tokens.first, let last = sentence.tokens.last else { continue }
            json.objectStart()
            writeOffsets(&json, doc.text, Int(doc.tokens[first].start), Int(doc.tokens[last].end))
            json.key("tokens"); json.arrayStart()
            for index in sentence.tokens {
                let token = doc.tokens[index]
                json.objectStart()
                json.key("text"); json.string(doc.string(of: token))
                writeOffsets(&json, doc.text, Int(token.start), Int(token.end))
                json.key("kind"); json.string(token.kind.description)
                json.key("spaceBefore"); json.bool(token.flags.contains(.spaceBefore))
                json.objectEnd()
            }
            json.arrayEnd()
            json.objectEnd()
        }
        json.arrayEnd()
        json.objectEnd()
        json.newline()
        return json.bytes
    }

    /// `{"id", "words": [...], "spaces": [...]}`: the tokens as spaCy's `Doc(vocab, words, spaces)` takes
    /// them (`SpacyWords`), the same fields as `frner tag --words`.
    public static func words(_ doc: TokenizedText, id: [UInt8]) -> [UInt8] {
        var json = JSONWriter(capacity: id.count + SpacyWords.estimatedBytes(text: doc.text, tokenCount: doc.tokens.count))
        json.objectStart()
        json.key("id"); json.raw(id)
        SpacyWords(doc).write(text: doc.text, to: &json)
        json.objectEnd()
        json.newline()
        return json.bytes
    }

    private static func writeOffsets(_ json: inout JSONWriter, _ text: TextBuffer, _ start: Int, _ end: Int) {
        json.key("start"); json.int(text.codePointOffset(utf16: start))
        json.key("end"); json.int(text.codePointOffset(utf16: end))
        json.key("byteStart"); json.int(text.utf8Offset(utf16: start))
        json.key("byteEnd"); json.int(text.utf8Offset(utf16: end))
    }
}
