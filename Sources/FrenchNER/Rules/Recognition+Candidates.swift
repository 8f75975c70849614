/// Finding candidate spans: runs of capitalised words, lexicon entries that reach beyond them, and
/// organisations with a lower-case head.
extension Recognition {
    /// Every candidate of the document, before overlaps are resolved.
    func candidates() -> [Candidate] {
        var found: [Candidate] = []
        found.reserveCapacity(tokens.count / 8)
        // The lists below are the thread's (`RecognitionBuffers`), kept from its last document: taken
        // here, handed back at the end.
        let buffers = RecognitionBuffers.current()
        // The parts of a run, in two buffers that serve every run (no arrays made per run).
        var parts = RecognitionBuffers.take(&buffers.parts, empty: [])
        var pieces = RecognitionBuffers.take(&buffers.pieces, empty: [])
        // Spans of two words or more weighed with no prefix: a lexicon entry of exactly such a span
        // would be weighed the same (`classify` depends on the span and prefix only) and is skipped.
        var weighed = RecognitionBuffers.take(&buffers.weighed, empty: [])
        weighed.removeAll(keepingCapacity: true)
        var runsBuffer = RecognitionBuffers.take(&buffers.runs, empty: [])
        nameRuns(into: &runsBuffer)
        let runs = runsBuffer
        weighed.reserveCapacity(runs.count)
        for run in runs {
            parts.removeAll(keepingCapacity: true)
            splitAtParticles(run, into: &parts)
            pieces.removeAll(keepingCapacity: true)
            for part in parts { splitBeforePerson(part, into: &pieces) }
            for part in pieces {
                // `ministre de l'Intérieur Bernard Cazeneuve`: the portfolio, then the person; the
                // portfolio may reach beyond the run (`Affaires étrangères`, `Outre-mer`).
                if let places = placesSideBySide(part) {
                    for place in places {
                        if let candidate = candidate(forRun: place, weighed: &weighed) { found.append(candidate) }
                    }
                } else if let portfolioEnd = portfolio(at: part.lowerBound), portfolioEnd != part.upperBound {
                    if let candidate = candidate(forRun: part.lowerBound..<portfolioEnd, weighed: &weighed) {
                        found.append(candidate)
                    }
                    if portfolioEnd < part.upperBound,
                       let candidate = candidate(forRun: portfolioEnd..<part.upperBound, weighed: &weighed) {
                        found.append(candidate)
                    }
                } else if let candidate = candidate(forRun: part, weighed: &weighed) {
                    found.append(candidate)
                }
            }
        }
        weighed.sort { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound < $1.upperBound }
        found += lexiconCandidates(skipping: weighed)
        for rule in RuleCatalogue.candidateRules {
            for (span, weight) in rule.finds(self) { found.append(Candidate(span, rule.label, score: weight, rule: rule.name)) }
        }
        if tokens.count <= RecognitionBuffers.maxKeptTokens {
            buffers.parts = parts
            buffers.pieces = pieces
            buffers.weighed = weighed
            buffers.runs = runs
        }
        return found
    }

    /// `Paris Lyon Marseille`: three words or more side by side, each a well-known place (a major
    /// entry, not ambiguous: not `Prince Rogers Nelson`) and no entry
    /// joining two of them, are so many places (a list without commas, a route, a headline), not one
    /// name (`person.first-name` would read `Paris` as a first name).
    ///
    /// - Complexity: O(*k*) in the run's length *k*.
    func placesSideBySide(_ run: Range<Int>) -> [Range<Int>]? {
        guard run.count >= 3 else { return nil }
        for i in run {
            guard nameLike[i], !tokens[i].flags.contains(.hyphen), !tokens[i].isJoinedToPrevious,
                  singleTypes[i] & Recognition.locationTypes != 0, let known = match(exactly: i..<(i + 1)),
                  isWellKnown(known) else { return nil }
            for k in matchIndices(startingAt: i) where Int(matches[k].end) > i + 1 && Int(matches[k].end) <= run.upperBound
                && matchTypes[k] & Recognition.entityTypes != 0 {
                return nil
            }
        }
        return run.map { $0..<($0 + 1) }
    }

    // MARK: - Runs

