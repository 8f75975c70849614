/// What the rules test around a span: case, sentence position, cues before and after, the shape of
/// organisation and place names. The rules themselves are in `Catalogue/`.
extension Recognition {
    /// Whether the text could be the entry written in another case: capitals may stand for lower
    /// case (headlines, sentence starts) but a lower-case word never stands for a capitalised one.
    func caseCompatible(entry: Int, match: GazetteerMatch) -> Bool {
        let shape = gazetteer.entryShapes[entry]
        var position = 0
        for t in Int(match.start)..<Int(match.end) {
            let token = tokens[t]
            if token.flags.contains(.hyphen) && token.isJoinedToPrevious { continue }
            guard position < 16 else { break }
            let expected = (shape >> (2 * UInt32(position))) & 3
            if expected >= 2 && Gazetteer.shapeCode(token) == 1 { return false }
            position += 1
        }
        return true
    }

    func isSentenceInitial(_ i: Int) -> Bool {
        tokens[i].flags.contains(.sentenceStart) || (i > 0 && isOpeningPunctuation(i - 1))
            || inHeadline[i]
    }

    // MARK: - Not an entity

    static let cueTypes: UInt64 = bit(.title) | bit(.function) | bit(.organisationHead) | bit(.legalForm)
        | bit(.placeCue) | bit(.placeHead) | bit(.speech)

    /// Products, events, works, demonyms, a cue on its own, or a word inside a longer cue or
    /// non-entity (`Affaires` in `ministre des Affaires étrangères`, `Coupe` in `Coupe du monde`).
    /// `maire de Paris`, `président du Sénat`: the span ends the cue's entry, after its `de`
    /// complement (the entity the function names is annotated on its own; `Premier ministre` is not,
    /// nor an ambiguous entry: `garde des Sceaux`).
    func isComplementOfCue(_ span: Range<Int>, cue: GazetteerMatch) -> Bool {
        let s = span.lowerBound
        guard Int(cue.end) == span.upperBound, s >= Int(cue.start) + 2 else { return false }
        if roles[s - 1].contains(.complement) { return true }
        return s >= Int(cue.start) + 3 && roles[s - 1].contains(.article) && roles[s - 2].contains(.complement)
    }

    /// Whether a lexicon names exactly the span as an entity without the `amb` flag (`Sénat`, not the
    /// `Sceaux` of `garde des Sceaux`).
    func isUnambiguousEntity(_ span: Range<Int>) -> Bool {
        guard let match = entityMatch(exactly: span) else { return false }
        return gazetteer.entries(of: match).contains { position in
            let entry = gazetteer.entryIndex(at: position)
            return gazetteer.type(ofEntry: entry).label != nil && !gazetteer.flags(ofEntry: entry).contains(.ambiguous)
        }
    }

    /// Whether a non-entity entry of a match is written with a capital on its first word (`Tour de
    /// France`, not `accords de Minsk`).
    private func nonEntityOpensCapitalised(_ match: GazetteerMatch) -> Bool {
        gazetteer.entries(of: match).contains { position in
            let entry = gazetteer.entryIndex(at: position)
            return gazetteer.type(ofEntry: entry).isNonEntity && gazetteer.entryShapes[entry] & 3 >= 2
        }
    }

    func isNonEntity(_ span: Range<Int>) -> Bool { isNonEntity(span, exactMatch: match(exactly: span)) }

