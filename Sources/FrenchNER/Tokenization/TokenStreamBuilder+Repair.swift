/// Scraped text: web articles lose the space between sentences or between a heading and its text.
/// A word that ICU keeps whole is cut where such a join shows, offsets still into the original text:
/// - `Dupont.Le` → `Dupont` `.` `Le`, a sentence starting at `Le` (a lower-case letter, a period, a
///   capital and a lower-case letter);
/// - `M.Dupont`, `Dr.House` → `M.` `Dupont` (a title keeps its period, no sentence; an initial glued
///   to a name, `R.Dahlgren`, is left whole: in taxonomic authorities it names no one to tag);
/// - `ParisIl`, `VersaillesLe` → `Paris` `Il` (a lower-case letter, then a capitalised word that
///   opens French sentences: `Il`, `Le`, `Selon`…), a sentence starting at the second word.
///
/// Not cut: `iPhone`, `McDonald`, `YouTube`, `LeBron` (the second part opens no sentence), `Node.js`
/// (a lower-case letter after the period), URLs and e-mail addresses (one token before this runs).
extension TokenStreamBuilder {
    /// Emits the word `start..<end`, cut at scraped-text joins.
    ///
    /// Only a period or an ASCII capital can mark a join (every opener starts with one), and most words
    /// have neither: the word is emitted whole, and `emit`'s key loop, which reads every unit, tells
    /// whether it has one (`shapeJoinMark`). Only then is it looked at again, and taken back if cut.
    @inline(__always)
    mutating func emitRepairingJoins(_ start: Int, _ end: Int) {
        let previousEndBefore = previousEnd, keyCountBefore = keyCount
        guard emit(start, end, .word) & CharacterTable.shapeJoinMark != 0 else { return }
        // The first period or capital after the word's first unit (a join needs one unit on each side).
        let base = units.baseAddress!
        var p = start &+ 1
        while p &+ 1 < end {
            let unit = base[p]
            if unit == 0x2E || unit &- 0x41 < 26 { break }
            p &+= 1
        }
        guard p &+ 1 < end else { return }
        takeBackLastToken(previousEnd: previousEndBefore, keyCount: keyCountBefore)
        repairJoins(start, end, from: p)
    }

    /// Emits the word `start..<end` cut at scraped-text joins, the first candidate being at `first`.
    @inline(never)
    private mutating func repairJoins(_ start: Int, _ end: Int, from first: Int) {
        var p = first
        var pieceStart = start
        while p + 1 < end {
            let unit = units[p]
            guard unit == 0x2E || unit >= 0x41 && unit <= 0x5A else { p += 1; continue }
            if unit == 0x2E, isLetter(units[p - 1]), isUpper(units[p + 1]), p + 2 < end, isLower(units[p + 2]) {
                if p - pieceStart >= 1 && isTitle(pieceStart, p) {
                    // `M.Dupont`, `Dr.House`: the title with its period.
                    emit(pieceStart, p + 1, .word, .abbreviation)
                } else if isLower(units[p - 1]) && p - pieceStart >= 2 {
                    emit(pieceStart, p, .word)
                    emit(p, p + 1, .punctuation)
                    joinBoundaries.append(Int32(p + 1))
                } else {
                    p += 1
                    continue
                }
                pieceStart = p + 1
                p += 2
                continue
            }
            if isUpper(unit), isLower(units[p - 1]), p - pieceStart >= 2, opensSentence(p, end) {
                emit(pieceStart, p, .word)
                joinBoundaries.append(Int32(p))
                pieceStart = p
                break
            }
            p += 1
        }
        emit(pieceStart, end, .word)
    }

    /// `Il`, `Le`, `Selon`…: the units of `start..<end` spell a word that opens French sentences.
    private func opensSentence(_ start: Int, _ end: Int) -> Bool {
        guard end - start <= PackedWordSet.maxLength else { return false }
        var packed: UInt128 = 0
        for i in start..<end {
            guard units[i] < 0x300 else { return false }
            packed = packed << 16 | UInt128(units[i])
        }
        return TokenStreamBuilder.sentenceOpeners.packed.contains(packed)
    }

    /// Capitalised words that open sentences and never end a name glued to them.
    static let sentenceOpeners = PackedWordSet([
        "Il", "Ils", "Elle", "Elles", "On", "Nous", "Le", "La", "Les", "Un", "Une", "Ce", "Cet", "Cette", "Ces",
        "Selon", "Mais", "Pour", "Dans", "Après", "Depuis", "Lors", "Alors", "Ainsi", "Enfin", "Par", "Au",
        "Aux", "Du", "Des", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi",
        "Dimanche",
    ])

    /// Two sorted offset lists as one.
    static func merged(_ a: ContiguousArray<Int32>, _ b: [Int32]) -> ContiguousArray<Int32> {
        var out = ContiguousArray<Int32>()
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || i < a.count && a[i] <= b[j] { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
        }
        return out
    }

    @inline(__always) private func isUpper(_ unit: UInt16) -> Bool {
        table.properties(of: UInt32(unit)) & CharacterTable.upper != 0
    }

    @inline(__always) private func isLower(_ unit: UInt16) -> Bool {
        table.properties(of: UInt32(unit)) & CharacterTable.lower != 0
    }

    @inline(__always) private func isLetter(_ unit: UInt16) -> Bool {
        table.properties(of: UInt32(unit)) & CharacterTable.letter != 0
    }
}
