import CFrenchICU

/// Splits French text into sentences and tokens: ICU word and sentence break, then French rules.
///
/// On top of ICU's segmentation (which keeps `l'OTAN` whole and splits every hyphen), the tokenizer
/// - splits elided clitics with `'` or `’` in any case: `l'` `OTAN`, `D’` `APRÈS`, `qu'` `aujourd'hui`,
///   `jusqu'` `à`; `aujourd'hui`, `quelqu'un`, `presqu'île`, `prud'homme` stay whole;
/// - keeps hyphens as tokens joined without space to their neighbours (`Saint` `-` `Étienne`), so that
///   later stages can treat the compound as a unit;
/// - keeps the final period of abbreviations, titles and initials: `M.`, `Dr.`, `O.N.U.`, `J.-C.`;
/// - makes one token of a URL, an e-mail address, and a number whose thousands are separated by a space,
///   a no-break space or a narrow no-break space (`1 000 000`); `3,5` is one token already;
/// - never starts a sentence after a title (`M.`, `Mme`, `Dr.`), an initial (`J. Chirac`) or an
///   abbreviation followed by a lower-case word (`etc.`);
/// - cuts the joins scraped text leaves (`Dupont.Le`, `M.Dupont`, `ParisIl`), starting a sentence
///   where one was lost (`TokenStreamBuilder+Repair.swift`).
///
/// ```swift
/// let tokenizer = try Tokenizer()
/// let doc = tokenizer.tokenize("L'OTAN et M. Blinken à Saint-Étienne.")
/// doc.tokens.map(doc.string(of:))  // ["L'", "OTAN", "et", "M.", "Blinken", "à", "Saint", "-", "Étienne", "."]
/// ```
///
/// A `Tokenizer` is a value with no state: it is `Sendable`, and each thread that uses it gets its own
/// ICU iterators (opened once per thread, reused for every text).
///
/// - Complexity: O(n) in the length of the text.
public struct Tokenizer: Sendable {
    /// Checks that ICU's break iterators open on this system (ICU's data is installed).
    /// - Throws: when ICU cannot open its iterators.
    public init() throws {
        _ = try ICUBreaker.current()
        _ = CharacterTable.shared
    }

    /// Tokenizes a string.
    public func tokenize(_ string: String) -> TokenizedText {
        tokenize(TextBuffer(string))
    }

    /// Tokenizes a text buffer.
    public func tokenize(_ text: TextBuffer) -> TokenizedText {
        let breaker: ICUBreaker
        do {
            breaker = try ICUBreaker.current()
        } catch {
            // `init` opened the iterators once already; failing now means memory is exhausted.
            fatalError("\(error)")
        }
        return text.utf16.withUnsafeBufferPointer { units in
            // The segments go straight into the thread's reusable storage: from ICU's word-break state
            // machine run directly over the text, or, for text it does not cover (CJK, Thai), from ICU.
            let storage = breaker.segmentStorage(forLength: units.count)
            let capacity = Int32(truncatingIfNeeded: units.count + 1)
            var segmentCount = Int(frn_word_fast_segments(units.baseAddress, Int32(truncatingIfNeeded: units.count),
                                                          storage, capacity))
            if segmentCount < 0 {
                segmentCount = Int(frn_word_icu_segments(breaker.handle, units.baseAddress,
                                                         Int32(truncatingIfNeeded: units.count), storage, capacity))
                precondition(segmentCount >= 0, "ICU could not take the text")
            }
            let segments = UnsafeBufferPointer(start: storage, count: segmentCount)
            let boundaries = SentenceBoundaries.find(units, breaker: breaker)
            // Room for ICU's segments and the elisions they hide; a text with more tokens than that is
            // built again with room for one token per unit, which every text has.
            let marks = breaker.unitOffsetStorage(forLength: units.count)
            let built = Tokenizer.build(units, segments: segments, boundaries: boundaries, markStorage: marks,
                                        capacity: segments.count + segments.count / 4 + 16)
                ?? Tokenizer.build(units, segments: segments, boundaries: boundaries, markStorage: marks,
                                   capacity: units.count)
            guard let built else { preconditionFailure("a text has more tokens than UTF-16 units") }
            return TokenizedText(text: text, tokens: built.tokens, sentences: built.sentences, keyPool: built.keyPool)
        }
    }

    /// Tokens, sentences and keys of a text, the tokens built straight into their array, made with room
    /// for `capacity` tokens; nil when the text has more. `markStorage` has room for one offset per unit.
    private static func build(_ units: UnsafeBufferPointer<UInt16>, segments: UnsafeBufferPointer<frn_segment>,
                              boundaries: ContiguousArray<Int32>, markStorage: UnsafeMutablePointer<Int32>,
                              capacity: Int)
        -> (tokens: ContiguousArray<Token>, sentences: ContiguousArray<Sentence>, keyPool: ContiguousArray<UInt16>)? {
        var sentences = ContiguousArray<Sentence>()
        var keyPool = ContiguousArray<UInt16>()
        var complete = true
        let tokens = ContiguousArray<Token>(unsafeUninitializedCapacity: capacity) { storage, initializedCount in
            var builder = TokenStreamBuilder(units: units, tokens: TokenList(storage: storage), markStorage: markStorage)
            builder.build(segments: segments)
            keyPool = builder.finishKeys()
            guard !builder.tokens.overflowed else {
                complete = false
                initializedCount = 0
                return
            }
            sentences = builder.splitSentences(boundaries: boundaries)
            initializedCount = builder.tokens.count
        }
        return complete ? (tokens, sentences, keyPool) : nil
    }

    /// ICU's word segments of a text as the tokenizer reads them (`fast`: ICU's state machine run
    /// directly, nil where it does not cover the text; otherwise ICU's iterator). For tests.
    static func wordSegments(_ text: TextBuffer, fast: Bool) -> [frn_segment]? {
        guard let breaker = try? ICUBreaker.current() else { return nil }
        return text.utf16.withUnsafeBufferPointer { units in
            var out = [frn_segment](repeating: frn_segment(), count: units.count + 1)
            let n = out.withUnsafeMutableBufferPointer { out in
                fast ? frn_word_fast_segments(units.baseAddress, Int32(units.count), out.baseAddress, Int32(out.count))
                    : frn_word_icu_segments(breaker.handle, units.baseAddress, Int32(units.count), out.baseAddress, Int32(out.count))
            }
            return n < 0 ? nil : Array(out.prefix(Int(n)))
        }
    }

    /// Plain ICU word iteration over a text, counting word and number segments: the reference for the
    /// tokenizer's speed in benchmarks.
    public static func rawICUWordCount(_ text: TextBuffer) -> Int {
        guard let breaker = try? ICUBreaker.current() else { return 0 }
        return text.utf16.withUnsafeBufferPointer { units in
            Int(frn_raw_word_count(breaker.handle, units.baseAddress, Int32(truncatingIfNeeded: units.count)))
        }
    }

    /// The ICU version in use.
    public static var icuVersion: String { String(cString: frn_icu_version()) }
}