    /// `isNonEntity(_:)`, given the match of exactly the span (`match(exactly:)`).
    func isNonEntity(_ span: Range<Int>, exactMatch: GazetteerMatch?) -> Bool {
        let s = span.lowerBound, e = span.upperBound
        let entity = Recognition.entityTypes
        // A known entity keeps its own span inside a product or event (`Boeing` in `Boeing 737`,
        // `Minsk` in `accords de Minsk`), as news annotation does.
        let knownEntity = exactMatch.map { typesOf($0) & entity != 0 } ?? false
        // Only a match with a non-entity, function or title type can decide below: a start where no
        // match has one is passed over with one test (`startingTypes` is their union per start).
        let deciding = Recognition.nonEntityTypes | Recognition.bit(.function) | Recognition.bit(.title)
        for start in max(0, s - 8)...s where startingTypes[start] & deciding != 0 {
            for k in matchIndices(startingAt: start) where Int(matches[k].end) >= e {
                let m = matches[k]
                let types = matchTypes[k]
                if types & entity != 0 && Int(m.start) == s && Int(m.end) == e { continue }
                if types & Recognition.nonEntityTypes != 0 && types & entity == 0 && !knownEntity { return true }
                // Text in capitals: a known entity inside a non-entity written with a capital (`TOUR DE
                // FRANCE`, `Tour de France`) goes with it, as the capitalised run does in mixed case.
                if knownEntity, types & Recognition.nonEntityTypes != 0, types & entity == 0, Int(m.start) < s,
                   tokens[Int(m.start)].isAllCaps, nonEntityOpensCapitalised(m) { return true }
                let longer = Int(m.start) < s || Int(m.end) > e
                if longer && types & (Recognition.bit(.function) | Recognition.bit(.title)) != 0 && types & entity == 0
                    && !(knownEntity && isComplementOfCue(span, cue: m) && isUnambiguousEntity(span)) {
                    return true
                }
            }
        }
        if let match = exactMatch {
            let types = typesOf(match)
            if types & entity == 0 {
                if types & Recognition.bit(.demonym) != 0 { return true }
                // A cue alone: `Président`, `Ministre`; an organisation head alone is kept (`l'Assemblée`).
                if types & Recognition.cueTypes != 0 && types & Recognition.bit(.organisationHead) == 0 { return true }
                if types & Recognition.bit(.organisationHead) != 0 && isSentenceInitial(s) { return true }
            } else if types & Recognition.bit(.demonym) != 0 {
                // `la Suisse`, `en Argentine` (a place) against `le Suisse`, `les Argentins`,
                // `un Suisse` (people): a masculine or plural article before the name means people.
                // Only a demonym written as in the text counts (`Philippines` is not `philippines`).
                let demonymAsWritten = gazetteer.entries(of: match).contains { position in
                    let entry = gazetteer.entryIndex(at: position)
                    return gazetteer.type(ofEntry: entry) == .demonym && gazetteer.caseMatches(entry: entry, match: match, in: doc)
                }
                // A country whose name is itself plural (`les Philippines`) stays a place after `les`.
                let pluralCountry = types & Recognition.bit(.country) != 0 && doc.text.utf16[Int(tokens[e - 1].end) - 1] == 0x73
                if demonymAsWritten, s > 0, ["le", "les", "des", "un", "du", "aux"].contains(doc.key(of: tokens[s - 1])),
                   !(pluralCountry && ["les", "des", "aux"].contains(doc.key(of: tokens[s - 1]))) {
                    return true
                }
            }
        }
        return false
    }

    /// A name right after a lower-case noun for a work, a vessel, a storm or an operation, with at most
    /// one adjective and an opening quote between: `le film Jules et Jim`, `la tempête tropicale Alex`,
    /// `l'opération Sentinelle`, `la sonde « Rosetta »`.
    func isThingName(_ span: Range<Int>) -> Bool {
        var j = span.lowerBound - 1
        if j >= 0, tokens[j].kind == .punctuation, isOpeningPunctuation(j) { j -= 1 }
        if j >= 1, tokens[j].isLowercaseWord, roles[j].isEmpty, commonClasses(j).contains(.adjective),
           roles[j - 1].contains(.thingNoun) { j -= 1 }
        return j >= 0 && tokens[j].isLowercaseWord && roles[j].contains(.thingNoun)
    }

    /// Whether token `i` is a one-word organisation entry (`Sanofi`) and nothing else: no other label,
    /// not ambiguous, not an alias.
    func isUnambiguousOrganisation(_ i: Int) -> Bool {
        guard singleTypes[i] & Recognition.entityTypes == singleTypes[i] & Recognition.organisationTypes,
              singleTypes[i] & Recognition.organisationTypes != 0, !has(singleTypes[i], .personFirst),
              let match = match(exactly: i..<(i + 1)) else { return false }
        return gazetteer.entries(of: match).allSatisfy { position in
            let entry = gazetteer.entryIndex(at: position)
            let flags = gazetteer.flags(ofEntry: entry)
            return gazetteer.type(ofEntry: entry).label != .organisation
                || !flags.contains(.ambiguous) && !flags.contains(.alias)
        }
    }

