import CFrenchICU

/// Turns ICU's segments into French tokens with keys, then ICU's sentence boundaries into sentences.
/// The French rules are listed on `Tokenizer`.
struct TokenStreamBuilder {
    let units: UnsafeBufferPointer<UInt16>
    var tokens: TokenList
    /// End of the last token emitted (-1 before the first).
    private(set) var previousEnd: Int = -1
    /// Offsets of the narrow no-break spaces, and the next one to look at.
    private var narrowSpaces: [Int32] = []
    private var nextNarrowSpace = 0
    /// Offsets of the apostrophes (`'` and `’`), and the next one to look at.
    private var apostrophes: [Int32] = []
    private var nextApostrophe = 0
    let table = CharacterTable.shared
    /// Where a sentence starts inside a word that scraped text joined (`Dupont.Le`, `ParisIl`):
    /// `TokenStreamBuilder+Repair.swift`.
    var joinBoundaries: [Int32] = []
    /// The folded keys, written through a pointer in the per-unit loop; `finishKeys()` hands them over
    /// as an array and frees the buffer.
    private var keys: UnsafeMutablePointer<UInt16>
    private var keyCapacity: Int
    private(set) var keyCount = 0

    /// Room for one offset per unit, where `findSpecialUnits` has the C shim write what it finds.
    private let markStorage: UnsafeMutablePointer<Int32>

    /// A builder reading `units` and writing into `tokens`; `markStorage` has room for `units.count`
    /// offsets.
    init(units: UnsafeBufferPointer<UInt16>, tokens: TokenList, markStorage: UnsafeMutablePointer<Int32>) {
        self.units = units
        self.tokens = tokens
        self.markStorage = markStorage
        keyCapacity = units.count + 1024 // room for the per-token reservation in `emit`
        keys = .allocate(capacity: keyCapacity)
    }

    /// The key pool, once every token is emitted (call exactly once).
    mutating func finishKeys() -> ContiguousArray<UInt16> {
        let pool = ContiguousArray(UnsafeBufferPointer(start: keys, count: keyCount))
        keys.deallocate()
        keyCapacity = 0
        return pool
    }

    @inline(__always) private mutating func reserveKeys(_ extra: Int) {
        guard keyCount + extra > keyCapacity else { return }
        let capacity = max(keyCapacity * 2, keyCount + extra)
        let grown = UnsafeMutablePointer<UInt16>.allocate(capacity: capacity)
        grown.update(from: keys, count: keyCount)
        keys.deallocate()
        keys = grown
        keyCapacity = capacity
    }

    // MARK: - Tokens

    mutating func build(segments: UnsafeBufferPointer<frn_segment>) {
        let special = findSpecialUnits()
        let links = findLinks(candidates: special.links)
        narrowSpaces = special.narrowSpaces
        apostrophes = special.apostrophes
        var linkIndex = 0
        var i = 0
        let count = segments.count
        while i < count {
            let segment = segments[i]
            let start = Int(segment.start)
            var end = Int(segment.end)

            // URLs and e-mail addresses: one token from the link's start to its end.
            while linkIndex < links.count && links[linkIndex].end <= start { linkIndex += 1 }
            if linkIndex < links.count && links[linkIndex].start == start {
                let link = links[linkIndex]
                var j = i
                while j < count && Int(segments[j].start) < link.end {
                    end = max(end, Int(segments[j].end))
                    j += 1
                }
                emit(start, max(end, link.end), link.kind)
                i = j
                continue
            }

            switch segment.kind {
            case Int32(FRN_SEGMENT_WORD):
                i = emitWord(segments: segments, at: i)
            // ICU gives `TF1`, `M6`, `A320` a number's status: a token that starts with a letter is a word.
            case Int32(FRN_SEGMENT_NUMBER) where units[start] < CharacterTable.tableLimit
                && table.properties[Int(units[start])] & CharacterTable.letter != 0:
                i = emitWord(segments: segments, at: i)
            case Int32(FRN_SEGMENT_NUMBER):
                var start = start
                while start < end, units[start] == 0x202F { start += 1 }
                while end > start, units[end - 1] == 0x202F { end -= 1 }
                // Thousands separated by one space, NBSP, narrow NBSP or thin space: `1 000 000`.
                var j = i
                if isDigits(start, end), end - start <= 3 {
                    while j + 1 < count {
                        let next = segments[j + 1]
                        let nextStart = Int(next.start)
                        guard next.kind == Int32(FRN_SEGMENT_NUMBER), nextStart == end + 1,
                              isThousandsSeparator(units[end]), isThousandsGroup(nextStart, Int(next.end))
                        else { break }
                        end = Int(next.end)
                        j += 1
                        if Int(next.end) - nextStart > 3 { break } // a decimal part ends the number
                    }
                }
                emit(start, end, .number)
                i = j + 1
            case Int32(FRN_SEGMENT_PUNCTUATION):
                var flags: Token.Flags = []
                if end - start == 1 && isHyphen(units[start]) { flags.insert(.hyphen) }
                emit(start, end, .punctuation, flags)
                i += 1
            default:
                emit(start, end, .symbol)
                i += 1
            }
        }
    }

