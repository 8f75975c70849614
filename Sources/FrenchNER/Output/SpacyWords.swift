/// A document's tokens the way spaCy's `Doc(vocab, words=words, spaces=spaces)` takes them: every
/// token, plus every stretch of whitespace that is not the one space after a token, each with whether
/// one space (U+0020) follows it. Joining each word and, where `spaces` says so, a space gives the text
/// back exactly.
///
/// ```
/// "M. Blinken  à\nKiev" → words ["M.", "Blinken", " ", "à", "\n", "Kiev"],
///                         spaces [true, true, false, false, false, false]
/// ```
/// Written by `frner tag --words` (JSON Lines, `docs/FORMAT.md`); the Python package's spaCy tokenizer
/// reads it, so spaCy's tokens are FrenchNER's and every entity falls on token boundaries.
///
/// - Complexity: O(n) in the number of tokens.
public struct SpacyWords: Sendable, Equatable {
    /// Each word's UTF-16 range in the text, in text order, back to back but for the spaces.
    public private(set) var ranges: [Range<Int>] = []
    /// Whether one space follows each word.
    public private(set) var spaces: [Bool] = []

    /// The words of a tokenized text.
    public init(_ tokenized: TokenizedText) {
        let units = tokenized.text.utf16
        ranges.reserveCapacity(tokenized.tokens.count + tokenized.tokens.count / 8)
        spaces.reserveCapacity(ranges.capacity)
        var position = 0
        for token in tokenized.tokens {
            addGap(position..<Int(token.start), units)
            ranges.append(Int(token.start)..<Int(token.end))
            spaces.append(false)
            position = Int(token.end)
        }
        addGap(position..<units.count, units)
    }

    /// What lies between two tokens: one space marks the word before it; anything else becomes a word
    /// of its own (after that one space, when it starts with one).
    private mutating func addGap(_ gap: Range<Int>, _ units: ContiguousArray<UInt16>) {
        guard !gap.isEmpty else { return }
        var start = gap.lowerBound
        if units[start] == 0x20, !spaces.isEmpty {
            spaces[spaces.count - 1] = true
            start += 1
        }
        guard start < gap.upperBound else { return }
        ranges.append(start..<gap.upperBound)
        spaces.append(false)
    }

    /// Writes `"words": [...], "spaces": [...]` (keys and values) into an open JSON object.
    public func write(text: TextBuffer, to json: inout JSONWriter) {
        json.key("words")
        json.arrayStart()
        text.utf16.withUnsafeBufferPointer { units in
            for range in ranges { json.string(utf16: UnsafeBufferPointer(rebasing: units[range])) }
        }
        json.arrayEnd()
        json.key("spaces")
        json.arrayStart()
        for space in spaces { json.bool(space) }
        json.arrayEnd()
    }

    /// About the bytes `write` adds, to reserve them at once.
    public static func estimatedBytes(text: TextBuffer, tokenCount: Int) -> Int {
        text.utf8Count + tokenCount * 10 + 32
    }
}