    /// Words between a minister and the portfolio's `de` or `aux` (`ministre délégué aux Transports`).
    static let delegationWords: [StaticString] = ["delegue", "deleguee", "delegues", "deleguees"]

    /// When `s` starts a minister's portfolio (`ministre de l'Intérieur`, `ministre des Affaires
    /// étrangères`), the end of the portfolio.
    func portfolio(at s: Int) -> Int? {
        // `ministre du Canada`: a place is the minister's country, not a portfolio.
        guard nameLike[s], s >= 2, startingTypes[s] & Recognition.locationTypes == 0 else { return nil }
        var j = s - 1
        if roles[j].contains(.secondParticle) { j -= 1 }
        guard j >= 1, roles[j].contains(.complement) || doc.keyEquals(tokens[j], "a") || doc.keyEquals(tokens[j], "aux")
                || doc.keyEquals(tokens[j], "au") else { return nil }
        // `ministre délégué aux Transports`: past the delegation.
        var h = j - 1
        while h >= 1, Recognition.delegationWords.contains(where: { doc.keyEquals(tokens[h], $0) }) { h -= 1 }
        var head = tokens[h]
        // `ministère russe de la Défense`: after a ministry and its nationality, the portfolio.
        if h >= 1, tokens[h].isLowercaseWord, has(singleTypes[h], .demonym), doc.keyEquals(tokens[h - 1], "ministere") {
            head = tokens[h - 1]
        }
        guard doc.keyEquals(head, "ministre") || doc.keyEquals(head, "ministres") || doc.keyEquals(head, "ministere")
                && h >= 1 && has(singleTypes[h], .demonym)
                || doc.keyEquals(head, "etat") && h >= 2 && doc.keyEquals(tokens[h - 2], "secretaire")
        else { return nil }
        var e = s + 1
        // The portfolio is one word, a hyphen chain (`Outre-mer`) and lower-case adjectives
        // (`Affaires étrangères`, `Transition écologique`); a person may follow it directly (`ministre de
        // l'Intérieur Bernard Cazeneuve`). It takes no `de` complement (`Justice de Dilma Rousseff`,
        // `Défense de la Corée du Nord`) and no nationality (`Intérieur turc`).
        let n = tokens.count
        while e < n, !tokens[e].flags.contains(.sentenceStart) {
            if tokens[e].flags.contains(.hyphen), tokens[e].isJoinedToPrevious, e + 1 < n, tokens[e + 1].isJoinedToPrevious,
               tokens[e + 1].kind == .word {
                e += 2
            } else if tokens[e].isLowercaseWord, !has(singleTypes[e], .demonym),
                      isNameAdjective(e) || isPluralAdjectiveAgreeing(e, with: s) {
                e += 1
            } else {
                break
            }
        }
        return e
    }

    /// `Affaires étrangères`: a plural adjective after a plural noun, even one the word list also
    /// knows as a verb form (`étrangères`), which after a plural noun is the adjective.
    func isPluralAdjectiveAgreeing(_ i: Int, with noun: Int) -> Bool {
        guard roles[i].isEmpty, commonClasses(i).contains(.adjective), !commonClasses(i).contains(.grammatical) else {
            return false
        }
        let s = UInt16(UInt8(ascii: "s"))
        return doc.keyUnits(of: tokens[i]).last == s && doc.keyUnits(of: tokens[noun]).last == s
    }

    // MARK: - Persons

    /// `II`, `XIV`, `Ier`, `Ire`, `1er`: a regnal number (not `I` or `V` alone, which may be a pronoun
    /// or an initial).
    func isRomanNumeral(_ i: Int) -> Bool {
        // Most tokens asked are neither three units long (the ordinals) nor in capitals: answered
        // before the key is read.
        let token = tokens[i]
        guard token.keyLength == 3 || token.isAllCaps && token.keyLength >= 2 && token.keyLength <= 7 else { return false }
        let key = doc.keyUnits(of: token)
        if key.count == 3 && Recognition.ordinalKeys.contains(where: { key.elementsEqual($0) }) { return true }
        guard token.isAllCaps, key.count >= 2, key.count <= 7 else { return false }
        // X{0,3} then IX, IV or V?I{0,3}: II to XXXIX (`XXL`, `LI` are no regnal numbers).
        var rest = key[...]
        var tens = 0
        while rest.first == 0x78, tens < 3 { rest = rest.dropFirst(); tens += 1 }
        return Recognition.romanUnits.contains(where: { rest.elementsEqual($0) }) && (tens > 0 || rest.count >= 2)
    }

