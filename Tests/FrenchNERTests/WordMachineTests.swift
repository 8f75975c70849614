import CFrenchICU
import Foundation
import Testing
@testable import FrenchNER

/// `frn_word_fast_segments` runs ICU's compiled word-break state machine directly over the text; it
/// must give exactly the segments (boundaries and kinds) of ICU's word iterator, or decline (nil) for
/// text ICU segments with a dictionary.
@Suite("Word segments: ICU's state machine run directly gives ICU's segments")
struct WordMachineTests {
    private func both(_ text: String) -> (fast: [frn_segment]?, icu: [frn_segment]) {
        let buffer = TextBuffer(text)
        return (Tokenizer.wordSegments(buffer, fast: true), Tokenizer.wordSegments(buffer, fast: false)!)
    }

    private func same(_ a: [frn_segment], _ b: [frn_segment]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.start == $1.start && $0.end == $1.end && $0.kind == $1.kind }
    }

    @Test("texts that exercise each word rule agree", arguments: [
        "", "Bonjour", "L'OTAN et M. Blinken à Saint-Étienne.", "aujourd'hui", "l’Élysée", "3,5 % de 1 000 000",
        "TF1, M6 et A320", "J.-C. et O.N.U.", "e-mail: jean.dupont@example.fr https://fr.wikipedia.org/wiki/Paris",
        "«\u{202F}Bonjour\u{202F}»", "can't won’t", "1.2.3 a.b a:b 3:4 a_b", "\u{1F1EB}\u{1F1F7} 👍🏽 👨‍👩‍👧",
        "x\u{301}y e\u{200D}f", "שָׁלוֹם ש\"ס", "Αθήνα Москва", "a\u{AD}b", "\r\n\n\t \u{A0}", "ア-イ カタカナ",
        "١٢٣ ٤٫٥",
    ])
    func agree(text: String) {
        let result = both(text)
        #expect(result.fast.map { same($0, result.icu) } ?? true, "\(text.debugDescription)")
    }

    @Test("lone surrogates agree")
    func loneSurrogates() {
        for units: [UInt16] in [[0xD800, 0x78, 0xDC00], [0x61, 0xDC00, 0x62], [0xD83D], [0x41, 0xD800]] {
            let buffer = TextBuffer(utf16: ContiguousArray(units))
            let fast = Tokenizer.wordSegments(buffer, fast: true), icu = Tokenizer.wordSegments(buffer, fast: false)!
            #expect(fast.map { same($0, icu) } ?? true, "\(units)")
        }
    }

    @Test("French prose is covered (no fallback to ICU's iterator)")
    func covered() {
        #expect(both("Le président Emmanuel Macron s’est rendu à Saint-Étienne, jeudi 3 mars.").fast != nil)
    }

    @Test("text ICU segments with a dictionary is left to ICU", arguments: ["中文文本", "ภาษาไทย", "ひらがな"])
    func declines(text: String) {
        #expect(both("Paris " + text).fast == nil)
    }

    /// Pieces of every word-break class (UAX #29 and ICU's additions): ALetter, Hebrew_Letter, Numeric,
    /// Katakana, ExtendNumLet, MidLetter, MidNum, MidNumLet, Single_Quote, Double_Quote, Extend, Format,
    /// ZWJ, Regional_Indicator, Extended_Pictographic, WSegSpace, CR, LF, Newline, and
    /// ideographs (dictionary), plus punctuation and symbols.
    static let everyClass = [
        "A", "b", "É", "é", "ß", "Zo", "mot", "J", "ש", "א", "1", "42", "٣", "ア", "ｱ", "_", "‿", ":", "·", "׳",
        ".", "’", "'", ",", ";", "\u{37E}", "\"", "\u{301}", "\u{AD}", "\u{200B}", "\u{200D}", "\u{1F1EB}",
        "\u{1F1F7}", "👍", "🏽", "☝", " ", "  ", "\u{3000}", "\u{2009}", "\r", "\n", "\r\n", "\u{85}", "\u{2028}",
        "\u{A0}", "\u{202F}", "\t", "-", "@", "#", "%", "$", "€", "«", "»", "(", ")", "…", "—", "中", "a\u{FE0F}", "ᄀ", "\u{E000}", "𝐀", "𐐀",
    ]
    /// Mostly words, numbers, spaces and French punctuation, as prose is.
    static let proseLike = ["Le", "chat", "dort", "l", "'", "’", "aujourd", "12", "3", ",", ".", " ", " ", " ", "-",
                            "É", "é", "\u{202F}", "«", "»", "M", "\n", ":", "%", "A320", "www", "@", "/"]

    @Test("random texts agree", arguments: [
        (UInt64(20261205), everyClass, UInt64(40)), (UInt64(13), everyClass, UInt64(150)), (UInt64(17), proseLike, UInt64(200)),
    ])
    func randomTexts(seed: UInt64, pieces: [String], maxPieces: UInt64) {
        var random = SplitMix64(seed: seed)
        var disagreements: [String] = []
        var covered = 0
        for _ in 0..<4000 {
            let count = Int(random.next() % maxPieces)
            var units: [UInt16] = []
            for _ in 0..<count {
                let k = Int(random.next() % UInt64(pieces.count + 2))
                // Now and then a lone surrogate, which no Swift string can hold.
                units += k < pieces.count ? Array(pieces[k].utf16) : [k == pieces.count ? 0xD800 : 0xDC00]
            }
            let buffer = TextBuffer(utf16: ContiguousArray(units))
            let fast = Tokenizer.wordSegments(buffer, fast: true), icu = Tokenizer.wordSegments(buffer, fast: false)!
            if let fast {
                covered += 1
                if !same(fast, icu) { disagreements.append(String(decoding: units, as: UTF16.self)) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).map(\.debugDescription))")
        #expect(covered > 100)
    }

    /// Runs of letters mixed with every unit below U+0300: the machine skips the rest of a run of letters
    /// without a transition per unit (units below U+0250 that keep it in the letter row), and must stop
    /// exactly where ICU's transitions leave the run (a digit, a mid-letter, a mark, a space…).
    @Test("runs of Latin units agree")
    func latinRuns() {
        var random = SplitMix64(seed: 250)
        var disagreements: [String] = []
        for _ in 0..<4000 {
            var units: [UInt16] = []
            for _ in 0..<Int(random.next() % 40) {
                let roll = random.next() % 10
                if roll < 6 {
                    units.append(UInt16(0x61 + random.next() % 26))
                } else if roll == 6 {
                    units.append(0x20)
                } else {
                    units.append(UInt16(random.next() % 0x300))
                }
            }
            let buffer = TextBuffer(utf16: ContiguousArray(units))
            guard let fast = Tokenizer.wordSegments(buffer, fast: true) else { continue }
            let icu = Tokenizer.wordSegments(buffer, fast: false)!
            if !same(fast, icu) { disagreements.append(String(decoding: units, as: UTF16.self)) }
        }
        #expect(disagreements.count == 0, "\(disagreements.prefix(5).map(\.debugDescription))")
    }

    /// Every text of the files listed in `FRNER_WORD_MACHINE_TEXTS` (one text per line: plain text, or
    /// JSON Lines with a `text` field), when set: the differential check over whole corpora.
    @Test("corpora agree (FRNER_WORD_MACHINE_TEXTS)")
    func corpora() throws {
        guard let list = ProcessInfo.processInfo.environment["FRNER_WORD_MACHINE_TEXTS"] else { return }
        var texts = 0, covered = 0, disagreements: [String] = []
        for path in list.split(separator: ":") {
            let content = try String(contentsOfFile: String(path), encoding: .utf8)
            for line in content.split(separator: "\n", omittingEmptySubsequences: true) {
                var text = String(line)
                if text.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                   let field = object["text"] as? String { text = field }
                texts += 1
                let result = both(text)
                if let fast = result.fast {
                    covered += 1
                    if !same(fast, result.icu) { disagreements.append(String(text.prefix(200))) }
                }
            }
        }
        print("word machine: \(texts) texts, \(covered) covered, \(disagreements.count) disagreements")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }
}
