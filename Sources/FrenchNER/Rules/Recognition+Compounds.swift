/// The grammar of compound names: where one run of capitalised words holds two entities, and where
/// one entity reaches beyond its run.
extension Recognition {
    static let organisationTypes: UInt64 = EntryType.allCases.filter { $0.label == .organisation }
        .reduce(0) { $0 | bit($1) }

    /// `LR Jean Dupont`, `la CGT Philippe Martinez`, `Twitter Paul Durand`: an organisation, a medium
    /// or an acronym glued to the person after it is two names. The run is cut before a known first
    /// name that a surname follows, when what precedes it is an organisation or non-entity entry (not
    /// a place: `Paris Hilton`) or an acronym, and is not itself a first name (`Marie Anne Dupont`).
    /// The pieces are appended to `pieces` (a buffer the caller reuses across runs).
    func splitBeforePerson(_ part: Range<Int>, into pieces: inout [Range<Int>]) {
        guard part.count >= 3 else { pieces.append(part); return }
        var start = part.lowerBound
        // A sentence-opening article is no part of the organisation (`La CGT Philippe Martinez`).
        if roles[start].contains(.article) || isStrippableSentenceOpener(start) { start += 1 }
        guard start < part.upperBound else { pieces.append(part); return }
        // A first name opening the run (`Marie Anne Dupont`) makes it one person, save after a function's
        // place (`la maire de Paris Anne Hidalgo`: `Paris` is also a first name).
        let opensWithFirstName = has(singleTypes[start], .personFirst)
        for k in (start + 1)..<(part.upperBound - 1) {
            // A first name that is also a common word (`Olivier`) counts when a known person starts there
            // (`le chef du PS Olivier Faure`).
            guard nameLike[k], !tokens[k].isJoinedToPrevious, has(singleTypes[k], .personFirst),
                  !firstNameIsAmbiguous(k) || has(startingTypes[k], .personFull),
                  nameLike[k + 1] || tokens[k + 1].flags.contains(.hyphen) else { continue }
            // `le maire de Nice Christian Estrosi`, `la présidente de la région Île-de-France Valérie
            // Pécresse`: the function's place, then its holder.
            if functionAndComplementBefore(start) || placeCueAfterFunctionBefore(start),
               entityMatch(exactly: start..<k).map({ typesOf($0) & Recognition.locationTypes != 0 }) ?? false {
                pieces += [part.lowerBound..<k, k..<part.upperBound]
                return
            }
            // `le directeur général de la Santé Jérôme Salomon`: a function's complement, one capitalised
            // common noun (even one a first-name list holds), then its holder.
            if k == start + 1, !commonClasses(start).isEmpty, functionComplementBefore(start) {
                pieces += [part.lowerBound..<k, k..<part.upperBound]
                return
            }
            // A medium or party of two words or more glued to the person, even one opening with a
            // first name (`France Inter Adrien Quatennens`, `Paris Match Luc Plamondon`).
            if k - start >= 2 || !opensWithFirstName, isGluedPrefix(start..<k) {
                pieces += [part.lowerBound..<k, k..<part.upperBound]
                return
            }
            if opensWithFirstName { continue }
            // `les Bleus de Laurent Blanc`: a `de` before a person's first name, after a name that
            // takes no complement (not `Maison de Jean Monnet`), ends that name.
            if k - start >= 2, tokens[k - 1].isLowercaseWord, roles[k - 1].contains(.complement),
               !(start..<(k - 1)).contains(where: { singleTypes[$0] & Recognition.complementTakingTypes != 0 }),
               entityMatch(exactly: start..<part.upperBound) == nil {
                pieces += [part.lowerBound..<(k - 1), k..<part.upperBound]
                return
            }
        }
        pieces.append(part)
    }

    /// A lower-case place noun after a function and its complement just before token `i` (`président
    /// de la région`, `maire de la ville de`, `président du département du`).
    private func placeCueAfterFunctionBefore(_ i: Int) -> Bool {
        var j = i - 1
        if j >= 1, roles[j].contains(.complement), tokens[j].isLowercaseWord { j -= 1 }
        guard j >= 1, tokens[j].isLowercaseWord, has(singleTypes[j], .placeCue) else { return false }
        return functionComplementBefore(j)
    }

    /// A function and its `de`, `du`, `des`, `de la` or `de l'` just before token `i`: `directeur général
    /// de la`, `ministre des`, `préfet du`.
    private func functionComplementBefore(_ i: Int) -> Bool {
        if functionAndComplementBefore(i) { return true }
        return i >= 3 && roles[i - 1].contains(.article) && tokens[i - 1].isLowercaseWord
            && roles[i - 2].contains(.complement) && tokens[i - 2].isLowercaseWord
            && cue(.function, endingAt: i - 3, lowercaseOnly: false)
    }

    /// A party, union, medium or web service entry of exactly this span (`LR`, `CGT`, `Twitter`), or
    /// an organisation entry written as an acronym (`SNCF`); not one that is also a place or a person.
    private func isGluedPrefix(_ range: Range<Int>) -> Bool {
        guard let match = match(exactly: range) else { return false }
        let types = typesOf(match)
        guard types & (Recognition.locationTypes | Recognition.bit(.personFull) | Recognition.bit(.personFirst)) == 0 else {
            return false
        }
        if types & Recognition.gluedPrefixTypes != 0 { return true }
        return range.count == 1 && tokens[range.lowerBound].isAllCaps && letterCount(range.lowerBound) >= 2
            && types & Recognition.organisationTypes != 0
    }

    static let gluedPrefixTypes: UInt64 = bit(.party) | bit(.union) | bit(.media) | bit(.service)
}