    /// `ier`, `ire`, `1er` (folded key units).
    private static let ordinalKeys: [[UInt16]] = ["ier", "ire", "1er"].map { Array($0.utf16) }
    /// The units of a Roman numeral after its tens (folded key units; `""` after `X`).
    private static let romanUnits: [[UInt16]] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"].map { Array($0.utf16) }


    func firstNameIsAmbiguous(_ i: Int) -> Bool {
        guard let match = match(exactly: i..<(i + 1)) else { return false }
        return gazetteer.entries(of: match).contains { position in
            let entry = gazetteer.entryIndex(at: position)
            return gazetteer.type(ofEntry: entry) == .personFirst && gazetteer.flags(ofEntry: entry).contains(.ambiguous)
        }
    }

    /// Whether a token is a rare first name (every first-name entry minor, `C`) that a lexicon also
    /// knows as an organisation: `Porsche`, `Bentley`, `Williams`; not `Iris` or `Mercedes`.
    func isRareFirstNameOfOrganisation(_ i: Int) -> Bool {
        guard singleTypes[i] & Recognition.organisationTypes != 0, let match = match(exactly: i..<(i + 1)) else { return false }
        var firstName = false
        for position in gazetteer.entries(of: match) {
            let entry = gazetteer.entryIndex(at: position)
            guard gazetteer.type(ofEntry: entry) == .personFirst else { continue }
            if gazetteer.importance(ofEntry: entry) != .minor { return false }
            firstName = true
        }
        return firstName
    }

    /// A function just before the name, possibly with nationality adjectives and a comma between:
    /// `le président américain Joe Biden`, `le ministre de l'Intérieur, Bernard Cazeneuve`.
    /// Also with the function's place between, before a comma: `le maire d'Ankara, Melih Gökçek`.
    func functionBefore(_ s: Int) -> Bool {
        var j = s - 1
        let comma = j >= 0 && tokens[j].kind == .punctuation && doc.keyEquals(tokens[j], ",")
        if comma { j -= 1 }
        if cue(.function, endingAt: j, lowercaseOnly: false) { return true }
        guard comma, j >= 2, nameLike[j] else { return false }
        // Back over the place's name (at most four tokens) to its `de`.
        var k = j
        while k > j - 4, k > 0, nameLike[k] || tokens[k].flags.contains(.hyphen) || tokens[k].isJoinedToPrevious { k -= 1 }
        return k >= 1 && k < j && roles[k].contains(.complement) && tokens[k].isLowercaseWord
            && cue(.function, endingAt: k - 1, lowercaseOnly: false)
    }

    /// A list separator: `,`, `et`, `ou`.
    func isListSeparator(_ i: Int) -> Bool {
        doc.keyEquals(tokens[i], ",") || roles[i].contains(.coordination)
    }

    /// A first name (not ambiguous) and a capitalised word starting at `i`.
    private func startsFullName(_ i: Int) -> Bool {
        i + 1 < tokens.count && nameLike[i] && has(singleTypes[i], .personFirst) && !firstNameIsAmbiguous(i)
            && nameLike[i + 1] && !tokens[i + 1].flags.contains(.sentenceStart)
            && singleTypes[i] & Recognition.locationTypes == 0
    }

    /// `X, Matt Hall`, `X et Véronique Roy`: a full name after a list separator right after `e`.
    func listNeighbourIsPerson(after e: Int) -> Bool {
        e + 1 < tokens.count && isListSeparator(e) && startsFullName(e + 1)
    }

