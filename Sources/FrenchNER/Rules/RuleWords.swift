/// Closed-class words the rules test for, by role. They are written here (not in a lexicon file)
/// because they are grammar, not knowledge; the gazetteer interns their keys at compile time so that a
/// token's role is one table look-up.
struct RuleWords {
    struct Role: OptionSet, Sendable, Hashable {
        let rawValue: UInt32
        /// Joins the parts of a name: `de`, `du`, `des`, `d'`, `von`, `van`, `der`, `al`, `ben`…
        static let nameParticle = Role(rawValue: 1 << 0)
        /// May follow `de`/`van` inside a name: `de la`, `de l'`, `van der`.
        static let secondParticle = Role(rawValue: 1 << 1)
        /// Definite article: `le`, `la`, `les`, `l'`.
        static let article = Role(rawValue: 1 << 2)
        /// Prepositions that announce a place: `à`, `en`, `au`, `aux`, `dans`, `vers`.
        static let placePreposition = Role(rawValue: 1 << 3)
        /// Weaker place prepositions: `depuis`, `via`, `jusqu'`, `près`, `hors`.
        static let weakPlacePreposition = Role(rawValue: 1 << 4)
        /// `de`, `du`, `des`, `d'`: the complement of an organisation head.
        static let complement = Role(rawValue: 1 << 5)
        /// `selon`, `d'après`, `pour` (before a source being quoted).
        static let according = Role(rawValue: 1 << 6)
        /// Determiners and pronouns that open a sentence but never a name: `ce`, `cette`, `un`, `une`…
        static let sentenceOpener = Role(rawValue: 1 << 7)
        /// `ans` (as in `, 45 ans,`).
        static let years = Role(rawValue: 1 << 8)
        /// `ancien`, `ex`, `futur`, `nouveau`, `actuel`: may stand between an article and a function.
        static let functionModifier = Role(rawValue: 1 << 9)
        /// Coordination: `et`, `ou`.
        static let coordination = Role(rawValue: 1 << 10)
        /// Lower-case heads that make an organisation with a demonym or a `de` complement:
        /// `ministère de l'Intérieur`, `armée syrienne`, `université de Kyoto`.
        static let lowercaseOrganisationHead = Role(rawValue: 1 << 11)
        /// `chez`: before a person or company.
        static let chez = Role(rawValue: 1 << 12)
        /// Lower-case heads of institutions named after a person or a place, the head inside the
        /// name: `hôpital Pasteur`, `collège Lucie-Aubrac`, `université DePaul`.
        static let institutionHead = Role(rawValue: 1 << 13)
        /// Nouns for things named like people or places: works, vessels, spacecraft, storms,
        /// operations (`le film`, `la sonde`, `la tempête`, `l'opération`).
        static let thingNoun = Role(rawValue: 1 << 14)
        /// Nouns for a leader's government or time in office, named after the leader (`le gouvernement
        /// Valls`, `l'administration Obama`, `le régime Assad`, `le quinquennat Hollande`).
        static let leaderNoun = Role(rawValue: 1 << 15)
    }