    /// The most tokens a run of capitalised words takes before it is cut (a name is far shorter; a
    /// capitalised list or a headline without periods is not one name, and must not cost quadratic time).
    static let maxNameTokens = 32

    /// Maximal runs of name-like tokens, joined by hyphens (`Aix-en-Provence`, `Val-d'Oise`) and by name
    /// particles followed by another name token (`Banque de France`, `Ursula von der Leyen`), within a
    /// sentence and a line, cut after `maxNameTokens` tokens.
    func nameRuns() -> [Range<Int>] {
        var runs: [Range<Int>] = []
        nameRuns(into: &runs)
        return runs
    }

    /// `nameRuns()`, written over `runs` (its storage reused).
    func nameRuns(into runs: inout [Range<Int>]) {
        runs.removeAll(keepingCapacity: true)
        let n = tokens.count
        // About one run per eight tokens in news: grown once or twice, not from empty.
        runs.reserveCapacity(n / 8 + 8)
        var i = 0
        while i < n {
            // Most tokens start no run: `nameLike` and the hyphen after answer before the Arabic article
            // is looked for.
            guard nameLike[i] || i + 2 < n && tokens[i + 1].flags.contains(.hyphen) && isArabicArticle(i) else {
                i += 1
                continue
            }
            let start = i
            var end = i + 1
            while end < n && end - start < Recognition.maxNameTokens {
                if let next = extendAcrossHyphens(from: end) { end = next; continue }
                if let next = extendAcrossParticles(from: end) { end = next; continue }
                // A model code after a name is not part of it (`Airbus A321`): the name stands alone.
                if nameLike[end], continuesName(end),
                   !tokens[end].flags.contains(.hasDigit) || startingTypes[end] & Recognition.entityTypes != 0 {
                    end += 1
                    continue
                }
                break
            }
            runs.append(start..<end)
            i = end
        }
    }

    /// `al-Bab`, `el-Sissi`: a lower-case Arabic article joined to a name starts the name.
    private func isArabicArticle(_ i: Int) -> Bool {
        let n = tokens.count
        return i + 2 < n && tokens[i].isLowercaseWord && tokens[i + 1].flags.contains(.hyphen)
            && tokens[i + 1].isJoinedToPrevious && tokens[i + 2].isJoinedToPrevious && nameLike[i + 2]
            && ["al", "el", "ad", "ar", "as", "ash", "ech", "ben"].contains(doc.key(of: tokens[i]))
    }

    /// Whether token `i` may continue the name before it (same sentence and line).
    private func continuesName(_ i: Int) -> Bool {
        !tokens[i].flags.contains(.sentenceStart) && !lineBreakBetween(i - 1, i)
    }

    /// `-en-Provence`, `-d'Oise`, `-Étienne`: a chain of joined tokens after a hyphen that reaches a
    /// name-like token. Returns the index after that token.
    private func extendAcrossHyphens(from i: Int) -> Int? {
        guard i < tokens.count, tokens[i].flags.contains(.hyphen), tokens[i].isJoinedToPrevious else { return nil }
        var j = i + 1
        while j < tokens.count, tokens[j].isJoinedToPrevious, j - i <= 6 {
            let token = tokens[j]
            if token.flags.contains(.hyphen) { j += 1; continue }
            guard token.kind == .word || token.kind == .number else { return nil }
            if nameLike[j] { return j + 1 }
            j += 1
        }
        return nil
    }

    /// `de France`, `de la Concorde`, `von der Leyen`, `al-Assad`: particles followed by a name token.
    private func extendAcrossParticles(from i: Int) -> Int? {
        guard i < tokens.count, roles[i].contains(.nameParticle), tokens[i].isLowercaseWord,
              continuesName(i) else { return nil }
        var j = i + 1
        if j < tokens.count, roles[j].contains(.secondParticle), tokens[j].isLowercaseWord, continuesName(j) { j += 1 }
        // `al-Assad`, `ben-Gourion`: the particle may be joined by a hyphen.
        if j < tokens.count, tokens[j].flags.contains(.hyphen), tokens[j].isJoinedToPrevious { j += 1 }
        guard j < tokens.count, nameLike[j], continuesName(j) else { return nil }
        return j + 1
    }