    /// `Matt Hall, X`: a full name ending right before a list separator before `s`.
    func listNeighbourIsPerson(before s: Int) -> Bool {
        guard s >= 3, isListSeparator(s - 1), nameLike[s - 2] else { return false }
        var start = s - 2
        while start > 0, s - 2 - start < 3, nameLike[start - 1] || tokens[start].flags.contains(.hyphen) { start -= 1 }
        return start < s - 2 && startsFullName(start) && !tokens[s - 1].flags.contains(.sentenceStart)
    }

    /// The label of a known name (an entry that is not ambiguous, of one label only) just after the
    /// list separator at `e`, or just before the one at `s - 1`: `Faial, Pico`, `Facebook, Instagram`.
    func listNeighbourLabel(after e: Int) -> EntityLabel? {
        guard e + 1 < tokens.count, isListSeparator(e), nameLike[e + 1],
              let known = longestMatch(startingAt: e + 1, types: Recognition.entityTypes),
              Int(known.end) >= tokens.count || !nameLike[Int(known.end)] else { return nil }
        return soleLabel(of: known)
    }

    func listNeighbourLabel(before s: Int) -> EntityLabel? {
        guard s >= 2, isListSeparator(s - 1), let known = matchEnding(at: s - 2, types: Recognition.entityTypes),
              known.start == 0 || !nameLike[Int(known.start) - 1] else { return nil }
        return soleLabel(of: known)
    }

    private func soleLabel(of match: GazetteerMatch) -> EntityLabel? {
        var label: EntityLabel?
        for position in gazetteer.entries(of: match) {
            let entry = gazetteer.entryIndex(at: position)
            guard let entryLabel = gazetteer.type(ofEntry: entry).label else { continue }
            if gazetteer.flags(ofEntry: entry).contains(.ambiguous) || label.map({ $0 != entryLabel }) ?? false { return nil }
            label = entryLabel
        }
        return label
    }

    /// `le maire de Nice Christian Estrosi`: a function and `de` before token `i`.
    func functionAndComplementBefore(_ i: Int) -> Bool {
        i >= 2 && roles[i - 1].contains(.complement) && tokens[i - 1].isLowercaseWord
            && cue(.function, endingAt: i - 2, lowercaseOnly: false)
    }

    /// `E.`, `L.`: one capital letter and its period.
    func isInitial(_ i: Int) -> Bool {
        let token = tokens[i]
        return token.flags.contains(.abbreviation) && token.isAllCaps && token.end - token.start == 2
    }

    /// Whether a cue of `type` ends at token `j`, or just before at most two lower-case adjectives or
    /// nationalities (`le président américain`, `le constructeur automobile français`).
    func cue(_ type: EntryType, endingAt j: Int, lowercaseOnly: Bool) -> Bool {
        endsBeforeAdjectives(at: j) { has(endingTypes[$0], type) && (!lowercaseOnly || tokens[$0].isLowercaseWord) }
    }

    /// Whether `isCue` holds at token `j`, or just before at most two lower-case adjectives or
    /// nationalities ending at `j`.
    private func endsBeforeAdjectives(at j: Int, _ isCue: (Int) -> Bool) -> Bool {
        var j = j
        var skipped = 0
        while j >= 0 {
            if isCue(j) { return true }
            guard skipped < 2, tokens[j].isLowercaseWord, roles[j].isEmpty,
                  has(singleTypes[j], .demonym) || commonClasses(j).contains(.adjective) else { return false }
            j -= 1
            skipped += 1
        }
        return false
    }

    /// `X, ministre de…`, `X, l'ancien président`, `X, 45 ans,`.
    func appositionAfter(_ e: Int) -> Bool {
        guard e + 1 < tokens.count, doc.keyEquals(tokens[e], ",") else { return false }
        var j = e + 1
        if tokens[j].kind == .number, j + 1 < tokens.count, roles[j + 1].contains(.years) { return true }
        var steps = 0
        while j < tokens.count && steps < 3 {
            if has(startingTypes[j], .function) { return true }
            guard roles[j].contains(.article) || roles[j].contains(.functionModifier) || tokens[j].flags.contains(.hyphen)
            else { return false }
            j += 1
            steps += 1
        }
        return false
    }

    // MARK: - Organisations


