import CFrenchICU

/// Match-key folding and character classes for UTF-16 text, computed by ICU once and kept in a table.
///
/// The fold is: full case folding, canonical decomposition, combining marks dropped, and a few letters
/// with no decomposition spelled out (`œ`→`oe`, `æ`→`ae`, `ø`→`o`, `ł`→`l`); typographic apostrophes
/// and hyphens become `'` and `-`. `Élysée`→`elysee`, `ŒUVRE`→`oeuvre`, `İstanbul`→`istanbul`.
///
/// Units below `tableLimit` (Latin, Greek, Cyrillic, Arabic, punctuation…) are looked up in the table;
/// the rare rest (CJK, supplementary planes) asks ICU each time.
///
/// - Complexity: building the table calls ICU once per unit below `tableLimit` (a few milliseconds,
///   once per process); a lookup is O(1).
///
/// The table lives for the whole process (built once, never freed) and is read through plain buffer
/// pointers, so the tokenizer's inner loop pays neither reference counting nor bounds checks.
struct CharacterTable: @unchecked Sendable {
    static let shared = CharacterTable()
    static let tableLimit = 0x3000

    /// Property bits (`FRN_CHAR_*`) per unit. Immutable after `init`.
    let properties: UnsafeBufferPointer<UInt8>
    /// Shape bits (`shapeUpper`…) per unit, what a token's flags are made of. Immutable after `init`.
    let shapes: UnsafeBufferPointer<UInt8>
    /// Sentence-break class (`FRN_SENTENCE_*`) per unit. Immutable after `init`.
    let sentenceClasses: UnsafeBufferPointer<UInt8>
    /// Per ASCII unit, the tokenizer's key unit (A–Z lower-cased, every other unit itself) | its shape
    /// bits << 8 (with `shapeJoinMark` for `.` and A–Z): one load gives both. Immutable after `init`.
    let asciiKeysAndShapes: UnsafeBufferPointer<UInt16>
    /// Folded form per unit: start in `foldPool` << 8 | length. Immutable after `init`.
    let folds: UnsafeBufferPointer<UInt32>
    let foldPool: UnsafeBufferPointer<UInt16>

    static let upper: UInt8 = UInt8(FRN_CHAR_UPPER)
    static let lower: UInt8 = UInt8(FRN_CHAR_LOWER)
    static let letter: UInt8 = UInt8(FRN_CHAR_LETTER)
    static let digit: UInt8 = UInt8(FRN_CHAR_DIGIT)
    static let space: UInt8 = UInt8(FRN_CHAR_SPACE)
    static let mark: UInt8 = UInt8(FRN_CHAR_MARK)
    static let punctuation: UInt8 = UInt8(FRN_CHAR_PUNCTUATION)

    /// Shape bits: an upper-case (or title-case) letter.
    static let shapeUpper: UInt8 = 1
    /// A lower-case letter that is not also upper case.
    static let shapeLower: UInt8 = 2
    /// A letter.
    static let shapeLetter: UInt8 = 4
    /// A digit that is not a letter.
    static let shapeDigit: UInt8 = 8
    /// A period or an ASCII capital, where scraped text may have joined two words (`Dupont.Le`,
    /// `ParisIl`); only in `asciiKeysAndShapes`.
    static let shapeJoinMark: UInt8 = 16

    /// The shape bits of a character with these property bits.
    static func shape(ofProperties properties: UInt8) -> UInt8 {
        if properties & letter != 0 {
            if properties & upper != 0 { return shapeLetter | shapeUpper }
            if properties & lower != 0 { return shapeLetter | shapeLower }
            return shapeLetter
        }
        return properties & digit != 0 ? shapeDigit : 0
    }

    private init() {
        var properties = ContiguousArray<UInt8>(repeating: 0, count: CharacterTable.tableLimit)
        var shapes = ContiguousArray<UInt8>(repeating: 0, count: CharacterTable.tableLimit)
        var folds = ContiguousArray<UInt32>(repeating: 0, count: CharacterTable.tableLimit)
        var sentenceClasses = ContiguousArray<UInt8>(repeating: 0, count: CharacterTable.tableLimit)
        var pool = ContiguousArray<UInt16>()
        pool.reserveCapacity(CharacterTable.tableLimit + 512)
        var scratch = [UInt16](repeating: 0, count: 16)
        for unit in 0..<CharacterTable.tableLimit {
            properties[unit] = UInt8(truncatingIfNeeded: frn_char_properties(UInt32(unit)))
            shapes[unit] = CharacterTable.shape(ofProperties: properties[unit])
            sentenceClasses[unit] = UInt8(truncatingIfNeeded: frn_sentence_class(UInt32(unit)))
            let n = Int(frn_fold_codepoint(UInt32(unit), &scratch, 16))
            folds[unit] = UInt32(pool.count) << 8 | UInt32(min(n, 16))
            pool.append(contentsOf: scratch[0..<min(n, 16)])
        }
        var asciiKeysAndShapes = ContiguousArray<UInt16>(repeating: 0, count: 0x80)
        for unit in 0..<0x80 {
            let key = (0x41...0x5A).contains(unit) ? unit + 32 : unit
            let joinMark = unit == 0x2E || (0x41...0x5A).contains(unit) ? CharacterTable.shapeJoinMark : 0
            asciiKeysAndShapes[unit] = UInt16(key) | UInt16(shapes[unit] | joinMark) << 8
        }
        self.asciiKeysAndShapes = CharacterTable.immortal(asciiKeysAndShapes)
        self.properties = CharacterTable.immortal(properties)
        self.shapes = CharacterTable.immortal(shapes)
        self.sentenceClasses = CharacterTable.immortal(sentenceClasses)
        self.folds = CharacterTable.immortal(folds)
        self.foldPool = CharacterTable.immortal(pool)
    }

    /// A process-lifetime copy of an array.
    private static func immortal<T>(_ array: ContiguousArray<T>) -> UnsafeBufferPointer<T> {
        let storage = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = storage.initialize(from: array)
        return UnsafeBufferPointer(rebasing: storage[0..<array.count])
    }

    /// Property bits of one code point.
    @inline(__always)
    func properties(of codePoint: UInt32) -> UInt8 {
        if codePoint < CharacterTable.tableLimit { return properties[Int(codePoint)] }
        return UInt8(truncatingIfNeeded: frn_char_properties(codePoint))
    }

    /// Appends the folded form of one code point.
    @inline(__always)
    func appendFold(of codePoint: UInt32, to key: inout ContiguousArray<UInt16>) {
        if codePoint < CharacterTable.tableLimit {
            let entry = folds[Int(codePoint)]
            let start = Int(entry >> 8)
            let length = Int(entry & 0xFF)
            if length == 1 {
                key.append(foldPool[start])
            } else if length > 0 {
                key.append(contentsOf: UnsafeBufferPointer(rebasing: foldPool[start..<start + length]))
            }
        } else {
            var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &scratch) { raw in
                let buffer = raw.bindMemory(to: UInt16.self)
                let n = Int(frn_fold_codepoint(codePoint, buffer.baseAddress, Int32(buffer.count)))
                for i in 0..<min(n, buffer.count) { key.append(buffer[i]) }
            }
        }
    }

    /// The folded match key of a string (used for lexicon entries and look-ups, not in hot loops).
    func foldedKey(_ string: String) -> String {
        var key = ContiguousArray<UInt16>()
        for scalar in string.unicodeScalars { appendFold(of: scalar.value, to: &key) }
        return String(decoding: key, as: UTF16.self)
    }
}
