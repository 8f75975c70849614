/// Rules that vote for a place (LOC). Weights: `RuleWeights`, "Location rules".
extension RuleCatalogue {
    static let locationCandidates: [CandidateRule] = [locationHeadSpan, locationRoad, locationCountryCode]

    static let location: [EvidenceRule] = [
        locationCue, locationPreposition, locationHeadBefore, locationHeadInName, locationShape,
        locationCueOpeningName, locationList, locationHeadLast, locationPlaceOf, locationAdminInParentheses,
    ]

    /// `Faial, Pico, Graciosa et Terceira`: a name in a list whose neighbour across `,`, `et` or `ou`
    /// is a known place (an entry of no other label, not ambiguous).
    static let locationList = EvidenceRule(.locationList, votes: .location, weight: RuleWeights.locationList,
                                           loneWord: .notOnCommonNoun) { _, span in
        span.listNeighbourAfter == .location || span.listNeighbourBefore == .location
    }

    /// `Gakona Lodge`, `Mendeltna Creek`, `Big Island`: an English place noun ends a name of two words
    /// or more, not a first name and a surname (`Mathilde Lodge`; a second trigger of `location.head`).
    static let locationHeadLast = EvidenceRule(.locationHead, votes: .location, weight: RuleWeights.locationHeadLast) { r, span in
        span.wordCount >= 2 && r.tokens[span.end - 1].isCapitalized && r.lists[span.end - 1].contains(.englishPlaceHead)
            && !(span.wordCount == 2 && r.has(r.singleTypes[span.start], .personFirst))
    }

    /// English place nouns that end a place's name (folded keys; tested through `RuleWords.Lists`).
    static let englishPlaceHeads: Set<String> = [
        "lodge", "creek", "lake", "river", "island", "islands", "mountain", "mountains", "bay", "beach", "valley",
        "falls", "springs", "heights", "hills", "canyon", "peak", "coast", "county", "street", "avenue", "square",
    ]

    /// `l'A7`, `la RN 20`, `la D 906`, `l'E40` (after `la`/`l'`: roads are feminine, `le RN` is a
    /// party), `l'autoroute A7`, `la départementale 31` (head included), and the codes listed after
    /// one (`l'A7 et RN 20`): a road code is a place. An `A`
    /// with three digits after an article is an aircraft (`l'A320`), not a motorway.
    static let locationRoad = CandidateRule(name: .locationRoad, label: .location, weight: RuleWeights.locationRoad) { r in
        var found: [(span: Range<Int>, weight: Double)] = []
        let tokens = r.tokens
        for i in r.ruleStarts.roads {
            let head = i > 0 && r.lists[i - 1].contains(.roadHead) && tokens[i - 1].isLowercaseWord
            // `départementale 31`, `nationale 7`: the head and the number.
            if head, tokens[i].kind == .number, r.lists[i - 1].contains(.numberedRoadHead), tokens[i].keyLength <= 4 {
                found.append(((i - 1)..<(i + 1), RuleWeights.locationRoad))
                continue
            }
            // Most tokens are no road code: the code's shape (capitals, no lower case) is tested first.
            guard tokens[i].flags.contains(.startsUppercase), !tokens[i].flags.contains(.hasLowercase),
                  let (end, letters, digits) = r.roadCode(at: i) else { continue }
            if head {
                found.append(((i - 1)..<end, RuleWeights.locationRoad))
            } else if i > 0, r.doc.keyEquals(tokens[i - 1], "la") || r.doc.keyEquals(tokens[i - 1], "l'"),
                      !(letters == .a && digits >= 3) {
                found.append((i..<end, RuleWeights.locationRoad))
            } else if i > 1, let previous = found.last, previous.span.upperBound == i - 1, r.isListSeparator(i - 1),
                      digits > 0 {
                // `l'A7 et la RN 20`, `les routes A7 et RN 20`: the next code of a list of roads.
                found.append((i..<end, RuleWeights.locationRoad))
            }
        }
        return found
    }

