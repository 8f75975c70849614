/// The per-document working state of the rules: tokens with their key ids and roles, the gazetteer's
/// matches indexed by position, and the candidates found so far.
///
/// Finding candidates (`Recognition+Candidates.swift`), weighing their evidence
/// (`Recognition+Evidence.swift`), resolving overlaps (`OverlapResolution.swift`) and enforcing one
/// sense per document (`Recognition+Document.swift`) are separate steps over this state.
struct Recognition {
    let doc: TokenizedText
    let gazetteer: Gazetteer
    let keyIDs: ContiguousArray<Int32>
    /// Rule-word roles of each token.
    let roles: ContiguousArray<RuleWords.Role>
    /// Every gazetteer match, ordered by start then end.
    let matches: [GazetteerMatch]
    /// Index of the first match starting at each token (or `matches.count`).
    let firstMatch: ContiguousArray<Int32>
    /// Case-checked entry types of each match (`typesOf`), beside `matches`.
    let matchTypes: ContiguousArray<UInt64>
    /// Entry types (bit per `EntryType`) of matches starting / ending at each token; case-checked.
    let startingTypes: ContiguousArray<UInt64>
    let endingTypes: ContiguousArray<UInt64>
    /// Types of the single-token matches of each token.
    let singleTypes: ContiguousArray<UInt64>
    /// Whether a token can be part of a name (a capitalised word, or an acronym).
    let nameLike: ContiguousArray<Bool>
    /// Whether a token lies in an all-capitals headline sentence.
    let inHeadline: ContiguousArray<Bool>

    static func bit(_ type: EntryType) -> UInt64 { 1 << UInt64(type.rawValue) }
    static let entityTypes: UInt64 = EntryType.allCases.filter { $0.label != nil }.reduce(0) { $0 | bit($1) }
    static let nonEntityTypes: UInt64 = EntryType.allCases.filter(\.isNonEntity).reduce(0) { $0 | bit($1) }
    static let locationTypes: UInt64 = EntryType.allCases.filter { $0.label == .location }.reduce(0) { $0 | bit($1) }

    /// Every per-token and per-match array is built in locals and stored once: a method called on
    /// `self` while `self` is being mutated would copy the whole value for each token.
    init(doc: TokenizedText, gazetteer: Gazetteer, roleTable: ContiguousArray<RuleWords.Role>) {
        self.doc = doc
        self.gazetteer = gazetteer
        let ids = gazetteer.keyIDs(for: doc)
        keyIDs = ids
        let n = doc.tokens.count
        var roles = ContiguousArray<RuleWords.Role>(repeating: [], count: n)
        for i in 0..<n where ids[i] >= 0 && Int(ids[i]) < roleTable.count { roles[i] = roleTable[Int(ids[i])] }
        self.roles = roles
        let matches = gazetteer.matches(in: doc, keyIDs: ids)
        self.matches = matches
        var first = ContiguousArray<Int32>(repeating: Int32(matches.count), count: n + 1)
        var starting = ContiguousArray<UInt64>(repeating: 0, count: n)
        var ending = ContiguousArray<UInt64>(repeating: 0, count: n)
        var single = ContiguousArray<UInt64>(repeating: 0, count: n)
        var matchTypes = ContiguousArray<UInt64>(repeating: 0, count: matches.count)
        for (index, match) in matches.enumerated().reversed() {
            first[Int(match.start)] = Int32(index)
        }
        for (index, match) in matches.enumerated() {
            let types = Recognition.types(of: match, gazetteer: gazetteer, doc: doc)
            matchTypes[index] = types
            starting[Int(match.start)] |= types
            ending[Int(match.end) - 1] |= types
            if match.end - match.start == 1 { single[Int(match.start)] |= types }
        }
        firstMatch = first
        self.matchTypes = matchTypes
        startingTypes = starting
        endingTypes = ending
        singleTypes = single
        let inHeadline = Recognition.headlines(doc)
        self.inHeadline = inHeadline
        var nameLike = ContiguousArray<Bool>(repeating: false, count: n)
        for i in 0..<n {
            nameLike[i] = Recognition.isNameLike(i, doc: doc, gazetteer: gazetteer, keyIDs: ids, singleTypes: single,
                                                 inHeadline: inHeadline)
        }
        self.nameLike = nameLike
    }

    var tokens: ContiguousArray<Token> { doc.tokens }

    /// The common-word classes of a token.
    func commonClasses(_ i: Int) -> CommonWordClass { gazetteer.commonWordClasses(keyID: keyIDs[i]) }

    func has(_ types: UInt64, _ type: EntryType) -> Bool { types & Recognition.bit(type) != 0 }

    /// Sentences written in capitals (headlines): there, a capitalised common word is not a name.
    private static func headlines(_ doc: TokenizedText) -> ContiguousArray<Bool> {
        let tokens = doc.tokens
        var inHeadline = ContiguousArray<Bool>(repeating: false, count: tokens.count)
        for sentence in doc.sentences {
            var words = 0
            var capitals = 0
            for i in sentence.tokens where tokens[i].kind == .word && tokens[i].flags.contains(.hasLetter) {
                words += 1
                if tokens[i].isAllCaps && tokens[i].end - tokens[i].start > 1 { capitals += 1 }
            }
            if words >= 3 && capitals * 10 >= words * 6 {
                for i in sentence.tokens { inHeadline[i] = true }
            }
        }
        return inHeadline
    }

