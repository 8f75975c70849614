import Testing
@testable import FrenchNER

/// `SentenceBoundaries.find` reads only windows of the text; it must give exactly what ICU's sentence
/// iterator gives over the whole text.
@Suite("Sentence boundaries: windows give ICU's whole-text boundaries")
struct SentenceBoundariesTests {
    private func both(_ text: String) -> (windows: [Int32], whole: [Int32]) {
        let buffer = TextBuffer(text)
        let breaker = try! ICUBreaker.current()
        return buffer.utf16.withUnsafeBufferPointer { units in
            (Array(SentenceBoundaries.find(units, breaker: breaker)),
             Array(SentenceBoundaries.wholeText(units, breaker: breaker)))
        }
    }

    @Test("the windows of a short text")
    func windows() {
        let text = TextBuffer("Il pleut. Elle sort.\nFin")
        let windows = text.utf16.withUnsafeBufferPointer { SentenceBoundaries.windows(of: $0, breaker: try! ICUBreaker.current()) }
        #expect(windows == [.init(start: 7, end: 12), .init(start: 18, end: 21)])
    }

    @Test("texts that exercise each rule agree", arguments: [
        "", "Bonjour", "Il pleut. Elle sort.\nFin", "Il est venu.", "M. Dupont est venu. Il part.",
        "Vraiment ? Oui ! Non…", "« Il pleut. » Elle sort.", "(Il pleut.) Elle sort.", "etc. et des fraises.",
        "Les U.S.A. sont là. Le 12. 13 ans.", "Fin.\r\nDébut.\rSuite.\u{2029}Autre\u{85}Encore",
        "Il dit : « Non ! » puis part.", "Titre\n\nTexte suit.", " . ", "...", "a.b", ".A", "A.", "\n",
        "Ceci est faux.Voilà.", "Cite.\u{301} Suite", "Mot\u{AD}. Suite", "Il 😀. Elle 𝐀b. Fin",
        "Une phrase؟ Une autre। Fin", "中文。日本語！Fin. Suite", "été. été. Été.", "« Non. »\n« Oui. »",
    ])
    func agree(text: String) {
        let result = both(text)
        #expect(result.windows == result.whole, "\(text.debugDescription)")
    }

    /// Pieces of text from every sentence-break class: letters (Upper, Lower, OLetter, outside the BMP),
    /// Numeric, SContinue, ATerm/STerm (also beyond the class table), separators, Sp, Close, Extend,
    /// Format, Other.
    static let everyClass = [
        "A", "b", "É", "é", "ß", "Zo", "mot", "J", "あ", "𝐀", "😀", "1", "42", ",", "-", ":", ";",
        ".", ".", ".", "!", "?", "…", "。", "؟", "\u{11047}", "\n", "\r", "\r\n", "\u{2029}", "\u{85}",
        " ", " ", " ", "\u{A0}", "\u{202F}", "\t", "»", "«", "\"", ")", "(", "'", "’", "\u{301}",
        "\u{AD}", "\u{200B}", "%", "$", "‼", "⁇", "‽", "\u{2024}", "\u{2028}", "–", "\u{589}", "中",
    ]
    /// Mostly words and spaces, as prose is.
    static let proseLike = ["Le", "chat", "dort", "Il", "M", "J", " ", " ", " ", " ", ".", ".", "!", "?", "\n",
                            "»", "«", "\u{202F}", ",", "12", "é", "É", "'"]

    @Test("random texts agree", arguments: [
        (UInt64(20261129), everyClass, UInt64(40)), (UInt64(7), everyClass, UInt64(120)), (UInt64(11), proseLike, UInt64(200)),
    ])
    func randomTexts(seed: UInt64, pieces: [String], maxPieces: UInt64) {
        var random = SplitMix64(seed: seed)
        var disagreements: [String] = []
        for _ in 0..<4000 {
            let count = Int(random.next() % maxPieces)
            var text = ""
            for _ in 0..<count { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            let result = both(text)
            if result.windows != result.whole { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).map(\.debugDescription))")
    }
}

/// A small deterministic generator (SplitMix64), so that a failure can be reproduced.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
