/// The reports of `frner lexicon lookup` and `frner lexicon stats`.
extension Gazetteer {
    /// One line per entry of every span of the phrase that is an entry: the span, type, canonical form,
    /// source, flags, importance and whether the case matches (`case=exact`, `case=differs`).
    public func lookupReport(_ phrase: String, tokenizer: Tokenizer) -> [String] {
        let doc = tokenizer.tokenize(phrase)
        var lines: [String] = []
        for match in matches(in: doc, keyIDs: keyIDs(for: doc)) {
            let text = doc.string(tokens: match.tokenRange)
            for position in entries(of: match) {
                let entry = self.entry(entryIndex(at: position))
                var flags: [String] = []
                if entry.flags.contains(.ambiguous) { flags.append("amb") }
                if entry.flags.contains(.exactCase) { flags.append("exact") }
                if entry.flags.contains(.alias) { flags.append("alias") }
                let exact = caseMatches(entry: entryIndex(at: position), match: match, in: doc)
                lines.append([text, entry.type.description, entry.canonical.isEmpty ? entry.surface : entry.canonical,
                              entry.source, flags.joined(separator: ","), entry.importance.letter,
                              exact ? "case=exact" : "case=differs"].joined(separator: "\t"))
            }
        }
        return lines
    }
}

extension LexiconSet {
    /// Entries per type and per source, totals, the common-word list and where the shipped lexicons are.
    /// - Throws: `LexiconError` for a file that cannot be read or parsed.
    public func statsReport() throws(LexiconError) -> String {
        var byType: [String: Int] = [:]
        var bySource: [String: Int] = [:]
        var total = 0
        var bytes = 0
        for file in entryFiles {
            for entry in try LexiconFile.parse(try text(ofFile: file), name: file) {
                byType[entry.type.description, default: 0] += 1
                bySource[entry.source, default: 0] += 1
                total += 1
            }
            bytes += byteCount(ofFile: file) ?? 0
        }
        var out = "type\tentries\n"
        for (type, count) in byType.sorted(by: { $0.key < $1.key }) { out += "\(type)\t\(count)\n" }
        out += "\nsource\tentries\n"
        for (source, count) in bySource.sorted(by: { $0.value > $1.value }) { out += "\(source)\t\(count)\n" }
        out += "\ntotal\t\(total) entries in \(entryFiles.count) files, \(bytes / 1024) KiB\n"
        if let common = commonWordsFile {
            let size = byteCount(ofFile: common) ?? 0
            let count = ((try? text(ofFile: common)) ?? "").split(separator: "\n").filter { !$0.hasPrefix("#") }.count
            out += "common words\t\(count) (\(size / 1024) KiB)\n"
        }
        return out + "shipped lexicons\t\(shipped)\n"
    }
}