    static let words: [(String, Role)] = [
        ("de", [.nameParticle, .complement]), ("du", [.nameParticle, .complement]),
        ("des", [.nameParticle, .complement]), ("d'", [.nameParticle, .complement]),
        ("la", [.secondParticle, .article]), ("l'", [.secondParticle, .article]), ("le", [.article]),
        ("les", [.article]),
        ("von", .nameParticle), ("van", .nameParticle), ("der", [.nameParticle, .secondParticle]),
        ("den", [.nameParticle, .secondParticle]), ("del", .nameParticle), ("della", .nameParticle),
        ("di", .nameParticle), ("da", .nameParticle), ("dos", .nameParticle), ("das", .nameParticle),
        ("do", .nameParticle), ("al", .nameParticle), ("el", .nameParticle), ("ben", .nameParticle),
        ("bin", .nameParticle), ("ibn", .nameParticle), ("bou", .nameParticle), ("ould", .nameParticle),
        ("ter", .nameParticle), ("ten", .nameParticle), ("zu", .nameParticle), ("y", .nameParticle),
        ("à", .placePreposition), ("en", .placePreposition), ("au", .placePreposition),
        ("aux", .placePreposition), ("dans", .placePreposition), ("vers", .placePreposition),
        ("depuis", .weakPlacePreposition), ("via", .weakPlacePreposition), ("jusqu'", .weakPlacePreposition),
        ("près", .weakPlacePreposition), ("hors", .weakPlacePreposition), ("sur", .weakPlacePreposition),
        ("selon", .according), ("d'après", .according),
        ("ce", .sentenceOpener), ("cet", .sentenceOpener), ("cette", .sentenceOpener), ("ces", .sentenceOpener),
        ("un", .sentenceOpener), ("une", .sentenceOpener), ("il", .sentenceOpener), ("elle", .sentenceOpener),
        ("ils", .sentenceOpener), ("elles", .sentenceOpener), ("on", .sentenceOpener), ("nous", .sentenceOpener),
        ("ans", .years),
        ("ancien", .functionModifier), ("ancienne", .functionModifier), ("ex", .functionModifier),
        ("futur", .functionModifier), ("future", .functionModifier), ("nouveau", .functionModifier),
        ("nouvelle", .functionModifier), ("actuel", .functionModifier), ("actuelle", .functionModifier),
        ("et", .coordination), ("ou", .coordination),
        ("ministère", .lowercaseOrganisationHead), ("armée", .lowercaseOrganisationHead),
        ("gouvernement", [.lowercaseOrganisationHead, .leaderNoun]), ("administration", .leaderNoun),
        ("régime", .leaderNoun), ("quinquennat", .leaderNoun), ("septennat", .leaderNoun),
        ("présidence", .leaderNoun), ("clan", .leaderNoun), ("université", [.lowercaseOrganisationHead, .institutionHead]),
        ("hôpital", .institutionHead), ("opéra", .lowercaseOrganisationHead),
        ("orchestre", .lowercaseOrganisationHead), ("diocèse", .lowercaseOrganisationHead),
        ("archidiocèse", .lowercaseOrganisationHead), ("parlement", .lowercaseOrganisationHead),
        ("fédération", .lowercaseOrganisationHead), ("gendarmerie", .lowercaseOrganisationHead),
        ("académie", .lowercaseOrganisationHead), ("paroisse", .lowercaseOrganisationHead),
        ("clinique", .institutionHead), ("collège", .institutionHead), ("école", .institutionHead),
        ("chez", .chez),
        ("film", .thingNoun), ("album", .thingNoun), ("livre", .thingNoun), ("roman", .thingNoun),
        ("chanson", .thingNoun), ("série", .thingNoun), ("feuilleton", .thingNoun), ("émission", .thingNoun),
        ("jeu", .thingNoun), ("logiciel", .thingNoun), ("opération", .thingNoun),
        ("navire", .thingNoun), ("paquebot", .thingNoun),
        ("frégate", .thingNoun), ("sonde", .thingNoun), ("satellite", .thingNoun), ("fusée", .thingNoun),
        ("rover", .thingNoun), ("vaisseau", .thingNoun), ("tempête", .thingNoun), ("ouragan", .thingNoun),
        ("cyclone", .thingNoun), ("typhon", .thingNoun), ("spectacle", .thingNoun), ("tableau", .thingNoun),
    ]

    /// The words with their folded keys (`à` → `a`), as the tokenizer folds tokens.
    static let folded: [(key: String, role: Role)] = words.map { (CharacterTable.shared.foldedKey($0.0), $0.1) }

    /// The folded keys, for interning and for the cache fingerprint.
    static var keys: [String] { folded.map(\.key) }
}