    /// Splits a run joined by a particle where both sides are known entities:
    /// `Royaume-Uni de l'Union européenne` → `Royaume-Uni` | `Union…`, `France du Nord`? no: `Nord` alone
    /// is not an entity start here unless a lexicon entry starts there.
    func splitAtParticles(_ run: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        splitAtParticles(run, into: &parts)
        return parts
    }

    /// `splitAtParticles(_:)`, appending the parts to `parts`.
    func splitAtParticles(_ run: Range<Int>, into parts: inout [Range<Int>]) {
        // A run that is a lexicon entry as a whole (`Tour de France`, `Banque de France`) stays whole.
        if let whole = match(exactly: run), typesOf(whole) != 0 { parts.append(run); return }
        var start = run.lowerBound
        var i = run.lowerBound + 1
        // Whether a token of `start..<i` takes a complement (kept as `i` moves: no rescans).
        var leftTakesComplement = takesComplement(start)
        while i < run.upperBound {
            // `Lunar Reconnaissance Orbiter de la NASA`: an unknown name before a well-known organisation
            // or place (the left part has no head that would take a complement, and is not a person).
            // A one-word name before `de` is kept whole (`Grandet de Saumur`, `Stade de Reims`).
            if i - start >= 2, roles[i].contains(.nameParticle), tokens[i].isLowercaseWord, !leftTakesComplement,
               entityMatch(exactly: start..<i) == nil, !has(singleTypes[start], .personFirst) {
                var next = i + 1
                if next < run.upperBound, roles[next].contains(.secondParticle) { next += 1 }
                if next < run.upperBound, let known = entityMatch(exactly: next..<run.upperBound), isWellKnown(known),
                   !isTeamName(start..<run.upperBound, particle: i) {
                    parts.append(start..<i)
                    start = next
                    break
                }
            }
            if roles[i].contains(.nameParticle), tokens[i].isLowercaseWord, entityMatch(exactly: start..<i) != nil,
               entityMatch(exactly: start..<run.upperBound) == nil {
                var next = i + 1
                if next < run.upperBound, roles[next].contains(.secondParticle) { next += 1 }
                if next < run.upperBound, hasEntityStartingAt(next),
                   matchTypes[matchIndices(startingAt: next).last!] & Recognition.entityTypes != 0,
                   !isTeamName(start..<run.upperBound, particle: i),
                   !has(singleTypes[start], .organisationHead), !has(singleTypes[start], .placeHead) {
                    parts.append(start..<i)
                    start = next
                    i = next + 1
                    leftTakesComplement = takesComplement(start)
                    continue
                }
            }
            leftTakesComplement = leftTakesComplement || takesComplement(i)
            i += 1
        }
        parts.append(start..<run.upperBound)
    }

    /// A head, cue, function, title or event word, which takes a complement (`Stade de Reims`).
    private func takesComplement(_ i: Int) -> Bool {
        singleTypes[i] & Recognition.complementTakingTypes != 0
    }

    /// `Penguins de Pittsburgh`, `Rangers du Texas`, `Lakers de Los Angeles`: a team's nickname (one
    /// capitalised plural word, or a team the lexicon knows that is no place), `de`/`d'`/`du`, then a city
    /// or a state.
    func isTeamName(_ run: Range<Int>, particle: Int) -> Bool {
        // A lower-case `de`/`du` after a word that is no first name (`Thomas De Gendt` is a person).
        guard particle == run.lowerBound + 1, tokens[particle].isLowercaseWord,
              doc.keyEquals(tokens[particle], "de") || doc.keyEquals(tokens[particle], "d'")
                || doc.keyEquals(tokens[particle], "du"),
              !has(singleTypes[run.lowerBound], .personFirst),
              particle + 1 < run.upperBound,
              startingTypes[particle + 1] & (Recognition.bit(.city) | Recognition.bit(.admin)) != 0 else { return false }
        let nickname = tokens[run.lowerBound]
        guard nickname.isCapitalized, nickname.end - nickname.start >= 4 else { return false }
        // `Lakers de Los Angeles`: a team's nickname the lexicon knows, and no place (`Valence d'Agen`).
        if has(singleTypes[run.lowerBound], .sport) {
            return singleTypes[run.lowerBound] & Recognition.locationTypes == 0
        }
        let last = doc.text.utf16[Int(nickname.end) - 1]
        return (last == 0x73 || last == 0x78)
            && singleTypes[run.lowerBound] & (Recognition.entityTypes | Recognition.bit(.demonym) | Recognition.bit(.placeCue)) == 0
    }

