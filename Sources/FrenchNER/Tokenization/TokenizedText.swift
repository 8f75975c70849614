/// A text split into sentences and tokens, with each token's match key.
///
/// Produced by `Tokenizer.tokenize(_:)`; read by the gazetteer and the rules. All ranges are UTF-16
/// offsets into `text`; use `text.codePointOffset(utf16:)` and `text.utf8Offset(utf16:)` to report them.
public struct TokenizedText: Sendable {
    /// The text the tokens point into.
    public let text: TextBuffer
    /// The tokens, in text order.
    public internal(set) var tokens: ContiguousArray<Token>
    /// The sentences, in text order; together they cover every token.
    public internal(set) var sentences: ContiguousArray<Sentence>
    /// Folded keys of all tokens, back to back.
    let keyPool: ContiguousArray<UInt16>

    /// The text of a token, as a new string.
    public func string(of token: Token) -> String { text.string(token.range) }

    /// The text of a range of tokens, from the first token's start to the last one's end.
    public func string(tokens range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return text.string(Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end))
    }

    /// The folded match key of a token (`Élysée` → `elysee`), as a new string.
    public func key(of token: Token) -> String {
        let start = Int(token.keyStart)
        // Rules ask for keys often: transcoded in one pass, not through the generic decoder.
        return keyPool.withUnsafeBufferPointer { TextBuffer.string(UnsafeBufferPointer(rebasing: $0[start..<start + Int(token.keyLength)])) }
    }

    /// Whether a token's folded key equals an ASCII string (no allocation). Inlined: rules ask it of
    /// most tokens, and the length test alone answers most of them.
    @inline(__always)
    func keyEquals(_ token: Token, _ ascii: StaticString) -> Bool {
        guard Int(token.keyLength) == ascii.utf8CodeUnitCount else { return false }
        let start = Int(token.keyStart)
        guard ascii.hasPointerRepresentation else {
            return ascii.withUTF8Buffer { bytes in
                for i in 0..<bytes.count where keyPool[start + i] != UInt16(bytes[i]) { return false }
                return true
            }
        }
        let bytes = ascii.utf8Start
        for i in 0..<ascii.utf8CodeUnitCount where keyPool[start + i] != UInt16(bytes[i]) { return false }
        return true
    }

    /// The key's UTF-16 units: a slice of the key pool (no copy; its indices are the pool's).
    func keyUnits(of token: Token) -> ArraySlice<UInt16> {
        let start = Int(token.keyStart)
        return keyPool[start..<start + Int(token.keyLength)]
    }
}