    /// `le maire de Vexholm`, `le préfet du Vexholm`, `les habitants de Vexholm`, `au nord de Vexholm`,
    /// `à l'est de Vexholm`: an office held over a place, its people, or a side of it
    /// (`placeOfNouns`, lower case), then `de`/`du`/`d'`: the name is the place. A side needs `au`,
    /// `l'`, `le` or a hyphen before it (`est` is also a verb). Not alone on a common noun.
    static let locationPlaceOf = EvidenceRule(.locationPlaceOf, votes: .location, weight: RuleWeights.locationPlaceOf,
                                              loneWord: .notOnCommonNoun) { r, span in
        let s = span.start
        // `le préfet de la Vexholmie`: `de la`, `de l'` too.
        let particle = s >= 2 && r.roles[s - 1].contains(.secondParticle) && r.tokens[s - 1].isLowercaseWord ? s - 2 : s - 1
        guard particle >= 2, r.tokens[particle].isLowercaseWord, r.roles[particle].contains(.complement),
              !r.doc.keyEquals(r.tokens[particle], "des"), r.tokens[particle - 1].isLowercaseWord,
              r.lists[particle - 1].contains(.placeOf) else { return false }
        if r.lists[particle - 1].contains(.compassPoint) {
            guard particle >= 2 else { return false }
            let before = r.tokens[particle - 2]
            return before.flags.contains(.hyphen) || r.doc.keyEquals(before, "au") || r.doc.keyEquals(before, "l'")
                || r.doc.keyEquals(before, "le")
        }
        return true
    }

    /// Offices held over a place, its people, and its sides, before `de` and the place's name
    /// (folded keys; tested through `RuleWords.Lists`). Not offices as often held in an organisation
    /// (`président`, `directeur`: `organisation.member-of`).
    static let placeOfNouns: Set<String> = Set([
        "maire", "maires", "mairesse", "prefet", "prefete", "sous-prefet", "gouverneur", "gouverneure",
        "bourgmestre", "edile", "depute", "deputee", "senateur", "senatrice", "eveque", "archeveque", "consul",
        "habitant", "habitante", "habitants", "habitantes", "originaire", "originaires", "natif", "native",
        "environs", "alentours", "peripherie", "faubourgs", "banlieue",
    ]).union(compassPoints)

    /// `nord`, `sud`, `est`, `ouest` (`RuleWords.Lists.compassPoint`).
    static let compassPoints: Set<String> = ["nord", "sud", "est", "ouest"]

    /// `Vexholm (Gard)`, `Saint-Vexholm (Haute-Savoie)`: a name before a French département or
    /// region in parentheses (an administrative entry of the lexicon) is a commune. Not a person's
    /// name (a first name opens it): `Jean Dupont (Gard)` is a candidate's constituency.
    static let locationAdminInParentheses = EvidenceRule(.locationAdminInParentheses, votes: .location,
                                                         weight: RuleWeights.locationAdminInParentheses) { r, span in
        let e = span.end
        guard e + 2 < r.tokens.count, r.doc.keyEquals(r.tokens[e], "("), !r.has(r.singleTypes[span.start], .personFirst),
              let admin = r.longestMatch(startingAt: e + 1, types: Recognition.bit(.admin) | Recognition.bit(.region)),
              Int(admin.end) < r.tokens.count, r.doc.keyEquals(r.tokens[Int(admin.end)], ")") else { return false }
        return true
    }

    /// `Usain Bolt (JAM)`, `Joseba Beloki (ESP)`, `Real Madrid (ESP)`: a country's three-letter code in
    /// parentheses right after a word with a capital is the country (sports results write a competitor's
    /// nation so), not an acronym of the name before it (`document.acronym` leaves it alone). Not in a
    /// text in capitals, where any word has a capital.
    static let locationCountryCode = CandidateRule(name: .locationCountryCode, label: .location,
                                                   weight: RuleWeights.locationCountryCode) { r in
        var found: [(span: Range<Int>, weight: Double)] = []
        let tokens = r.tokens
        for i in r.ruleStarts.capitals where i >= 2 && i < tokens.count - 1 && r.lists[i].contains(.countryCode)
            && r.doc.keyEquals(tokens[i - 1], "(") && r.doc.keyEquals(tokens[i + 1], ")") && tokens[i - 2].flags.contains(.startsUppercase) && !r.inHeadline[i] {
            found.append((i..<(i + 1), RuleWeights.locationCountryCode))
        }
        return found
    }

