import CFrenchICU

/// ICU's sentence boundaries of a text, found by running ICU's sentence break over the text's
/// *windows*: the stretches around sentence terminators and paragraph separators.
///
/// ICU's sentence rules (UAX #29, ICU's `sent.txt`) end a sentence only after a terminator (`.` `!` `?`
/// `…`, with the closing punctuation and spaces after it) or after a paragraph separator (line feed,
/// carriage return, U+2029…). Between two such places the rules reach no decision, so ICU need not
/// read that text. Each terminator or separator gets a window:
/// - backwards over spaces, closing punctuation and combining marks to the last other character (the
///   letter that rule SB7, `Upper ATerm × Upper`, looks at; a character where ICU's chained rules
///   restart exactly as they do at the start of a text);
/// - forwards over what rules SB6–SB11 look at (closing punctuation, spaces, digits, anything but
///   letters and separators) to two letters in a row, or past a separator.
///
/// Windows that touch are merged. They are copied into one buffer, separated by U+2029 (after which
/// ICU always breaks and starts afresh), and ICU's sentence iterator runs once over that buffer; the
/// boundaries it finds inside each window are its boundaries of the whole text. Tests compare the two
/// on random texts made of every sentence-break class.
///
/// ```
/// "Il pleut. Elle sort.\nFin"  →  windows "t. El" and "t.\n" (+ the end of the text)
/// ```
///
/// Texts in which more than 1 unit in 16 is at U+3000 or above (CJK) are given to ICU whole: the class
/// table stops there, and asking ICU for each character would cost more than it saves.
///
/// - Complexity: O(n) in the length of the text; ICU reads only the windows (about a fifth of news).
enum SentenceBoundaries {
    /// ICU's sentence boundaries of `units`, in increasing order, the end of the text included (none for an
    /// empty text), exactly as ICU's sentence iterator over the whole text reports them.
    static func find(_ units: UnsafeBufferPointer<UInt16>, breaker: ICUBreaker) -> ContiguousArray<Int32> {
        guard let windows = windows(of: units, breaker: breaker) else { return wholeText(units, breaker: breaker) }
        // No terminator and no separator: one sentence, which ICU ends at the end of the text.
        if windows.isEmpty { return [Int32(truncatingIfNeeded: units.count)] }
        return boundaries(units, windows: windows, breaker: breaker)
    }

    /// ICU's sentence iterator over the whole text: the reference that `find` reproduces.
    static func wholeText(_ units: UnsafeBufferPointer<UInt16>, breaker: ICUBreaker) -> ContiguousArray<Int32> {
        let status = frn_breaker_set_sentence_text(breaker.handle, units.baseAddress, Int32(truncatingIfNeeded: units.count))
        precondition(status == 0, "ICU could not take the text (ICU error \(status))")
        var boundaries = ContiguousArray<Int32>()
        readBoundaries(breaker) { boundaries.append($0) }
        return boundaries
    }

    /// A stretch of the text that ICU reads, as UTF-16 offsets.
    struct Window: Equatable {
        var start: Int
        var end: Int
    }

    private static let terminator = UInt8(FRN_SENTENCE_TERMINATOR)
    private static let separator = UInt8(FRN_SENTENCE_SEPARATOR)
    private static let letter = UInt8(FRN_SENTENCE_LETTER)
    private static let trailing = UInt8(FRN_SENTENCE_TRAILING)
    private static let extend = UInt8(FRN_SENTENCE_EXTEND)

    /// The windows of a text, in order; nil when the text is better given to ICU whole.
    static func windows(of units: UnsafeBufferPointer<UInt16>, breaker: ICUBreaker) -> [Window]? {
        guard scanSeesEveryTrigger, let base = units.baseAddress, !units.isEmpty,
              let triggers = triggers(units, breaker: breaker) else { return nil }
        let n = units.count

        var windows: [Window] = []
        windows.reserveCapacity(triggers.count)
        for trigger in triggers {
            let t = Int(trigger)
            let floor = windows.last?.end ?? 0
            if t < floor { continue } // read with the window before
            // Backwards over spaces, closing punctuation and extenders.
            var p = t - 1
            while p >= floor {
                let c = sentenceClass(at: p, in: units)
                guard c == trailing || c == extend else { break }
                p -= 1
            }
            if p >= floor && isTrailSurrogate(at: p, in: units) { p -= 1 }
            let start = max(p, 0)
            // Forwards to two letters in a row, or past a separator.
            var end = n
            var letters = 0
            var j = t
            scan: while j < n {
                let c = sentenceClass(at: j, in: units)
                if base[j] & 0xFC00 == 0xD800, j + 1 < n, base[j + 1] & 0xFC00 == 0xDC00 { j += 1 }
                switch c {
                case letter:
                    letters += 1
                    if letters == 2 { end = j + 1; break scan }
                case extend:
                    break
                case separator:
                    end = j + 1
                    if base[j] == 0x0D, end < n, base[end] == 0x0A { end += 1 }
                    break scan
                default:
                    letters = 0
                }
                j += 1
            }
            if let last = windows.last, start <= last.end {
                windows[windows.count - 1].end = max(last.end, end)
            } else {
                windows.append(Window(start: start, end: end))
            }
        }
        return windows
    }