    func letterCount(_ i: Int) -> Int {
        let token = tokens[i]
        var count = 0
        for k in Int(token.keyStart)..<Int(token.keyStart) + Int(token.keyLength) where doc.keyPool[k] != 0x2E { count += 1 }
        return count
    }

    /// `la société Renault`, `le constructeur automobile français Renault`, `le quotidien Le Monde`,
    /// `le groupe de rock Vexholm`, `l'ONG Vexholm`: a lower-case organisation head (`CUE.orghead`) or
    /// kind of organisation (`RuleCatalogue.organisationKindNouns`), up to two adjectives after it, or
    /// a `de` and one or two lower-case words saying what it does, right before `s`.
    func organisationNounBefore(_ s: Int) -> Bool {
        guard !leaderNounBefore(s) else { return false }
        if organisationKindOrHead(endingAt: s - 1) { return true }
        // `groupe de rock`, `maison d'édition`, `fonds d'investissement`, `club de football américain`.
        var j = s - 1
        var words = 0
        while j >= 2, words < 2, tokens[j].isLowercaseWord, roles[j].isEmpty, !commonClasses(j).isEmpty,
              !commonClasses(j).contains(.verb), !commonClasses(j).contains(.grammatical) {
            j -= 1
            words += 1
            if words >= 1, tokens[j].isLowercaseWord, doc.keyEquals(tokens[j], "de") || doc.keyEquals(tokens[j], "d'") {
                return organisationKindOrHead(endingAt: j - 1)
            }
        }
        return false
    }

    /// A lower-case organisation head or kind noun (an acronym such as `ONG` too) ending at `j`, up to
    /// two adjectives or nationalities after it.
    private func organisationKindOrHead(endingAt j: Int) -> Bool {
        endsBeforeAdjectives(at: j) { i in
            has(endingTypes[i], .organisationHead) && tokens[i].isLowercaseWord
                || lists[i].contains(.organisationKind) && (tokens[i].isLowercaseWord || tokens[i].isAllCaps)
        }
    }

    /// `le PDG de X`, `les salariés du X`, `le directeur général de X`: a member noun
    /// (`RuleWords.Lists.organisationMember`, lower case or an acronym), one adjective at most, then
    /// `de`/`du`/`d'` right before `s`.
    func organisationMemberBefore(_ s: Int) -> Bool {
        guard s >= 2, tokens[s - 1].isLowercaseWord, roles[s - 1].contains(.complement),
              !doc.keyEquals(tokens[s - 1], "des") else { return false }
        var j = s - 2
        if j >= 1, tokens[j].isLowercaseWord, roles[j].isEmpty, commonClasses(j).contains(.adjective),
           !lists[j].contains(.organisationMember) {
            j -= 1
        }
        return (tokens[j].isLowercaseWord || tokens[j].isAllCaps) && lists[j].contains(.organisationMember)
    }

    /// `le gouvernement Valls`: a lower-case leader noun (`RuleWords.Role.leaderNoun`) right before
    /// `s`, itself after a determiner or preposition (`du`, `le`, `l'`, `sous`…: a word in lower case).
    func leaderNounBefore(_ s: Int) -> Bool {
        s >= 2 && tokens[s - 1].isLowercaseWord && roles[s - 1].contains(.leaderNoun) && tokens[s - 2].isLowercaseWord
    }