    /// Three-letter country codes (folded keys; tested through `RuleWords.Lists`): the IOC's, which
    /// sports results use, former ones (`URS`, `RDA` is written out), and the ISO 3166-1 alpha-3 codes
    /// that differ from them. Written from the standards' lists.
    static let countryCodes: Set<String> = [
        // IOC
        "afg", "alb", "alg", "and", "ang", "ant", "arg", "arm", "aru", "asa", "aus", "aut", "aze", "bah", "ban",
        "bar", "bdi", "bel", "ben", "ber", "bhu", "bih", "biz", "blr", "bol", "bot", "bra", "brn", "bru", "bul",
        "bur", "caf", "cam", "can", "cay", "cgo", "cha", "chi", "chn", "civ", "cmr", "cod", "cok", "col", "com",
        "cpv", "crc", "cro", "cub", "cyp", "cze", "den", "dji", "dma", "dom", "ecu", "egy", "eri", "esa", "esp",
        "est", "eth", "fij", "fin", "fra", "fsm", "gab", "gam", "gbr", "gbs", "geo", "geq", "ger", "gha", "gre",
        "grn", "gua", "gui", "gum", "guy", "hai", "hkg", "hon", "hun", "ina", "ind", "iri", "irl", "irq", "isl",
        "isr", "isv", "ita", "ivb", "jam", "jor", "jpn", "kaz", "ken", "kgz", "kir", "kor", "kos", "ksa", "kuw",
        "lao", "lat", "lba", "lbn", "lbr", "lca", "les", "lie", "ltu", "lux", "mad", "mar", "mas", "maw", "mda",
        "mdv", "mex", "mgl", "mhl", "mkd", "mli", "mlt", "mne", "mon", "moz", "mri", "mtn", "mya", "nam", "nca",
        "ned", "nep", "ngr", "nig", "nor", "nru", "nzl", "oma", "pak", "pan", "par", "per", "phi", "ple", "plw",
        "png", "pol", "por", "prk", "pur", "qat", "rou", "rsa", "rus", "rwa", "sam", "sen", "sey", "sgp", "skn",
        "sle", "slo", "smr", "sol", "som", "srb", "sri", "ssd", "stp", "sud", "sui", "sur", "svk", "swe", "swz",
        "syr", "tan", "tga", "tha", "tjk", "tkm", "tls", "tog", "tpe", "tto", "tun", "tur", "tuv", "uae", "uga",
        "ukr", "uru", "usa", "uzb", "van", "ven", "vie", "vin", "yem", "zam", "zim",
        // former IOC codes
        "urs", "gdr", "frg", "tch", "yug", "eun", "scg",
        // ISO 3166-1 alpha-3 where it differs from the IOC's
        "deu", "nld", "che", "prt", "dnk", "hrv", "zaf", "grc", "bgr", "chl", "irn", "idn", "mys", "phl", "svn",
        "lva", "sau", "are", "vnm", "nga", "dza", "ury", "pry", "twn", "mng", "npl", "slv", "gtm", "hnd",
        "nic", "cri", "tza", "zmb", "zwe", "mdg", "mwi", "ago", "bfa", "bgd", "khm", "mmr", "lka", "tcd", "cog",
    ]

    /// Lower-case road nouns that stay in a road code's span (folded keys; tested through `RuleWords.Lists`).
    static let roadHeads: Set<String> = ["autoroute", "route", "nationale", "departementale", "rocade", "voie"]

    /// `la ville de Bron`, `la province de Hama`, `la région Bretagne`: a noun announcing a place just
    /// before the name, or before its `de`.
    static let locationCue = EvidenceRule(.locationCue, votes: .location, weight: RuleWeights.locationCue) { r, span in
        let s = span.start
        guard s > 0 else { return false }
        return r.has(r.endingTypes[s - 1], .placeCue)
            || (s > 1 && r.roles[s - 1].contains(.complement) && r.has(r.endingTypes[s - 2], .placeCue))
    }

    /// `Pays de Galles`, `Province d'Alep`: a capitalised place noun and a particle open the run; the
    /// name after them is the place (a second trigger of `location.cue`, voting after the others).
    static let locationCueOpeningName = EvidenceRule(.locationCue, votes: .location, weight: RuleWeights.locationCue) { _, span in
        span.prefix.placeCue
    }

    /// `à Bron`, `en Savoie` (`en`, `au`, `aux`: strong), `depuis Lyon` (weak), `près de Lyon`,
    /// `dans le Var`: a preposition of place before the name. Bare `a` (has) is not `à`.
    static let locationPreposition = EvidenceRule(.locationPreposition, votes: .location,
                                                  weight: RuleWeights.locationPreposition,
                                                  loneWord: .notOnCommonNoun) { r, span in
        let s = span.start
        guard s > 0 else { return nil }
        // `a confié au Monde`, `a déclaré à Libération`: a medium after `à` is spoken to, not a place.
        if let known = span.exactMatch, r.typesOf(known) & Recognition.bit(.media) != 0 { return nil }
        let before = r.tokens[s - 1]
        let role = r.roles[s - 1]
        let isBareA = r.doc.keyEquals(before, "a") && r.doc.text.utf16[Int(before.start)] | 0x20 == 0x61
        if role.contains(.placePreposition) && !isBareA {
            let strong = r.doc.keyEquals(before, "en") || r.doc.keyEquals(before, "au") || r.doc.keyEquals(before, "aux")
            return strong ? RuleWeights.locationPrepositionStrong : RuleWeights.locationPreposition
        }
        if role.contains(.weakPlacePreposition) { return RuleWeights.locationPrepositionWeak }
        if s > 1, role.contains(.complement), r.doc.keyEquals(r.tokens[s - 2], "pres") {
            return RuleWeights.locationPrepositionNear
        }
        if s > 1, role.contains(.article), r.doc.keyEquals(r.tokens[s - 2], "dans") {
            return RuleWeights.locationPrepositionInThe
        }
        return nil
    }

