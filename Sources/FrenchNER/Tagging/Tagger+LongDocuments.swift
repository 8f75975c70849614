/// Long documents are tagged in pieces, so that memory stays a small multiple of the text's size.
///
/// A text of more than `longDocumentUnits` UTF-16 units (about 1 MB of Latin text) is cut into pieces of
/// at most `pieceUnits` units, at a line break when the piece's second half has one (a line break always
/// ends a sentence, so tokens and sentences are those of the whole text), else after a sentence's final
/// punctuation and a space, else at a space. Each piece is tokenized and tagged on its own (document
/// rules see one piece: a long document's propagation scope), and only its entities are kept. Peak
/// memory is then the text (UTF-16), the entities and one piece's working state, instead of every
/// token's arrays at once (about 90 bytes per token). The tokens of the whole text are made again only
/// when asked for (`TaggedText.tokens`).
extension Tagger {
    /// Texts longer than this (UTF-16 units) are tagged in pieces.
    static let longDocumentUnits = 1 << 20
    /// The most units of one piece.
    static let pieceUnits = 1 << 19

    /// Tags a long text piece by piece (`longDocumentUnits`).
    func tagInPieces(_ text: TextBuffer, pieceUnits: Int = Tagger.pieceUnits) -> TaggedText {
        var entities: [Entity] = []
        var tokenBase = 0
        var start = 0
        while start < text.count {
            let end = Tagger.pieceEnd(text.utf16, from: start, limit: pieceUnits)
            let piece = TextBuffer(utf16: ContiguousArray(text.utf16[start..<end]))
            let doc = tokenizer.tokenize(piece)
            for entity in tag(doc).entities {
                let range = (entity.utf16Range.lowerBound + start)..<(entity.utf16Range.upperBound + start)
                entities.append(Entity(label: entity.label, text: entity.text,
                                       start: text.codePointOffset(utf16: range.lowerBound),
                                       end: text.codePointOffset(utf16: range.upperBound),
                                       byteStart: text.utf8Offset(utf16: range.lowerBound),
                                       byteEnd: text.utf8Offset(utf16: range.upperBound),
                                       source: entity.source, canonical: entity.canonical, utf16Range: range,
                                       tokenRange: (entity.tokenRange.lowerBound + tokenBase)..<(entity.tokenRange.upperBound + tokenBase)))
            }
            tokenBase += doc.tokens.count
            start = end
        }
        return TaggedText(text: text, tokenizer: tokenizer, entities: entities)
    }

    /// Where the piece starting at `start` ends: at most `limit` units on, after a line break in the
    /// piece's second half, else after a sentence end and its space, else after a space; never inside a
    /// surrogate pair.
    static func pieceEnd(_ units: ContiguousArray<UInt16>, from start: Int, limit: Int) -> Int {
        let hardEnd = start + limit
        guard hardEnd < units.count else { return units.count }
        let low = start + limit / 2
        func isLineBreak(_ u: UInt16) -> Bool { u == 0x0A || u == 0x0D || u == 0x85 || u == 0x2028 || u == 0x2029 }
        func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0xA0 || u == 0x202F || u == 0x0B || u == 0x0C }
        func isSentenceFinal(_ u: UInt16) -> Bool { u == 0x2E || u == 0x21 || u == 0x3F || u == 0x2026 }
        var i = hardEnd
        while i > low {
            // `units[i - 1]` is the last unit of the piece; a CR LF pair stays whole.
            if isLineBreak(units[i - 1]) && !(units[i - 1] == 0x0D && units[i] == 0x0A) { return i }
            i -= 1
        }
        i = hardEnd
        while i > low + 1 {
            if isSpace(units[i - 1]) && isSentenceFinal(units[i - 2]) && !isSpace(units[i]) { return i }
            i -= 1
        }
        i = hardEnd
        while i > low {
            if isSpace(units[i - 1]) && !isSpace(units[i]) { return i }
            i -= 1
        }
        // One token longer than half a piece (a URL, a run of letters): cut it, but not a surrogate pair.
        return units[hardEnd] & 0xFC00 == 0xDC00 ? hardEnd - 1 : hardEnd
    }
}