    /// Extends an organisation name after its head: adjectives, then up to three `de` complements
    /// (`Banque centrale européenne`, `Conseil de sécurité des Nations unies`, `Fédération
    /// internationale des ligues des droits de l'homme`); adjectives and plural nouns may be
    /// coordinated (`Agence américaine océanique et atmosphérique`, `Direction des examens et concours`).
    func extendOrganisation(from end: Int) -> Int {
        var e = end
        let n = tokens.count
        e = extendAdjectives(from: e, coordinated: false)
        var complements = 0
        while complements < 3, e < n, roles[e].contains(.complement), tokens[e].isLowercaseWord, !lineBreakBetween(e - 1, e) {
            var j = e + 1
            if j < n, roles[j].contains(.secondParticle), tokens[j].isLowercaseWord { j += 1 }
            // A name ends at a line break (`Banque de` ⏎ `…`).
            guard j < n, !lineBreakBetween(e, j) else { break }
            if nameLike[j], !tokens[j].flags.contains(.sentenceStart) {
                // A name complement ends the organisation's name (`Grande Mosquée de Valence`).
                var k = j + 1
                while k < n, nameLike[k] || tokens[k].flags.contains(.hyphen), let next = extendName(from: k) { k = next }
                e = k
                break
            } else if j <= e + 2, isComplementNoun(j) {
                e = j + 1
                // `Fédération nationale des sapeurs-pompiers`: a hyphenated noun.
                while e + 1 < n, tokens[e].flags.contains(.hyphen), tokens[e].isJoinedToPrevious,
                      tokens[e + 1].isJoinedToPrevious, tokens[e + 1].isLowercaseWord { e += 2 }
                // `des examens et concours`: plural nouns joined by `et`.
                if e + 1 < n, doc.keyEquals(tokens[e], "et"), isComplementNoun(e + 1), isPlural(j), isPlural(e + 1),
                   !lineBreakBetween(j, e + 1) { e += 2 }
            } else {
                break
            }
            e = extendAdjectives(from: e, coordinated: true)
            complements += 1
        }
        return e
    }

    /// A lower-case noun that may be an organisation's complement (`sécurité`, `droits`).
    private func isComplementNoun(_ i: Int) -> Bool {
        guard tokens[i].isLowercaseWord, tokens[i].kind == .word, roles[i].isEmpty else { return false }
        let classes = commonClasses(i)
        return !classes.contains(.grammatical) && (classes.isEmpty || classes.contains(.noun))
    }

    private func isPlural(_ i: Int) -> Bool {
        let last = doc.keyUnits(of: tokens[i]).last
        return last == UInt16(UInt8(ascii: "s")) || last == UInt16(UInt8(ascii: "x"))
    }

    /// Lower-case adjectives after `e`, on the same line; two of them may be joined by `et`
    /// (`océanique et atmosphérique`).
    private func extendAdjectives(from start: Int, coordinated: Bool) -> Int {
        var e = start
        let n = tokens.count
        while e < n, tokens[e].isLowercaseWord, !lineBreakBetween(e - 1, e) {
            if let end = compoundDemonymEnd(at: e) { e = end; continue } // `Parlement sud-coréen`
            guard isNameAdjective(e) else { break }
            e += 1
        }
        if e > start, e + 1 < n, doc.keyEquals(tokens[e], "et"), tokens[e + 1].isLowercaseWord, isNameAdjective(e + 1),
           !has(singleTypes[e + 1], .demonym) || has(singleTypes[e - 1], .demonym), !lineBreakBetween(e - 1, e + 1) {
            e += 2
        }
        return e
    }

    /// The end of a demonym of several tokens starting at `i` in lower case (`sud-coréen`,
    /// `nord-américaine`), if any.
    func compoundDemonymEnd(at i: Int) -> Int? {
        guard tokens[i].isLowercaseWord, startingTypes[i] & Recognition.bit(.demonym) != 0 else { return nil }
        var end: Int?
        for k in matchIndices(startingAt: i) where matchTypes[k] & Recognition.bit(.demonym) != 0 && Int(matches[k].end) > i + 1 {
            end = max(end ?? 0, Int(matches[k].end))
        }
        return end
    }

    /// A demonym, or an adjective that is neither a verb nor a grammatical word (`avant`, `après`,
    /// `sur`, `tout` are adjectives too, but after a name they start the sentence's next phrase).
    func isNameAdjective(_ i: Int) -> Bool {
        guard roles[i].isEmpty, !commonClasses(i).contains(.verb), !commonClasses(i).contains(.grammatical) else { return false }
        return has(singleTypes[i], .demonym) || commonClasses(i).contains(.adjective) || isInflectedAdjective(i)
    }