    private static func isNameLike(_ i: Int, doc: TokenizedText, gazetteer: Gazetteer, keyIDs: ContiguousArray<Int32>,
                                   singleTypes: ContiguousArray<UInt64>, inHeadline: ContiguousArray<Bool>) -> Bool {
        let tokens = doc.tokens
        let token = tokens[i]
        guard token.kind == .word, token.flags.contains(.startsUppercase) else { return false }
        if token.flags.contains(.elision) {
            // A capital elision inside a sentence belongs to the name: `N'Golo`, `L'Oréal`, `M'Tima`.
            return !token.flags.contains(.sentenceStart) && i + 1 < tokens.count && tokens[i + 1].isJoinedToPrevious
                && tokens[i + 1].flags.contains(.startsUppercase) && (i == 0 || !isOpeningPunctuation(i - 1, in: doc))
        }
        if inHeadline[i] && token.isAllCaps {
            // In a headline, a common word in capitals is just a word; known entities still count.
            if !gazetteer.commonWordClasses(keyID: keyIDs[i]).isEmpty && singleTypes[i] & Recognition.entityTypes == 0 {
                return false
            }
        }
        return true
    }

    /// `«`, `"`, `(`, `—`, `:`: after these a capital may open a quoted sentence.
    func isOpeningPunctuation(_ i: Int) -> Bool { Recognition.isOpeningPunctuation(i, in: doc) }

    private static func isOpeningPunctuation(_ i: Int, in doc: TokenizedText) -> Bool {
        let token = doc.tokens[i]
        guard token.kind == .punctuation else { return false }
        let unit = doc.text.utf16[Int(token.start)]
        return unit == 0xAB || unit == 0x22 || unit == 0x201C || unit == 0x28 || unit == 0x2014 || unit == 0x2013
            || unit == 0x3A
    }

    /// Whether the text between two tokens (from the end of `a` to the start of `b`) holds a line or
    /// paragraph break: LF, CR, NEL, LS or PS, ICU's sentence separators.
    func lineBreakBetween(_ a: Int, _ b: Int) -> Bool {
        let units = doc.text.utf16
        var u = Int(tokens[a].end)
        let end = Int(tokens[b].start)
        while u < end {
            let unit = units[u]
            if unit == 0x0A || unit == 0x0D || unit == 0x85 || unit == 0x2028 || unit == 0x2029 { return true }
            u += 1
        }
        return false
    }

    /// The matches that start at a token.
    func matches(startingAt i: Int) -> ArraySlice<GazetteerMatch> {
        var end = Int(firstMatch[i])
        while end < matches.count && Int(matches[end].start) == i { end += 1 }
        return matches[Int(firstMatch[i])..<end]
    }

    /// The match covering exactly `range`, if any.
    func match(exactly range: Range<Int>) -> GazetteerMatch? {
        guard range.lowerBound < tokens.count else { return nil }
        return matches(startingAt: range.lowerBound).first { Int($0.end) == range.upperBound }
    }

    /// The longest match of one of `types` starting at a token.
    func longestMatch(startingAt i: Int, types: UInt64) -> GazetteerMatch? {
        guard i >= 0, i < tokens.count, startingTypes[i] & types != 0 else { return nil }
        return matches(startingAt: i).last { typesOf($0) & types != 0 }
    }

    /// The longest match of one of `types` ending at a token (inclusive).
    func matchEnding(at i: Int, types: UInt64) -> GazetteerMatch? {
        guard i >= 0, i < tokens.count, endingTypes[i] & types != 0 else { return nil }
        var best: GazetteerMatch?
        var start = max(0, i - 8)
        while start <= i {
            for m in matches(startingAt: start) where Int(m.end) == i + 1 && typesOf(m) & types != 0 {
                if best == nil || m.start < best!.start { best = m }
            }
            if best != nil { return best }
            start += 1
        }
        return best
    }

    /// Case-checked entry types of a match (of `matches`), computed once per match.
    @inline(__always)
    func typesOf(_ match: GazetteerMatch) -> UInt64 { matchTypes[Int(match.index)] }

    /// The types of a match's entries, leaving out exact-case entries whose case the text does not have.
    static func types(of match: GazetteerMatch, gazetteer: Gazetteer, doc: TokenizedText) -> UInt64 {
        var types: UInt64 = 0
        for position in gazetteer.entries(of: match) {
            let entry = gazetteer.entryIndex(at: position)
            if gazetteer.flags(ofEntry: entry).contains(.exactCase),
               !gazetteer.caseMatches(entry: entry, match: match, in: doc) { continue }
            types |= Recognition.bit(gazetteer.type(ofEntry: entry))
        }
        return types
    }

    /// A key for "the same name": a 64-bit hash of the folded keys of the name's tokens (hyphens left
    /// out), so that `Saint-Étienne`, `SAINT ETIENNE` and `saint-étienne` are the same name.
    func nameKey(_ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in range where !tokens[i].flags.contains(.hyphen) {
            let token = tokens[i]
            hash = (hash ^ UInt64(token.keyHash)) &* 0x0000_0100_0000_01B3
            hash = (hash ^ UInt64(token.keyLength)) &* 0x0000_0100_0000_01B3
            hash = (hash ^ 0x20) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
