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
    /// Rule word lists of each token (`RuleWords.Lists`).
    let lists: ContiguousArray<RuleWords.Lists>
    /// Every gazetteer match, ordered by start then end.
    let matches: [GazetteerMatch]
    /// Index of the first match starting at or after each token (`n + 1` values, the last
    /// `matches.count`): the matches starting at `i` are `firstMatch[i]..<firstMatch[i + 1]`.
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
    /// The tokens the scanning rules start from, by kind (`RuleStarts`).
    let ruleStarts: RuleStarts

    @inline(__always)
    static func bit(_ type: EntryType) -> UInt64 { 1 << UInt64(type.rawValue) }
    static let entityTypes: UInt64 = EntryType.allCases.filter { $0.label != nil }.reduce(0) { $0 | bit($1) }
    static let nonEntityTypes: UInt64 = EntryType.allCases.filter(\.isNonEntity).reduce(0) { $0 | bit($1) }
    static let locationTypes: UInt64 = EntryType.allCases.filter { $0.label == .location }.reduce(0) { $0 | bit($1) }

    /// Every per-token and per-match array is built in locals and stored once: a method called on
    /// `self` while `self` is being mutated would copy the whole value for each token.
    ///
    /// The arrays are written over those the thread kept from its last document (`RecognitionBuffers`,
    /// handed back by `recycle()`), when there are any.
    /// The gazetteer is borrowed, and copied once into `self` (the struct holds some twenty arrays: each
    /// copy retains every one).
    init(doc: TokenizedText, gazetteer: borrowing Gazetteer, roleTable: RoleTable) {
        self.doc = doc
        self.gazetteer = copy gazetteer
        let gazetteer = self.gazetteer
        let buffers = RecognitionBuffers.current()
        let n = doc.tokens.count
        // Each array is filled in a `var`, then read through a `let` (a `var` passed on per token would be
        // retained for each call).
        var keyIDsBuffer = RecognitionBuffers.take(&buffers.keyIDs, empty: [])
        gazetteer.keyIDs(for: doc, into: &keyIDsBuffer)
        let ids = keyIDsBuffer
        keyIDs = ids
        var rolesBuffer = RecognitionBuffers.take(&buffers.roles, empty: [])
        var listsBuffer = RecognitionBuffers.take(&buffers.lists, empty: [])
        roleTable.tokenRoles(doc, keyIDs: ids, roles: &rolesBuffer, lists: &listsBuffer)
        let roles = rolesBuffer, lists = listsBuffer
        self.roles = roles
        self.lists = lists
        var matchesBuffer = RecognitionBuffers.take(&buffers.matches, empty: [])
        gazetteer.matches(in: doc, keyIDs: ids, into: &matchesBuffer)
        let matches = matchesBuffer
        self.matches = matches
        var starting = RecognitionBuffers.take(&buffers.startingTypes, empty: [])
        var ending = RecognitionBuffers.take(&buffers.endingTypes, empty: [])
        var singleBuffer = RecognitionBuffers.take(&buffers.singleTypes, empty: [])
        Recognition.zero(&starting, count: n)
        Recognition.zero(&ending, count: n)
        Recognition.zero(&singleBuffer, count: n)
        // `firstMatch` and `matchTypes` are written once each, every value: not zero-filled first.
        var matchTypes = RecognitionBuffers.take(&buffers.matchTypes, empty: [])
        matchTypes.resizeForOverwrite(matches.count, filler: 0)
        matchTypes.withUnsafeMutableBufferPointer { types in
            for (index, match) in matches.enumerated() {
                let matchTypes = Recognition.types(of: match, gazetteer: gazetteer, doc: doc)
                types[index] = matchTypes
                starting[Int(match.start)] |= matchTypes
                ending[Int(match.end) - 1] |= matchTypes
                if match.end - match.start == 1 { singleBuffer[Int(match.start)] |= matchTypes }
            }
        }
        // Tokens up to a match's start that no earlier match reaches point to it; those after the last
        // start get `matches.count`.
        var firstBuffer = RecognitionBuffers.take(&buffers.firstMatch, empty: [])
        firstBuffer.resizeForOverwrite(n + 1)
        firstBuffer.withUnsafeMutableBufferPointer { first in
            var i = 0
            for (index, match) in matches.enumerated() {
                while i <= Int(match.start) {
                    first[i] = Int32(index)
                    i += 1
                }
            }
            while i <= n {
                first[i] = Int32(matches.count)
                i += 1
            }
        }
        let first = firstBuffer
        firstMatch = first
        self.matchTypes = matchTypes
        let single = singleBuffer
        startingTypes = starting
        endingTypes = ending
        singleTypes = single
        var inHeadlineBuffer = RecognitionBuffers.take(&buffers.inHeadline, empty: [])
        Recognition.headlines(doc, into: &inHeadlineBuffer)
        let inHeadline = inHeadlineBuffer
        self.inHeadline = inHeadline
        var nameLikeBuffer = RecognitionBuffers.take(&buffers.nameLike, empty: [])
        nameLikeBuffer.resizeForOverwrite(n, filler: false)
        nameLikeBuffer.withUnsafeMutableBufferPointer { nameLike in
            for i in 0..<n {
                nameLike[i] = Recognition.isNameLike(i, doc: doc, gazetteer: gazetteer, keyIDs: ids, singleTypes: single,
                                                     inHeadline: inHeadline, matches: matches, firstMatch: first)
            }
        }
        let nameLike = nameLikeBuffer
        self.nameLike = nameLike
        ruleStarts = RuleStarts(doc: doc, roles: roles, lists: lists, singleTypes: single, nameLike: nameLike,
                                buffers: buffers)
    }

    /// Makes `array` `count` zeros (its storage kept when large enough).
    @inline(__always)
    private static func zero(_ array: inout ContiguousArray<UInt64>, count: Int) {
        array.removeAll(keepingCapacity: true)
        array.append(contentsOf: repeatElement(0, count: count))
    }

    /// The tokens that rules scanning the whole text start from, each kind in text order, found in one
    /// pass: a rule walks its short list instead of testing every token of the document. Each list
    /// holds exactly the tokens that pass the first tests of its rules' scans.
    ///
    /// - Complexity: O(tokens) to build; each list holds only tokens of its kind.
    struct RuleStarts {
        /// Capitals without lower case (`A7`, `RN`, `FRA`, `OTAN`): road and country codes, acronyms.
        let capitals: ContiguousArray<Int>
        /// Capitals, and the token after a lower-case road head (`nationale 7`): where a road starts.
        let roads: ContiguousArray<Int>
        /// Lower-case organisation or institution heads (`ministère`, `hôpital`).
        let organisationHeads: ContiguousArray<Int>
        /// Lower-case words a lexicon lists as place heads (`rue`, `place`).
        let placeHeads: ContiguousArray<Int>
        /// Name-like capitalised first names (`Louis` in `Louis le Pieux`).
        let firstNames: ContiguousArray<Int>

        init(doc: TokenizedText, roles: ContiguousArray<RuleWords.Role>, lists: ContiguousArray<RuleWords.Lists>,
             singleTypes: ContiguousArray<UInt64>, nameLike: ContiguousArray<Bool>, buffers: RecognitionBuffers) {
            let tokens = doc.tokens
            let heads: RuleWords.Role = [.lowercaseOrganisationHead, .institutionHead]
            let placeHead = Recognition.bit(.placeHead), personFirst = Recognition.bit(.personFirst)
            // The lists kept from the thread's last document, emptied (`RecognitionBuffers`).
            var (capitals, roads, organisationHeads, placeHeads, firstNames) = RecognitionBuffers.take(
                &buffers.ruleStarts, empty: ([], [], [], [], []))
            capitals.removeAll(keepingCapacity: true)
            roads.removeAll(keepingCapacity: true)
            organisationHeads.removeAll(keepingCapacity: true)
            placeHeads.removeAll(keepingCapacity: true)
            firstNames.removeAll(keepingCapacity: true)
            // Whether the previous token is a lower-case road head (carried, not read back).
            var afterRoadHead = false
            for i in tokens.indices {
                let token = tokens[i]
                let isCapitals = token.isAllCaps
                if isCapitals { capitals.append(i) }
                if isCapitals || afterRoadHead { roads.append(i) }
                afterRoadHead = lists[i].contains(.roadHead) && token.isLowercaseWord
                let types = singleTypes[i]
                if types & (placeHead | personFirst) != 0 {
                    if types & placeHead != 0 && token.isLowercaseWord { placeHeads.append(i) }
                    if types & personFirst != 0 && nameLike[i] && token.isCapitalized { firstNames.append(i) }
                }
                if !roles[i].isDisjoint(with: heads) && token.isLowercaseWord { organisationHeads.append(i) }
            }
            self.capitals = capitals
            self.roads = roads
            self.organisationHeads = organisationHeads
            self.placeHeads = placeHeads
            self.firstNames = firstNames
        }
    }

    var tokens: ContiguousArray<Token> { doc.tokens }

    /// The common-word classes of a token.
    func commonClasses(_ i: Int) -> CommonWordClass { gazetteer.commonWordClasses(keyID: keyIDs[i]) }

    /// Whether `types` (a bit per `EntryType`) holds `type`. Inlined: the rules ask it of most spans.
    @inline(__always)
    func has(_ types: UInt64, _ type: EntryType) -> Bool { types & Recognition.bit(type) != 0 }

    /// Text written in capitals (a headline, a dateline, an agency wire, an OCR heading, a whole
    /// upper-cased document): there case says nothing, so a common word in capitals is not a name and
    /// capitals do not make an acronym. A sentence is in capitals when at least 3 of its words are and
    /// they make 60 % of its words; the whole document is when 60 % of all its words are (short
    /// sentences of an upper-cased text included).
    ///
    /// - Complexity: O(*n*) in the number of tokens.
    private static func headlines(_ doc: TokenizedText, into inHeadline: inout ContiguousArray<Bool>) {
        let tokens = doc.tokens
        inHeadline.removeAll(keepingCapacity: true)
        inHeadline.append(contentsOf: repeatElement(false, count: tokens.count))
        var documentWords = 0
        var documentCapitals = 0
        // Every token is read once: through the buffer, without a bounds check per token.
        tokens.withUnsafeBufferPointer { tokens in
            for sentence in doc.sentences {
                let range = sentence.tokens
                precondition(range.lowerBound >= 0 && range.upperBound <= tokens.count, "sentence outside the tokens")
                var words = 0
                var capitals = 0
                for i in range where tokens[i].kind == .word && tokens[i].flags.contains(.hasLetter) {
                    words += 1
                    if tokens[i].isAllCaps && tokens[i].end - tokens[i].start > 1 { capitals += 1 }
                }
                documentWords += words
                documentCapitals += capitals
                if words >= 3 && capitals * 10 >= words * 6 {
                    for i in range { inHeadline[i] = true }
                }
            }
        }
        if documentCapitals >= 3 && documentCapitals * 10 >= documentWords * 6 {
            for i in inHeadline.indices { inHeadline[i] = true }
        }
    }

    private static func isNameLike(_ i: Int, doc: TokenizedText, gazetteer: Gazetteer, keyIDs: ContiguousArray<Int32>,
                                   singleTypes: ContiguousArray<UInt64>, inHeadline: ContiguousArray<Bool>,
                                   matches: [GazetteerMatch], firstMatch: ContiguousArray<Int32>) -> Bool {
        let tokens = doc.tokens
        let token = tokens[i]
        guard token.kind == .word, token.flags.contains(.startsUppercase) else { return false }
        if token.flags.contains(.elision) {
            // In capitals, `D'`, `L'` are just elisions (`L'ORÉAL` is found by the lexicon).
            if inHeadline[i] && token.isAllCaps { return false }
            // A capital elision inside a sentence belongs to the name: `N'Golo`, `L'Oréal`, `M'Tima`.
            return !token.flags.contains(.sentenceStart) && i + 1 < tokens.count && tokens[i + 1].isJoinedToPrevious
                && tokens[i + 1].flags.contains(.startsUppercase) && (i == 0 || !isOpeningPunctuation(i - 1, in: doc))
        }
        if inHeadline[i] && token.isAllCaps {
            // In a headline, a common word in capitals is just a word; known entities still count.
            // A known entity counts only if an entry that is not also a common word (flag `amb`) says so.
            if !gazetteer.commonWordClasses(keyID: keyIDs[i]).isEmpty
                && !hasMajorEntityEntry(at: i, gazetteer: gazetteer, matches: matches, firstMatch: firstMatch) {
                return false
            }
        }
        return true
    }

    /// Whether a one-token lexicon entry of an entity type, of major importance and without the `amb`
    /// flag, matches at `i`.
    private static func hasMajorEntityEntry(at i: Int, gazetteer: Gazetteer, matches: [GazetteerMatch],
                                                  firstMatch: ContiguousArray<Int32>) -> Bool {
        var m = Int(firstMatch[i])
        while m < matches.count && Int(matches[m].start) == i {
            if matches[m].end - matches[m].start == 1 {
                for position in gazetteer.entries(of: matches[m]) {
                    let entry = gazetteer.entryIndex(at: position)
                    if gazetteer.type(ofEntry: entry).label != nil && !gazetteer.flags(ofEntry: entry).contains(.ambiguous)
                        && gazetteer.importance(ofEntry: entry) == .major {
                        return true
                    }
                }
            }
            m += 1
        }
        return false
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

    /// The indices in `matches` of the matches that start at a token (shortest first).
    /// - Complexity: O(1).
    @inline(__always)
    func matchIndices(startingAt i: Int) -> Range<Int> { Int(firstMatch[i])..<Int(firstMatch[i + 1]) }

    /// The match covering exactly `range`, if any.
    func match(exactly range: Range<Int>) -> GazetteerMatch? {
        guard range.lowerBound < tokens.count else { return nil }
        for k in matchIndices(startingAt: range.lowerBound) where Int(matches[k].end) == range.upperBound { return matches[k] }
        return nil
    }

    /// The longest match of one of `types` starting at a token.
    func longestMatch(startingAt i: Int, types: UInt64) -> GazetteerMatch? {
        guard i >= 0, i < tokens.count, startingTypes[i] & types != 0 else { return nil }
        for k in matchIndices(startingAt: i).reversed() where matchTypes[k] & types != 0 { return matches[k] }
        return nil
    }

    /// The longest match of one of `types` ending at a token (inclusive).
    func matchEnding(at i: Int, types: UInt64) -> GazetteerMatch? {
        guard i >= 0, i < tokens.count, endingTypes[i] & types != 0 else { return nil }
        var best: GazetteerMatch?
        var start = max(0, i - 8)
        while start <= i {
            for k in matchIndices(startingAt: start) where Int(matches[k].end) == i + 1 && matchTypes[k] & types != 0 {
                if best == nil || matches[k].start < best!.start { best = matches[k] }
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
    /// (The gazetteer's bits are `Recognition.bit(_:)`'s: one per `EntryType` raw value.)
    /// Inlined: most matches are answered by one load of the gazetteer's derived per-node bits.
    @inline(__always)
    static func types(of match: GazetteerMatch, gazetteer: Gazetteer, doc: TokenizedText) -> UInt64 {
        gazetteer.caseCheckedTypeBits(of: match, in: doc)
    }

    /// A key for "the same name": a 64-bit polynomial hash of the folded keys of the name's tokens
    /// (hyphens left out), so that `Saint-Étienne`, `SAINT ETIENNE` and `saint-étienne` are the same name.
    /// The key of `a b c` is `v(a)·B² + v(b)·B + v(c)`: the keys of all suffixes of a name come from one
    /// right-to-left pass (`NameKeySuffixes`), and a key costs the name's length (capped, `maxNameTokens`).
    func nameKey(_ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0
        for i in range where !tokens[i].flags.contains(.hyphen) {
            hash = hash &* Recognition.nameKeyBase &+ Recognition.nameKeyValue(tokens[i])
        }
        return hash
    }

    static let nameKeyBase: UInt64 = 0x0000_0100_0000_01B3

    /// One token's part of a name key: its folded key's hash and length, mixed (splitmix64's finaliser).
    @inline(__always)
    static func nameKeyValue(_ token: Token) -> UInt64 {
        var v = (UInt64(token.keyHash) << 16 | UInt64(token.keyLength)) &+ 0x9E37_79B9_7F4A_7C15
        v = (v ^ (v >> 30)) &* 0xBF58_476D_1CE4_E5B9
        v = (v ^ (v >> 27)) &* 0x94D0_49BB_1331_11EB
        return v ^ (v >> 31)
    }

    /// The keys of the suffixes `i..<end` of a name, for `i` going down from `end - 1`: call `extend(i)`
    /// for each `i` in that order; `key` is then `nameKey(i..<end)`.
    struct NameKeySuffixes {
        private(set) var key: UInt64 = 0
        private var power: UInt64 = 1

        mutating func extend(_ token: Token) {
            guard !token.flags.contains(.hyphen) else { return }
            key = key &+ Recognition.nameKeyValue(token) &* power
            power = power &* Recognition.nameKeyBase
        }
    }
}