    static let complementTakingTypes: UInt64 = bit(.organisationHead) | bit(.placeHead) | bit(.placeCue)
        | bit(.function) | bit(.title) | bit(.event)

    /// A major, unambiguous organisation or place entry.
    private func isWellKnown(_ match: GazetteerMatch) -> Bool {
        gazetteer.entries(of: match).contains { position in
            let entry = gazetteer.entryIndex(at: position)
            let label = gazetteer.type(ofEntry: entry).label
            return (label == .organisation || label == .location) && gazetteer.importance(ofEntry: entry) == .major
                && !gazetteer.flags(ofEntry: entry).contains(.ambiguous)
        }
    }

    // MARK: - From a run to a candidate

    /// Context that stripping the front of a run revealed.
    struct Prefix {
        var title = false
        var function = false
        var demonym = false
        var placeCue = false

        /// Nothing was stripped.
        var isEmpty: Bool { !title && !function && !demonym && !placeCue }
    }

    /// Strips what precedes the name inside a run (titles, functions, demonyms, a sentence-opening
    /// common word) and weighs the rest.
    func candidate(forRun run: Range<Int>) -> Candidate? {
        var weighed: [Range<Int>] = []
        return candidate(forRun: run, weighed: &weighed)
    }

    /// `candidate(forRun:)`, appending to `weighed` the span it weighs when that span has two tokens or
    /// more and no prefix.
    func candidate(forRun run: Range<Int>, weighed: inout [Range<Int>]) -> Candidate? {
        var start = run.lowerBound
        let end = run.upperBound
        // `le Ségur de la santé`, `la Coupe du monde`: a non-entity entry that goes on past the run in
        // lower case takes the run with it, even where the run alone is a known name (`Ségur`).
        if end < tokens.count, tokens[end].isLowercaseWord,
           let longer = longestMatch(startingAt: start, types: Recognition.nonEntityTypes), Int(longer.end) > end,
           typesOf(longer) & (Recognition.entityTypes | Recognition.bit(.function)) == 0 {
            return nil
        }
        // An event or product named after a place or organisation (`Jeux de Rio`, `Festival d'Avignon`,
        // `Ironman Allemagne`, `Boeing 737`): the event is no entity, the name inside it is.
        if entityMatch(exactly: run) == nil, let event = longestMatch(startingAt: start, types: Recognition.nonEntityTypes),
           typesOf(event) & (Recognition.entityTypes | Recognition.bit(.function)) == 0, // `PDG` is a function too
           !lists[start].contains(.organisationKind) { // `ONG Vexholm`: below
            var inner = Int(event.end)
            while inner < end, !nameLike[inner] { inner += 1 }
            guard inner < end, let known = longestMatch(startingAt: inner, types: Recognition.entityTypes),
                  Int(known.end) <= end else { return nil }
            if Int(known.end) - inner >= 2 { weighed.append(inner..<Int(known.end)) }
            return classify(inner..<Int(known.end), prefix: Prefix())
        }
        var prefix = Prefix()
        var placeCuePrefix = false
        while start < end {
            if entityMatch(exactly: start..<end) != nil { break }
            // `Le Dr Tam`, `La présidente Zorbak`: an article before a title or function goes with it.
            if roles[start].contains(.article), start + 1 < end,
               startingTypes[start + 1] & (Recognition.bit(.title) | Recognition.bit(.function)) != 0 {
                start += 1
                continue
            }
            if let title = longestMatch(startingAt: start, types: Recognition.bit(.title)), Int(title.end) < end {
                // `Miss France`, `Miss Monde`: a beauty contest named after a place is no person.
                if doc.keyEquals(tokens[start], "miss") {
                    let rest = Int(title.end)
                    let place = entityMatch(exactly: rest..<end).map { typesOf($0) & Recognition.locationTypes != 0 } ?? false
                    if place || doc.keyEquals(tokens[rest], "monde") || doc.keyEquals(tokens[rest], "univers") { return nil }
                }
                prefix.title = true
                start = Int(title.end)
                continue
            }
            if let function = longestMatch(startingAt: start, types: Recognition.bit(.function)), Int(function.end) < end,
               !hasEntityStartingAt(start) {
                // `PDG de Niantic`: the name after a function's `de` is what it heads, no person.
                let after = Int(function.end)
                if !(roles[after].contains(.complement) && tokens[after].isLowercaseWord) { prefix.function = true }
                start = after
                continue
            }
            if let demonym = longestMatch(startingAt: start, types: Recognition.bit(.demonym)), Int(demonym.end) < end,
               entityMatch(exactly: start..<Int(demonym.end)) == nil || tokens[start].isCapitalized && Int(demonym.end) < end {
                prefix.demonym = true
                start = Int(demonym.end)
                continue
            }
            // `la Bermudienne Flora Duffy`: after an article, an unknown capitalised word before a
            // first name and a surname describes the person.
            if start + 2 < end, start > 0, roles[start - 1].contains(.article), nameLike[start + 1],
               !tokens[start + 1].flags.contains(.hyphen), has(singleTypes[start + 1], .personFirst),
               singleTypes[start] & (Recognition.entityTypes | Recognition.bit(.personFirst)) == 0,
               tokens[start].isCapitalized, !tokens[start + 1].isJoinedToPrevious {
                prefix.demonym = true
                start += 1
                continue
            }
            // `Pays de Galles`, `Province d'Alep`, `Wilaya d'Alger`: a capitalised place noun and a particle
            // before a name open the place's name (head included).
            if start + 2 < end, nameLike[start], has(singleTypes[start], .placeCue), !has(singleTypes[start], .placeHead),
               roles[start + 1].contains(.nameParticle),
               entityMatch(exactly: start..<end) == nil {
                placeCuePrefix = true
                // A plural noun is no name's head (`Etats de l'Europe`): the name after it is the place.
                let last = doc.text.utf16[Int(tokens[start].end) - 1]
                if (last == 0x73 || last == 0x78), !doc.keyEquals(tokens[start], "pays") {
                    start += 1
                    while start < end, !nameLike[start] { start += 1 }
                    continue
                }
                break
            }
            // `Région Occitanie`, `Province Hama`: a capitalised place noun right before a known place.
            if start + 1 < end, nameLike[start], has(singleTypes[start], .placeCue), !has(singleTypes[start], .placeHead),
               let place = entityMatch(exactly: (start + 1)..<end), typesOf(place) & Recognition.locationTypes != 0 {
                start += 1
                placeCuePrefix = true
                continue
            }
            // `l'ONG Vexholm`: a kind of organisation written as an acronym is no part of the name
            // (`organisation.apposition` reads it).
            if start + 1 < end, tokens[start].isAllCaps, lists[start].contains(.organisationKind) {
                start += 1
                continue
            }
            if start + 1 < end, isStrippableSentenceOpener(start) {
                start += 1
                continue
            }
            break
        }
        // A particle or hyphen cannot start a name (but `al-` can).
        while start < end, !nameLike[start], !(start + 1 < end && tokens[start + 1].flags.contains(.hyphen)) { start += 1 }
        guard start < end else { return nil }
        prefix.placeCue = placeCuePrefix
        if end - start >= 2 && prefix.isEmpty { weighed.append(start..<end) }
        return classify(start..<end, prefix: prefix)
    }