    /// True when the scan of `triggers` (`frn_find_sentence_candidates`) finds every unit below U+3000
    /// that ends a sentence (it does for every Unicode version so far); otherwise every text is given to
    /// ICU whole. Checked once, by scanning every unit of the class table.
    private static let scanSeesEveryTrigger: Bool = {
        let classes = CharacterTable.shared.sentenceClasses
        let everyUnit = (0..<CharacterTable.tableLimit).map { UInt16($0) }
        var found = [Int32](repeating: 0, count: everyUnit.count)
        let count = Int(everyUnit.withUnsafeBufferPointer { units in
            found.withUnsafeMutableBufferPointer { frn_find_sentence_candidates(units.baseAddress, Int32(units.count), $0.baseAddress) }
        })
        var seen = [Bool](repeating: false, count: everyUnit.count)
        for k in 0..<count { seen[Int(found[k])] = true }
        return (0..<CharacterTable.tableLimit).allSatisfy { unit in
            let isTrigger = classes[unit] == terminator || classes[unit] == separator
            return !isTrigger || seen[unit]
        }
    }()

    /// Offsets of the terminators and separators, among the candidates the C shim's vector scan finds;
    /// nil when more than 1 unit in 16 is beyond the class table.
    private static func triggers(_ units: UnsafeBufferPointer<UInt16>, breaker: ICUBreaker) -> [Int32]? {
        let base = units.baseAddress!
        let n = units.count
        var triggers: [Int32] = []
        var beyondTable = 0
        let candidates = breaker.unitOffsetStorage(forLength: n)
        let candidateCount = Int(frn_find_sentence_candidates(base, Int32(truncatingIfNeeded: n), candidates))
        for k in 0..<candidateCount {
            let i = Int(candidates[k])
            if base[i] >= CharacterTable.tableLimit {
                beyondTable += 1
                if isTrailSurrogate(at: i, in: units) { continue } // seen with the pair's first unit
            }
            let c = sentenceClass(at: i, in: units)
            if c == terminator || c == separator { triggers.append(Int32(i)) }
        }
        return beyondTable * 16 > n ? nil : triggers
    }

    /// Runs ICU over the windows, copied into one buffer with U+2029 between windows, before the first
    /// unless it starts the text (which keeps ICU's start of text) and after the last unless it ends the
    /// text (which keeps ICU's end of text), and maps the boundaries back.
    private static func boundaries(_ units: UnsafeBufferPointer<UInt16>, windows: [Window],
                                   breaker: ICUBreaker) -> ContiguousArray<Int32> {
        let base = units.baseAddress!
        var length = 0
        for window in windows { length += window.end - window.start + 1 }
        length += 1
        let text = breaker.windowTextStorage(forLength: length)
        var placed = ContiguousArray<Int>() // where each window starts in `text`
        placed.reserveCapacity(windows.count)
        var at = 0
        for (k, window) in windows.enumerated() {
            if k > 0 || window.start > 0 {
                text[at] = 0x2029
                at += 1
            }
            placed.append(at)
            (text + at).update(from: base + window.start, count: window.end - window.start)
            at += window.end - window.start
        }
        // After a last window that is not the end of the text, U+2029 again: ICU must not take the
        // window's end for the text's.
        let endsText = windows[windows.count - 1].end == units.count
        if !endsText {
            text[at] = 0x2029
            at += 1
        }
        let status = frn_breaker_set_sentence_text(breaker.handle, text, Int32(truncatingIfNeeded: at))
        precondition(status == 0, "ICU could not take the text (ICU error \(status))")
        var boundaries = ContiguousArray<Int32>()
        boundaries.reserveCapacity(windows.count + 1)
        var k = 0
        readBoundaries(breaker) { boundary in
            let b = Int(boundary)
            while k < windows.count && b > placed[k] + windows[k].end - windows[k].start { k += 1 }
            guard k < windows.count else { return }
            let offset = b - placed[k]
            // A boundary at a window's start is U+2029's, not the text's.
            if offset > 0 { boundaries.append(Int32(truncatingIfNeeded: windows[k].start + offset)) }
        }
        if !endsText {
            boundaries.append(Int32(truncatingIfNeeded: units.count)) // ICU ends with the text's end
        }
        return boundaries
    }

    /// Reads the sentence iterator's boundaries in batches.
    private static func readBoundaries(_ breaker: ICUBreaker, _ body: (Int32) -> Void) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { batch in
            while true {
                let n = Int(frn_sentence_next_batch(breaker.handle, batch.baseAddress, 256))
                if n <= 0 { break }
                for i in 0..<n { body(batch[i]) }
            }
        }
    }

    /// The class of the character at `i`; both units of a surrogate pair have the pair's class.
    @inline(__always)
    private static func sentenceClass(at i: Int, in units: UnsafeBufferPointer<UInt16>) -> UInt8 {
        let unit = units[i]
        if unit < CharacterTable.tableLimit { return CharacterTable.shared.sentenceClasses[Int(unit)] }
        if unit & 0xFC00 == 0xD800, i + 1 < units.count, units[i + 1] & 0xFC00 == 0xDC00 {
            return UInt8(truncatingIfNeeded: frn_sentence_class(scalar(unit, units[i + 1])))
        }
        if isTrailSurrogate(at: i, in: units) {
            return UInt8(truncatingIfNeeded: frn_sentence_class(scalar(units[i - 1], unit)))
        }
        return UInt8(truncatingIfNeeded: frn_sentence_class(UInt32(unit)))
    }

    /// Whether unit `i` is the second unit of a surrogate pair.
    @inline(__always)
    private static func isTrailSurrogate(at i: Int, in units: UnsafeBufferPointer<UInt16>) -> Bool {
        units[i] & 0xFC00 == 0xDC00 && i > 0 && units[i - 1] & 0xFC00 == 0xD800
    }

    @inline(__always)
    private static func scalar(_ high: UInt16, _ low: UInt16) -> UInt32 {
        0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
    }
}