    /// `le lac Vexholm`, `le mont Ventoux`, `le lac de Vexholm`: a lower-case place head before the name
    /// (the candidate with the head, from `placeHeadCandidates`, is longer and wins where it applies).
    static let locationHeadBefore = EvidenceRule(.locationHead, votes: .location, weight: RuleWeights.locationHeadBefore) { r, span in
        let s = span.start
        guard s > 0 else { return nil }
        if r.tokens[s - 1].isLowercaseWord, r.has(r.endingTypes[s - 1], .placeHead) { return RuleWeights.locationHeadBefore }
        if s > 1, r.tokens[s - 2].isLowercaseWord, r.roles[s - 1].contains(.complement), r.has(r.endingTypes[s - 2], .placeHead) {
            return RuleWeights.locationHeadBeforeComplement
        }
        return nil
    }

    /// `Lac Léman`, `Mont Blanc`: a capitalised place head opens a name of two words or more; not a
    /// name a lexicon knows exactly as an organisation (`Île-de-France Mobilités`, the transport authority).
    static let locationHeadInName = EvidenceRule(.locationHead, votes: .location, weight: RuleWeights.locationHeadInName) { r, span in
        r.has(r.singleTypes[span.start], .placeHead) && span.span.count >= 2 && r.nameLike[span.start]
            && (span.exactMatch.map { r.typesOf($0) & Recognition.organisationTypes == 0 } ?? true)
    }

    /// `Saint-Xxx`, `Xxx-sur-Yyy`, `Xxx-en-Yyy`, `Xxx-lès-Yyy`: the shape of a French place name.
    static let locationShape = EvidenceRule(.locationShape, votes: .location, weight: RuleWeights.locationShape) { r, span in
        r.hasPlaceShape(span.span)
    }

    /// `place de la République`, `mont Ventoux`, `vallée de Joux`, `gare de Lyon`, `île de Guam`: a
    /// lower-case street, square, station, mountain, valley, sea or island head, an optional `de`
    /// complement and a name make one place, head included (as news annotation does; for ports,
    /// airports, archipelagos, lakes and parks it takes the name alone). Not the idiom `à la place de`.
    static let locationHeadSpan = CandidateRule(name: .locationHead, label: .location,
                                                weight: RuleWeights.locationHeadSpan) { r in
        var found: [(span: Range<Int>, weight: Double)] = []
        let tokens = r.tokens, n = tokens.count
        for i in r.ruleStarts.placeHeads {
            guard r.lists[i].contains(.headIncludedPlaceHead) else { continue }
            // `Outre-mer`: a head inside a hyphenated word is no head.
            if tokens[i].isJoinedToPrevious, i > 0, tokens[i - 1].flags.contains(.hyphen) { continue }
            if r.doc.keyEquals(tokens[i], "place"), i >= 2, r.roles[i - 1].contains(.article), r.doc.keyEquals(tokens[i - 2], "a") {
                continue
            }
            var j = i + 1
            if j < n, r.roles[j].contains(.complement), tokens[j].isLowercaseWord { j += 1 }
            if j < n, r.roles[j].contains(.secondParticle), tokens[j].isLowercaseWord { j += 1 }
            guard j < n, r.nameLike[j], !tokens[j].flags.contains(.sentenceStart),
                  r.startingTypes[j] & Recognition.bit(.title) == 0 else { continue }
            var end = j + 1
            while end < n, let next = r.extendName(from: end), !tokens[end].isLowercaseWord || tokens[end].isJoinedToPrevious {
                end = next
            }
            found.append((i..<end, RuleWeights.locationHeadSpan))
        }
        return found
    }

    /// The place heads that stay inside the span (folded keys; tested through `RuleWords.Lists`).
    static let headIncludedPlaceHeads: Set<String> = [
        "rue", "avenue", "boulevard", "place", "quai", "allee", "impasse", "cours", "square", "gare", "mont",
        "vallee", "mer", "col", "ile",
    ]
}