    /// A sentence-initial article, pronoun or common word that is not the start of a known name.
    func isStrippableSentenceOpener(_ i: Int) -> Bool {
        guard tokens[i].flags.contains(.sentenceStart) || (i > 0 && isOpeningPunctuation(i - 1)) else { return false }
        if roles[i].contains(.article) || roles[i].contains(.sentenceOpener) { return true }
        // A function word (`Que`, `Chez`, `Vous`) opens sentences, whatever name lists say.
        if commonClasses(i).contains(.function) && singleTypes[i] & Recognition.entityTypes == 0 { return true }
        let known = singleTypes[i] & (Recognition.entityTypes | Recognition.bit(.personFirst))
        return !commonClasses(i).isEmpty && known == 0
    }


    /// Whether an entity entry (any length) starts at a token.
    func hasEntityStartingAt(_ i: Int) -> Bool {
        startingTypes[i] & Recognition.entityTypes != 0
    }

    /// The match of exactly this span having an entity entry.
    func entityMatch(exactly range: Range<Int>) -> GazetteerMatch? {
        guard let match = match(exactly: range), typesOf(match) & Recognition.entityTypes != 0 else { return nil }
        return match
    }

    // MARK: - Lexicon entries beyond runs

    /// Entity entries whose span is not a run's: entries with lower-case words (`Union européenne`,
    /// `Parti socialiste`, `ministère de l'Intérieur`) or entries inside a longer run.
    ///
    /// - Parameter weighed: spans already weighed with no prefix (by `candidate(forRun:)`), ordered by
    ///   start then end: their candidate, the same one, is already found.
    func lexiconCandidates(skipping weighed: [Range<Int>] = []) -> [Candidate] {
        var found: [Candidate] = []
        // Matches come by start then end, as `weighed` does: one cursor walks it.
        var next = 0
        for match in matches where Int(match.end) - Int(match.start) >= 2 {
            let start = Int(match.start)
            guard typesOf(match) & Recognition.entityTypes != 0 else { continue }
            while next < weighed.count && (weighed[next].lowerBound < start
                    || weighed[next].lowerBound == start && weighed[next].upperBound < Int(match.end)) {
                next += 1
            }
            if next < weighed.count && weighed[next] == start..<Int(match.end) { continue }
            // A name does not run across a line break (`Lyon` ⏎ `1 000 personnes` is no `Lyon 1`).
            if ((start + 1)..<Int(match.end)).contains(where: { lineBreakBetween($0 - 1, $0) }) { continue }
            // The first token must be capitalised, unless the entry itself starts in lower case and
            // the text has exactly its case (`ministère de l'Intérieur`). Text in capitals has no case
            // to check: there an entry of two words or more is found as written (`UNION EUROPÉENNE`),
            // unless it opens with an article or another grammatical word (`LA PREMIÈRE`, `SUR LES`).
            let capitals = inHeadline[start] && tokens[start].isAllCaps && !tokens[start].flags.contains(.elision)
                && commonClasses(start).isDisjoint(with: [.function, .grammatical])
            if !nameLike[start] && !capitals {
                guard tokens[start].kind == .word, !tokens[start].flags.contains(.elision) else { continue }
                let caseExact = gazetteer.entries(of: match).contains { position in
                    let entry = gazetteer.entryIndex(at: position)
                    return gazetteer.type(ofEntry: entry).label != nil
                        && gazetteer.caseMatches(entry: entry, match: match, in: doc)
                }
                guard caseExact else { continue }
            }
            // Some entity entry must fit the text's case (`La bataille` is not the village `La Bataille`).
            let fits = gazetteer.entries(of: match).contains { position in
                let entry = gazetteer.entryIndex(at: position)
                return gazetteer.type(ofEntry: entry).label != nil && caseCompatible(entry: entry, match: match)
            }
            guard fits else { continue }
            if let candidate = classify(start..<Int(match.end), prefix: Prefix()) { found.append(candidate) }
        }
        return found
    }

    /// One more step of a name after `i` (hyphen chain, particle + name, or a name token, or with
    /// `adjectives` a lower-case adjective); nil at the end.
    func extendName(from i: Int, adjectives: Bool = true) -> Int? {
        guard i < tokens.count else { return nil }
        if let next = extendAcrossHyphens(from: i) { return next }
        if let next = extendAcrossParticles(from: i) { return next }
        if nameLike[i], continuesName(i) { return i + 1 }
        guard adjectives else { return nil }
        // Lower-case adjectives after a capitalised word inside an organisation name (`Affaires étrangères`).
        if tokens[i].isLowercaseWord, i > 0, nameLike[i - 1], commonClasses(i).contains(.adjective),
           !commonClasses(i).contains(.verb), !commonClasses(i).contains(.grammatical), continuesName(i) { return i + 1 }
        return nil
    }
}