    /// `nationale`, `royales`, `internationaux`: the word list knows the masculine singular as an
    /// adjective but not every inflection.
    func isInflectedAdjective(_ i: Int) -> Bool {
        var key = Array(doc.keyUnits(of: tokens[i]))
        guard key.count > 4 else { return false }
        let s = UInt16(UInt8(ascii: "s")), e = UInt16(UInt8(ascii: "e")), x = UInt16(UInt8(ascii: "x"))
        var candidates: [[UInt16]] = []
        if key.last == s || key.last == x { key.removeLast() }
        if key.last == e { candidates.append(Array(key.dropLast())) }
        candidates.append(key)
        if key.suffix(2) == [UInt16(UInt8(ascii: "a")), UInt16(UInt8(ascii: "u"))] { // internationaux → international
            candidates.append(Array(key.dropLast(2)) + [UInt16(UInt8(ascii: "a")), UInt16(UInt8(ascii: "l"))])
        }
        return candidates.contains { gazetteer.commonWordClasses(keyID: gazetteer.keys.lookup($0)).contains(.adjective) }
    }

    /// `philharmonique`, `symphoniques`: a word the word list does not know, ending as learned
    /// adjectives do (`-ique`).
    func hasAdjectiveSuffix(_ i: Int) -> Bool {
        guard roles[i].isEmpty, commonClasses(i).isEmpty else { return false }
        var key = doc.keyUnits(of: tokens[i])
        if key.last == UInt16(UInt8(ascii: "s")) { key = key.dropLast() }
        return key.count > 5 && key.suffix(4).elementsEqual("ique".utf16)
    }

    // MARK: - Locations

    /// A road code at token `i`: `A7`, `E40`, `N7`, `RN7`, `D906` as one token, or `RN 20`, `D 906`
    /// as letters and a number; returns the end, the letters (folded) and the number of digits.
    func roadCode(at i: Int) -> (end: Int, letters: RoadLetters, digits: Int)? {
        let token = tokens[i]
        guard token.flags.contains(.startsUppercase), !token.flags.contains(.hasLowercase) else { return nil }
        let key = doc.keyUnits(of: token)
        let letterCount = key.prefix { $0 >= 0x61 && $0 <= 0x7A }.count
        guard letterCount >= 1, letterCount <= 2,
              let letters = RoadLetters(key.prefix(letterCount)) else { return nil }
        let rest = key.dropFirst(letterCount)
        if !rest.isEmpty {
            guard rest.count <= 4, rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return (i + 1, letters, rest.count)
        }
        // `RN 20`, `D 906`: the number as the next token.
        guard i + 1 < tokens.count, tokens[i + 1].kind == .number, !tokens[i + 1].isJoinedToPrevious else { return nil }
        let number = doc.keyUnits(of: tokens[i + 1])
        guard number.count <= 4, number.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return (i + 2, letters, number.count)
    }

    /// The letters of a road code (folded): motorways, national, departmental and European roads.
    enum RoadLetters {
        case a, n, d, e, rn, rd

        /// The letters of folded key units (`a`, `rn`), or nil for other letters.
        init?(_ units: ArraySlice<UInt16>) {
            let first = units.first ?? 0, second = units.dropFirst().first
            switch (first, second) {
            case (0x61, nil): self = .a
            case (0x6E, nil): self = .n
            case (0x64, nil): self = .d
            case (0x65, nil): self = .e
            case (0x72, 0x6E): self = .rn
            case (0x72, 0x64): self = .rd
            default: return nil
            }
        }
    }

    /// Folded keys (`lès` folds to `les`); tested through `RuleWords.Lists.placeJoiner`.
    static let placeJoiners: Set<String> = ["sur", "sous", "en", "les", "le", "la", "aux", "d'", "de", "du", "des", "l'"]

    /// `Saint-Xxx`, `Xxx-sur-Yyy`, `Xxx-en-Yyy`, `Xxx-lès-Yyy`.
    func hasPlaceShape(_ span: Range<Int>) -> Bool {
        let s = span.lowerBound
        if span.count >= 3, doc.keyEquals(tokens[s], "saint") || doc.keyEquals(tokens[s], "sainte"),
           tokens[s + 1].flags.contains(.hyphen), tokens[s + 1].isJoinedToPrevious { return true }
        for i in span.dropFirst() where tokens[i].isLowercaseWord && tokens[i].isJoinedToPrevious && i > s
            && tokens[i - 1].flags.contains(.hyphen) && i + 1 < span.upperBound && tokens[i + 1].flags.contains(.hyphen) {
            if lists[i].contains(.placeJoiner) { return true }
        }
        return false
    }
}
