/// Span conventions applied after the rules: a person's span widened to its title, function or
/// apposition when the annotation guidelines say so (`TaggingConventions`).
extension Recognition {
    /// Widens person spans to the title and/or function before them, when the conventions say so
    /// (`M. de Lasteyrie`: with a particle between the title and the name).
    func applyConventions(_ conventions: TaggingConventions, to candidates: inout [Candidate]) {
        var previousEnd = 0
        for index in candidates.indices {
            defer { previousEnd = candidates[index].end }
            guard candidates[index].label == .person else { continue }
            var start = candidates[index].start
            // A title or function on the line before is not part of the name (`M.` ⏎ `Dupont`).
            while start > previousEnd {
                if conventions.personTitles, let title = matchEnding(at: start - 1, types: Recognition.bit(.title)),
                   Int(title.start) >= previousEnd, !lineBreakBetween(Int(title.start), start), isCivilTitle(title) {
                    start = Int(title.start)
                } else if conventions.personTitles, start - 2 >= previousEnd, roles[start - 1].contains(.nameParticle),
                          tokens[start - 1].isLowercaseWord,
                          let title = matchEnding(at: start - 2, types: Recognition.bit(.title)),
                          Int(title.start) >= previousEnd, !lineBreakBetween(Int(title.start), start), isCivilTitle(title) {
                    // `M. de Lasteyrie`: the particle between the title and the surname goes in with the title.
                    start = Int(title.start)
                } else if conventions.personFunctions,
                          let function = matchEnding(at: start - 1, types: Recognition.bit(.function)),
                          Int(function.start) >= previousEnd, tokens[Int(function.start)].kind == .word,
                          !lineBreakBetween(Int(function.start), start) {
                    start = Int(function.start)
                } else {
                    break
                }
            }
            candidates[index].start = start
            if conventions.personAppositions {
                let limit = index + 1 < candidates.count ? candidates[index + 1].start : tokens.count
                candidates[index].end = appositionEnd(after: candidates[index].end, limit: limit)
            }
        }
    }

    /// A title that goes inside the person's span under historical-press guidelines: civil titles
    /// (`M.`, `MM.`, `Mme`, OCR's `M` without its period), ranks and clergy (`général`, `Mgr`, `abbé`);
    /// not a noble title or a sovereign's (`roi`, `prince`, `comte`, `duc`), which stays outside.
    func isCivilTitle(_ match: GazetteerMatch) -> Bool {
        var key = doc.key(of: tokens[Int(match.start)])
        if key.hasSuffix(".") { key.removeLast() }
        return !Recognition.nobleTitles.contains(key)
    }

    /// Folded keys of the first word of noble and sovereigns' titles.
    static let nobleTitles: Set<String> = [
        "roi", "reine", "rois", "reines", "prince", "princesse", "princes", "princesses", "empereur", "imperatrice",
        "tsar", "tsarine", "shah", "chah", "duc", "duchesse", "grand-duc", "grande-duchesse", "archiduc",
        "archiduchesse", "comte", "comtesse", "vicomte", "vicomtesse", "baron", "baronne", "marquis", "marquise",
        "chevalier", "emir", "emirs", "sultan", "calife", "maharaja", "infant", "infante", "lord", "lady", "sir",
        "seigneur", "seigneurs", "messire", "messires", "pape", "dalai-lama",
    ]

    /// The end of an apposition after a name (`, secrétaire`, `, le célèbre marchand d'animaux de
    /// Hambourg`): up to the next punctuation, the sentence's or line's end, at most 12 tokens; `end` itself
    /// when no function or article-led phrase follows the comma.
    func appositionEnd(after end: Int, limit: Int) -> Int {
        guard appositionAfter(end) || (end + 2 < limit && doc.keyEquals(tokens[end], ",")
                                        && roles[end + 1].contains(.article) && tokens[end + 2].isLowercaseWord)
        else { return end }
        var j = end + 1
        while j < limit, j - end <= 12, !tokens[j].flags.contains(.sentenceStart), !lineBreakBetween(j - 1, j) {
            let token = tokens[j]
            if token.kind == .punctuation && !token.flags.contains(.hyphen) && !token.flags.contains(.elision)
                && !doc.keyEquals(token, "'") { break }
            j += 1
        }
        return j > end + 1 ? j : end
    }
}