    /// Emits a word segment (with elisions split and an abbreviation's period attached); returns the
    /// index of the next segment to read.
    ///
    /// ICU counts the narrow no-break space (U+202F, French typography around `« »` and before `; : ! ?`)
    /// as a letter connector, so `«\u{202F}Bonjour\u{202F}»` arrives as one word with the spaces: the
    /// word is cut at each of them.
    private mutating func emitWord(segments: UnsafeBufferPointer<frn_segment>, at i: Int) -> Int {
        var start = Int(segments[i].start)
        let end = Int(segments[i].end)
        if nextNarrowSpace < narrowSpaces.count && Int(narrowSpaces[nextNarrowSpace]) < end {
            while nextNarrowSpace < narrowSpaces.count && Int(narrowSpaces[nextNarrowSpace]) < start { nextNarrowSpace += 1 }
            while nextNarrowSpace < narrowSpaces.count && Int(narrowSpaces[nextNarrowSpace]) < end {
                let space = Int(narrowSpaces[nextNarrowSpace])
                if space > start { emitWordPiece(start, space) }
                start = space + 1
                nextNarrowSpace += 1
            }
        }
        guard start < end else { return i + 1 }
        start = emitElisions(start, end)
        let next = i + 1
        if next < segments.count, Int(segments[next].start) == end, Int(segments[next].end) == end + 1 {
            let unit = units[end]
            // A clitic followed by a lone apostrophe (`l’` before a space or a number): `d'1` → `d'` `1`.
            if isApostrophe(unit), isClitic(start, end) {
                emit(start, end + 1, .word, .elision)
                return next + 1
            }
            // Abbreviations keep their final period: `M.`, `Dr.`, `O.N.U.`, initials `J.`.
            if unit == 0x2E, isAbbreviation(start, end) {
                emit(start, end + 1, .word, .abbreviation)
                mergeHyphenatedInitials()
                return next + 1
            }
        }
        emitRepairingJoins(start, end)
        return next
    }

    /// Emits a piece of a word cut at a narrow no-break space (its elisions split).
    private mutating func emitWordPiece(_ start: Int, _ end: Int) {
        emit(emitElisions(start, end), end, .word)
    }

    /// Emits the elided clitics at the start of `start..<end` (`l'OTAN` → `l'`, `qu'aujourd'hui` →
    /// `qu'`); returns where the rest of the word starts.
    ///
    /// Apostrophes are found by the scan of `findSpecialUnits`, so a word without one costs a compare.
    @inline(__always)
    private mutating func emitElisions(_ wordStart: Int, _ end: Int) -> Int {
        var start = wordStart
        while nextApostrophe < apostrophes.count {
            let apostrophe = Int(apostrophes[nextApostrophe])
            if apostrophe <= start { nextApostrophe += 1; continue }
            // A clitic is 1 to 6 letters, and something follows its apostrophe inside the word.
            guard apostrophe < end - 1, apostrophe - start <= 6, isClitic(start, apostrophe) else { break }
            emit(start, apostrophe + 1, .word, .elision)
            start = apostrophe + 1
            nextApostrophe += 1
        }
        return start
    }

    /// `J.` `-` `C.` joined without space → `J.-C.` (and `J.-P.`, `J.-M.`).
    private mutating func mergeHyphenatedInitials() {
        let n = tokens.count
        guard n >= 3 else { return }
        let last = tokens[n - 1], hyphen = tokens[n - 2], first = tokens[n - 3]
        guard last.isJoinedToPrevious, hyphen.isJoinedToPrevious, hyphen.flags.contains(.hyphen),
              last.end - last.start == 2, first.end - first.start == 2,
              first.flags.contains(.abbreviation), last.flags.contains(.abbreviation)
        else { return }
        tokens.removeLast(3)
        previousEnd = n > 3 ? Int(tokens[n - 4].end) : -1
        emit(Int(first.start), Int(last.end), .word, .abbreviation)
        if first.flags.contains(.spaceBefore) { tokens[tokens.count - 1].flags.insert(.spaceBefore) }
        else { tokens[tokens.count - 1].flags.remove(.spaceBefore) }
    }