extension RuleWords {
    /// Word lists the rules test a token's folded key against, one bit per list (`RoleTable.lists`), so
    /// that no rule makes a `String` per token to look it up in a `Set<String>`. Unlike `words`, their
    /// keys are not reserved in the gazetteer: a list word the gazetteer has no id for is compared by its
    /// units with the tokens that have no id either (`RoleTable.unknownKeys`), so membership is exact.
    struct Lists: OptionSet, Sendable, Hashable {
        let rawValue: UInt16
        /// `autoroute`, `route`, `nationale`… (`RuleCatalogue.roadHeads`).
        static let roadHead = Lists(rawValue: 1 << 0)
        /// `departementale`, `nationale`: a road head that takes a bare number (`nationale 7`).
        static let numberedRoadHead = Lists(rawValue: 1 << 1)
        /// `lodge`, `creek`, `island`… (`RuleCatalogue.englishPlaceHeads`).
        static let englishPlaceHead = Lists(rawValue: 1 << 2)
        /// `rue`, `place`, `mont`… (`RuleCatalogue.headIncludedPlaceHeads`).
        static let headIncludedPlaceHead = Lists(rawValue: 1 << 3)
        /// `sur`, `en`, `lès`… inside a hyphenated place name (`Recognition.placeJoiners`).
        static let placeJoiner = Lists(rawValue: 1 << 4)
        /// `fra`, `esp`, `ned`… (`RuleCatalogue.countryCodes`).
        static let countryCode = Lists(rawValue: 1 << 5)
        /// `pdg`, `salaries`, `entraineur`… (`RuleCatalogue.organisationMemberNouns`).
        static let organisationMember = Lists(rawValue: 1 << 6)
        /// `quotidien`, `constructeur`, `ong`… (`RuleCatalogue.organisationKindNouns`).
        static let organisationKind = Lists(rawValue: 1 << 7)
        /// `maire`, `prefet`, `habitants`, `nord`… (`RuleCatalogue.placeOfNouns`).
        static let placeOf = Lists(rawValue: 1 << 8)
        /// `nord`, `sud`, `est`, `ouest` (`RuleCatalogue.compassPoints`).
        static let compassPoint = Lists(rawValue: 1 << 9)
    }

    /// Each list's folded keys.
    static let lists: [(keys: Set<String>, list: Lists)] = [
        (RuleCatalogue.roadHeads, .roadHead), (["departementale", "nationale"], .numberedRoadHead),
        (RuleCatalogue.englishPlaceHeads, .englishPlaceHead),
        (RuleCatalogue.headIncludedPlaceHeads, .headIncludedPlaceHead), (Recognition.placeJoiners, .placeJoiner),
        (RuleCatalogue.countryCodes, .countryCode), (RuleCatalogue.organisationMemberNouns, .organisationMember),
        (RuleCatalogue.organisationKindNouns, .organisationKind), (RuleCatalogue.placeOfNouns, .placeOf),
        (RuleCatalogue.compassPoints, .compassPoint),
    ]
}

/// The rule words' roles and list bits by key id, built once per tagger from its gazetteer: a token's
/// roles and lists are then one array read (`Recognition.roles`, `Recognition.lists`).
struct RoleTable: Sendable {
    /// Per key id: the roles in the low 16 bits, the list bits in the high 16 (one table, so that the
    /// lists cost no memory beyond the roles'). Every rule word is a reserved key, so each has an id.
    let packed: ContiguousArray<UInt32>
    /// List words the gazetteer has no id for, with their bits.
    let unknownKeys: [(units: [UInt16], lists: RuleWords.Lists)]
    /// `unknownKeys` by FNV-1a hash of their units (the tokenizer's `Token.keyHash`), open addressing:
    /// index + 1, 0 for an empty slot. A token without an id is then one probe, not a comparison with
    /// every unknown key.
    let unknownSlots: ContiguousArray<Int32>
    /// The hash of each of `unknownKeys`.
    let unknownHashes: ContiguousArray<UInt32>