    /// Appends a token, computing its key, hash and shape flags.
    ///
    /// The shape flags come from OR-ing per-character shape bits; `startsUppercase` is an upper-case
    /// letter with no letter before it (the first letter), `innerUppercase` one with a letter before it
    /// (upper-case characters are letters: `CharacterTable.shape(ofProperties:)`).
    ///
    /// Returns the token's shape bits OR-ed (`CharacterTable.shapeJoinMark` among them).
    @discardableResult
    mutating func emit(_ start: Int, _ end: Int, _ kind: Token.Kind, _ extraFlags: Token.Flags = []) -> UInt8 {
        var flags = extraFlags
        if start > previousEnd { flags.insert(.spaceBefore) }
        previousEnd = end
        // A code point folds to at most 16 units (`CharacterTable`'s bound), so one reservation serves
        // the whole token; the loop then works on locals, written back once after it.
        reserveKeys((end &- start) &* 16 &+ 16)
        let keyStart = keyCount
        let keys = self.keys
        let units = self.units.baseAddress!
        let shapes = table.shapes.baseAddress!
        let asciiKeysAndShapes = table.asciiKeysAndShapes.baseAddress!
        var count = keyCount
        var hash: UInt32 = 2_166_136_261
        var shapeBits: UInt8 = 0
        // Bit 0 (`shapeUpper`): an upper-case letter with no letter before it / with one before it.
        var upperFirst: UInt8 = 0
        var upperAfterLetter: UInt8 = 0
        var i = start
        while i < end {
            let unit = units[i]
            var codePoint = UInt32(unit)
            i &+= 1
            let shape: UInt8
            if unit < 0x80 {
                let entry = asciiKeysAndShapes[Int(unit)]
                shape = UInt8(truncatingIfNeeded: entry >> 8)
                let folded = entry & 0xFF
                keys[count] = folded
                count &+= 1
                hash = (hash ^ UInt32(folded)) &* 16_777_619
            } else {
                if unit & 0xFC00 == 0xD800, i < end, units[i] & 0xFC00 == 0xDC00 {
                    codePoint = 0x10000 &+ ((codePoint &- 0xD800) << 10) &+ (UInt32(units[i]) &- 0xDC00)
                    i &+= 1
                }
                if codePoint < CharacterTable.tableLimit {
                    shape = shapes[Int(codePoint)]
                    let entry = table.folds[Int(codePoint)]
                    var k = Int(entry >> 8)
                    let foldEnd = k &+ Int(entry & 0xFF)
                    while k < foldEnd {
                        let folded = table.foldPool[k]
                        keys[count] = folded
                        count &+= 1
                        hash = (hash ^ UInt32(folded)) &* 16_777_619
                        k &+= 1
                    }
                } else {
                    // By value, not `inout`: the loop's count and hash stay in registers.
                    let folded = TokenStreamBuilder.foldOutsideTable(codePoint, into: keys, at: count, hash: hash)
                    shape = folded.shape
                    count = folded.count
                    hash = folded.hash
                }
            }
            // `shapeLetter` (4) shifted to `shapeUpper`'s bit: whether a letter came before.
            let letterBefore = shapeBits >> 2
            upperFirst |= shape & ~letterBefore
            upperAfterLetter |= shape & letterBefore
            shapeBits |= shape
        }
        if shapeBits & CharacterTable.shapeLetter != 0 { flags.insert(.hasLetter) }
        if shapeBits & CharacterTable.shapeLower != 0 { flags.insert(.hasLowercase) }
        if shapeBits & CharacterTable.shapeDigit != 0 { flags.insert(.hasDigit) }
        if upperFirst & CharacterTable.shapeUpper != 0 { flags.insert(.startsUppercase) }
        if upperAfterLetter & CharacterTable.shapeUpper != 0 { flags.insert(.innerUppercase) }
        var keyLength = count &- keyStart
        if keyLength > Int(UInt16.max) {
            count = keyStart &+ Int(UInt16.max)
            keyLength = Int(UInt16.max)
            // The hash is the stored (cut) key's, as `KeyTable.hash` computes it for a look-up.
            hash = 2_166_136_261
            for k in keyStart..<count { hash = (hash ^ UInt32(keys[k])) &* 16_777_619 }
        }
        keyCount = count
        tokens.append(Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                            keyStart: Int32(truncatingIfNeeded: keyStart), keyHash: hash,
                            keyLength: UInt16(keyLength), kind: kind, flags: flags))
        return shapeBits
    }

    /// Removes the last token emitted, and its key: `previousEnd` and `keyCount` are restored to the
    /// values they had before it.
    mutating func takeBackLastToken(previousEnd: Int, keyCount: Int) {
        tokens.removeLast(1)
        self.previousEnd = previousEnd
        self.keyCount = keyCount
    }

    /// Folds a code point above `CharacterTable.tableLimit` (CJK, supplementary planes) with ICU,
    /// appending at most 16 units; returns its shape bits. Kept out of `emit`'s loop.
    @inline(never)
    private static func foldOutsideTable(_ codePoint: UInt32, into keys: UnsafeMutablePointer<UInt16>,
                                         at count: Int, hash: UInt32) -> (shape: UInt8, count: Int, hash: UInt32) {
        let table = CharacterTable.shared
        var folded = ContiguousArray<UInt16>()
        table.appendFold(of: codePoint, to: &folded)
        var count = count, hash = hash
        for unit in folded.prefix(16) {
            keys[count] = unit
            count += 1
            hash = (hash ^ UInt32(unit)) &* 16_777_619
        }
        return (CharacterTable.shape(ofProperties: table.properties(of: codePoint)), count, hash)
    }

    // MARK: - Sentences

    /// Groups tokens into sentences at ICU's boundaries, except after titles, initials and
    /// abbreviations followed by a lower-case word; marks each sentence's first word.
    mutating func splitSentences(boundaries icuBoundaries: ContiguousArray<Int32>) -> ContiguousArray<Sentence> {
        let boundaries = joinBoundaries.isEmpty ? icuBoundaries : TokenStreamBuilder.merged(icuBoundaries, joinBoundaries)
        var sentences = ContiguousArray<Sentence>()
        var sentenceStart = 0
        var index = 0
        let count = tokens.count
        for boundary in boundaries {
            while index < count && tokens[index].start < boundary { index += 1 }
            if index == sentenceStart || index == count { continue }
            if tokens[index - 1].end > boundary { continue } // ICU broke inside a token (a URL)
            if continuesSentence(after: tokens[index - 1], before: tokens[index]) { continue }
            sentences.append(Sentence(tokenStart: Int32(sentenceStart), tokenEnd: Int32(index)))
            sentenceStart = index
        }
        if sentenceStart < count {
            sentences.append(Sentence(tokenStart: Int32(sentenceStart), tokenEnd: Int32(count)))
        }
        for sentence in sentences {
            for t in sentence.tokens {
                let kind = tokens[t].kind
                if kind == .punctuation || kind == .symbol { continue }
                if kind == .word { tokens[t].flags.insert(.sentenceStart) }
                break
            }
        }
        return sentences
    }

    private func continuesSentence(after last: Token, before next: Token) -> Bool {
        guard last.flags.contains(.abbreviation) else { return false }
        // A line break always ends a sentence (headlines, lists).
        for u in Int(last.end)..<Int(next.start) where units[u] == 0x0A || units[u] == 0x0D { return false }
        let length = Int(last.end - last.start)
        // Initials: `J. Chirac`, `J.-P. Sartre`.
        if last.isAllCaps && (length == 2 || (length == 5 && units[Int(last.start) + 2] == 0x2D)) { return true }
        if isListed(Int(last.start), Int(last.end) - 1, in: TokenStreamBuilder.titles) { return true }
        if next.kind == .number || next.isLowercaseWord { return true }
        return false
    }

    // MARK: - Character tests

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: units[start..<end]), as: UTF16.self)
    }

    @inline(__always) private func isApostrophe(_ unit: UInt16) -> Bool { unit == 0x27 || unit == 0x2019 }
    @inline(__always) private func isHyphen(_ unit: UInt16) -> Bool { unit == 0x2D || unit == 0x2010 || unit == 0x2011 }

    private func isDigits(_ start: Int, _ end: Int) -> Bool {
        for i in start..<end where units[i] &- 0x30 > 9 { return false }
        return true
    }

    /// Three digits, optionally followed by a decimal part (`000`, `000,50`).
    private func isThousandsGroup(_ start: Int, _ end: Int) -> Bool {
        guard end - start >= 3, isDigits(start, start + 3) else { return false }
        if end - start == 3 { return true }
        return (units[start + 3] == 0x2C || units[start + 3] == 0x2E) && end - start > 4 && isDigits(start + 4, end)
    }

    @inline(__always) private func isThousandsSeparator(_ unit: UInt16) -> Bool {
        unit == 0x20 || unit == 0xA0 || unit == 0x202F || unit == 0x2009
    }

    /// Packs up to 8 ASCII letters, lower-cased, into an integer; nil for anything else.
    private func packedLowercaseASCII(_ start: Int, _ end: Int) -> UInt64? {
        guard end > start, end - start <= 8 else { return nil }
        var packed: UInt64 = 0
        for i in start..<end {
            var u = units[i]
            if u &- 65 < 26 { u += 32 }
            guard u &- 97 < 26 else { return nil }
            packed = packed << 8 | UInt64(u)
        }
        return packed
    }

    private func isClitic(_ start: Int, _ end: Int) -> Bool {
        guard let packed = packedLowercaseASCII(start, end) else { return false }
        return TokenStreamBuilder.clitics.contains(packed)
    }

    /// `M`, `Mme`, `Dr`: a title after which no sentence starts.
    func isTitle(_ start: Int, _ end: Int) -> Bool {
        isListed(start, end, in: TokenStreamBuilder.titles)
    }

    private func isAbbreviation(_ start: Int, _ end: Int) -> Bool {
        let length = end - start
        if length == 1 {
            return table.properties(of: UInt32(units[start])) & CharacterTable.upper != 0
        }
        for i in start..<end where units[i] == 0x2E { return true } // `O.N.U` + `.`
        guard length <= 5 else { return false }
        return isListed(start, end, in: TokenStreamBuilder.abbreviations)
    }

    /// Whether the units of `start..<end` spell a word of `list`, compared without making a `String`
    /// (a word with combining marks, `Ge\u{301}n`, is compared as a `String`, canonically).
    private func isListed(_ start: Int, _ end: Int, in list: PackedWordSet) -> Bool {
        guard end - start <= PackedWordSet.maxLength else { return false }
        var packed: UInt128 = 0
        for i in start..<end {
            let unit = units[i]
            if unit >= 0x300 { return list.words.contains(string(start, end)) }
            packed = packed << 16 | UInt128(unit)
        }
        return list.packed.contains(packed)
    }

    /// The clitics, packed as `packedLowercaseASCII` packs them; thirteen: a linear search costs less
    /// than hashing.
    static let clitics: ContiguousArray<UInt64> = ContiguousArray(
        ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"].map { word in
            word.utf8.reduce(0) { $0 << 8 | UInt64($1) }
        })

    /// Titles after which no sentence starts.
    static let titleWords: Set<String> = [
        "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Dr", "Drs", "Pr", "Me", "St", "Ste", "Sts", "Stes",
        "Gal", "Gén", "Col", "Cdt", "Cne", "Lt", "Sgt", "Jr", "Sr", "Mr", "Mrs", "Ms",
    ]
    static let titles = PackedWordSet(titleWords)

    /// Words that keep a following period as part of the token.
    static let abbreviations = PackedWordSet(titleWords.union([
        "Cie", "etc", "cf", "av", "apr", "env", "vol", "éd", "art", "chap", "fig", "pp", "p", "Inc", "Ltd",
        "Corp", "Co", "Bd", "bd", "Av", "ex", "vs", "resp", "hab", "Ets", "Éts", "Jr", "Sr", "Mr", "Mrs", "Ms",
    ]))

    /// Short words, as strings and as their UTF-16 units packed into an integer (16 bits per unit).
    struct PackedWordSet {
        static let maxLength = 8
        let words: Set<String>
        let packed: Set<UInt128>

        init(_ words: Set<String>) {
            precondition(words.allSatisfy { $0.utf16.count <= PackedWordSet.maxLength })
            self.words = words
            packed = Set(words.map { $0.utf16.reduce(UInt128(0)) { $0 << 16 | UInt128($1) } })
        }
    }

    // MARK: - Links

    struct Link {
        var start: Int
        var end: Int
        var kind: Token.Kind
    }

    /// Offsets of the units where a link may be (`:`, `@`, `w`, `W`), of narrow no-break spaces and of
    /// apostrophes, found by the C shim's vector scan: the rest of the text is never looked at one unit
    /// at a time.
    private func findSpecialUnits() -> (links: [Int32], narrowSpaces: [Int32], apostrophes: [Int32]) {
        var links: [Int32] = []
        var narrowSpaces: [Int32] = []
        var apostrophes: [Int32] = []
        guard let base = units.baseAddress else { return ([], [], []) }
        let found = Int(frn_find_token_marks(base, Int32(truncatingIfNeeded: units.count), markStorage))
        for k in 0..<found {
            let i = markStorage[k]
            switch base[Int(i)] {
            case 0x202F: narrowSpaces.append(i)
            case 0x27, 0x2019: apostrophes.append(i)
            default: links.append(i)
            }
        }
        return (links, narrowSpaces, apostrophes)
    }

    /// URLs (`scheme://…`, `www.…`) and e-mail addresses, in text order, without trailing punctuation.
    private func findLinks(candidates: [Int32]) -> [Link] {
        var links: [Link] = []
        let n = units.count
        var lastEnd = 0
        for candidate in candidates where Int(candidate) >= lastEnd {
            let i = Int(candidate)
            let u = units[i]
            if u == 0x3A, i + 2 < n, units[i + 1] == 0x2F, units[i + 2] == 0x2F { // "://"
                var start = i
                while start > lastEnd, isSchemeUnit(units[start - 1]) { start -= 1 }
                if i - start >= 2, units[start] &- 0x41 < 26 || units[start] &- 0x61 < 26 {
                    let end = linkEnd(from: i + 3)
                    if end > i + 3 {
                        links.append(Link(start: start, end: end, kind: .url))
                        lastEnd = end
                        continue
                    }
                }
            } else if u | 0x20 == 0x77, i + 4 <= n, units[i + 1] | 0x20 == 0x77, units[i + 2] | 0x20 == 0x77,
                      units[i + 3] == 0x2E, i == 0 || !isLinkUnit(units[i - 1]) { // "www."
                let end = linkEnd(from: i + 4)
                if end > i + 5 {
                    links.append(Link(start: i, end: end, kind: .url))
                    lastEnd = end
                    continue
                }
            } else if u == 0x40 { // "@"
                var start = i
                while start > lastEnd, isEmailLocalUnit(units[start - 1]) { start -= 1 }
                var end = i + 1
                var dots = 0
                while end < n, isDomainUnit(units[end]) {
                    if units[end] == 0x2E { dots += 1 }
                    end += 1
                }
                while end > i + 1, units[end - 1] == 0x2E || units[end - 1] == 0x2D {
                    if units[end - 1] == 0x2E { dots -= 1 }
                    end -= 1
                }
                while start < i, units[start] == 0x2E { start += 1 }
                if start < i, dots > 0, end > i + 3 {
                    links.append(Link(start: start, end: end, kind: .email))
                    lastEnd = end
                    continue
                }
            }
        }
        return links
    }

    private func linkEnd(from start: Int) -> Int {
        var end = start
        while end < units.count, isLinkUnit(units[end]) { end += 1 }
        // Trailing punctuation belongs to the sentence, not the link.
        while end > start {
            let u = units[end - 1]
            if u == 0x2E || u == 0x2C || u == 0x3B || u == 0x3A || u == 0x21 || u == 0x3F || u == 0x27
                || u == 0x2019 || u == 0x29 || u == 0x5D || u == 0x7D { end -= 1 } else { break }
        }
        return end
    }

    @inline(__always) private func isSchemeUnit(_ u: UInt16) -> Bool {
        u &- 0x41 < 26 || u &- 0x61 < 26 || u &- 0x30 < 10 || u == 0x2B || u == 0x2D || u == 0x2E
    }

    /// Anything but white space, quotes and angle brackets (any non-ASCII letter is allowed).
    @inline(__always) private func isLinkUnit(_ u: UInt16) -> Bool {
        if u <= 0x20 || u == 0x22 || u == 0x3C || u == 0x3E || u == 0xAB || u == 0xBB || u == 0xA0 { return false }
        if u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x201C || u == 0x201D || u == 0x2009 { return false }
        return true
    }

    @inline(__always) private func isEmailLocalUnit(_ u: UInt16) -> Bool {
        u &- 0x41 < 26 || u &- 0x61 < 26 || u &- 0x30 < 10 || u == 0x2E || u == 0x5F || u == 0x25 || u == 0x2B || u == 0x2D
    }

    @inline(__always) private func isDomainUnit(_ u: UInt16) -> Bool {
        u &- 0x41 < 26 || u &- 0x61 < 26 || u &- 0x30 < 10 || u == 0x2E || u == 0x2D
    }
}