    /// - Complexity: O(key count + rule words).
    init(gazetteer: Gazetteer) {
        var packed = ContiguousArray<UInt32>(repeating: 0, count: gazetteer.keyCount)
        for (key, role) in RuleWords.folded {
            precondition(role.rawValue <= 0xFFFF, "rule word roles must fit in 16 bits")
            let id = gazetteer.keys.lookup(Array(key.utf16))
            if id >= 0 { packed[Int(id)] |= role.rawValue }
        }
        var unknown: [[UInt16]: RuleWords.Lists] = [:]
        for (keys, list) in RuleWords.lists {
            for key in keys {
                let units = Array(key.utf16)
                let id = gazetteer.keys.lookup(units)
                if id >= 0 { packed[Int(id)] |= UInt32(list.rawValue) << 16 } else { unknown[units, default: []].formUnion(list) }
            }
        }
        self.packed = packed
        let unknownKeys: [(units: [UInt16], lists: RuleWords.Lists)] = unknown.map { ($0.key, $0.value) }.sorted { $0.units.lexicographicallyPrecedes($1.units) }
        self.unknownKeys = unknownKeys
        let hashes = ContiguousArray(unknownKeys.map { KeyTable.hash($0.units) })
        var slotCount = 16
        while slotCount < unknownKeys.count * 4 { slotCount *= 2 }
        var slots = ContiguousArray<Int32>(repeating: 0, count: slotCount)
        for (index, hash) in hashes.enumerated() {
            var slot = RoleTable.slot(hash, mask: slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index + 1)
        }
        unknownSlots = slots
        unknownHashes = hashes
    }

    @inline(__always)
    private static func slot(_ hash: UInt32, mask: Int) -> Int { Int(hash &* 0x9E37_79B1) & mask }

    /// The list bits of a token that has no key id: those of the unknown list words equal to its key.
    /// - Complexity: O(1) expected (one probe; units compared only on equal hashes).
    private func unknownLists(of token: Token, in doc: TokenizedText) -> RuleWords.Lists {
        var lists: RuleWords.Lists = []
        let mask = unknownSlots.count - 1
        var slot = RoleTable.slot(token.keyHash, mask: mask)
        while true {
            let entry = unknownSlots[slot]
            if entry == 0 { return lists }
            let index = Int(entry - 1)
            if unknownHashes[index] == token.keyHash {
                let (units, list) = unknownKeys[index]
                if units.count == Int(token.keyLength) && doc.keyUnits(of: token).elementsEqual(units) { lists.formUnion(list) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The roles and list bits of each token of a document, from its key ids.
    ///
    /// - Complexity: O(tokens) expected.
    func tokenRoles(_ doc: TokenizedText, keyIDs ids: ContiguousArray<Int32>)
        -> (roles: ContiguousArray<RuleWords.Role>, lists: ContiguousArray<RuleWords.Lists>) {
        var roles = ContiguousArray<RuleWords.Role>()
        var lists = ContiguousArray<RuleWords.Lists>()
        self.tokenRoles(doc, keyIDs: ids, roles: &roles, lists: &lists)
        return (roles, lists)
    }

    /// `tokenRoles(_:keyIDs:)`, written over `tokenRoles` and `tokenLists` (their storage reused: buffers
    /// kept from an earlier document).
    func tokenRoles(_ doc: TokenizedText, keyIDs ids: ContiguousArray<Int32>,
                    roles tokenRoles: inout ContiguousArray<RuleWords.Role>,
                    lists tokenLists: inout ContiguousArray<RuleWords.Lists>) {
        let n = ids.count
        // Every element is written below: the buffers are only given the document's length.
        tokenRoles.resizeForOverwrite(n, filler: [])
        tokenLists.resizeForOverwrite(n, filler: [])
        tokenRoles.withUnsafeMutableBufferPointer { tokenRoles in
            tokenLists.withUnsafeMutableBufferPointer { tokenLists in
                for i in 0..<n {
                    let id = Int(ids[i])
                    var bits: UInt32 = 0
                    if id >= 0 && id < packed.count {
                        bits = packed[id]
                    } else if id < 0 && !unknownKeys.isEmpty {
                        bits = UInt32(unknownLists(of: doc.tokens[i], in: doc).rawValue) << 16
                    }
                    tokenRoles[i] = RuleWords.Role(rawValue: bits & 0xFFFF)
                    tokenLists[i] = RuleWords.Lists(rawValue: UInt16(truncatingIfNeeded: bits >> 16))
                }
            }
        }
    }
}
