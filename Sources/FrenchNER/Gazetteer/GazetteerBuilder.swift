/// Builds a `Gazetteer`: tokenizes every entry with the document tokenizer (all entries in one pass,
/// one per line) and inserts its keys into the trie.
struct GazetteerBuilder {
    let tokenizer: Tokenizer
    private var gazetteer = Gazetteer()
    private var entriesPerNode: [[Int32]] = [[]]
    private var internedStrings: [String: Int32] = [:]
    /// (node, type, canonical) already present: the first listing wins.
    private var seen = Set<SeenKey>()

    private struct SeenKey: Hashable {
        var node: Int32
        var type: UInt8
        var canonical: String
        /// `Suisse` (the noun) and `suisse` (the adjective) are different entries.
        var shape: UInt32
    }

    init(tokenizer: Tokenizer, reservedKeys: [String]) {
        self.tokenizer = tokenizer
        // The rules' closed-class words always have a key, so that a token's role is a table look-up.
        for key in reservedKeys { _ = gazetteer.keys.intern(Array(key.utf16)) }
    }

    mutating func add(_ entries: [LexiconEntry]) {
        guard !entries.isEmpty else { return }
        var text = ""
        text.reserveCapacity(entries.reduce(0) { $0 + $1.surface.utf8.count + 1 })
        for entry in entries {
            text += entry.surface
            text += "\n"
        }
        let doc = tokenizer.tokenize(text)
        var tokenIndex = 0
        var lineStart = 0
        let units = doc.text.utf16
        for entry in entries {
            var lineEnd = lineStart
            while lineEnd < units.count && units[lineEnd] != 0x0A { lineEnd += 1 }
            var keys: [[UInt16]] = []
            var shape: UInt32 = 0
            while tokenIndex < doc.tokens.count && Int(doc.tokens[tokenIndex].start) < lineEnd {
                let token = doc.tokens[tokenIndex]
                tokenIndex += 1
                if token.flags.contains(.hyphen) && token.isJoinedToPrevious { continue }
                if keys.count < 16 { shape |= Gazetteer.shapeCode(token) << (2 * UInt32(keys.count)) }
                keys.append(Array(doc.keyUnits(of: token)))
            }
            lineStart = lineEnd + 1
            guard !keys.isEmpty else { continue }
            insert(entry, keys: keys, shape: shape)
        }
    }

    private mutating func insert(_ entry: LexiconEntry, keys: [[UInt16]], shape: UInt32) {
        var node: Int32 = 0
        for key in keys {
            let id = gazetteer.keys.intern(key)
            let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
            if let child = gazetteer.edges.get(edge) {
                node = child
            } else {
                let child = gazetteer.nodeCount
                gazetteer.nodeCount += 1
                entriesPerNode.append([])
                gazetteer.edges.set(edge, child)
                node = child
            }
        }
        let canonical = entry.canonical.isEmpty ? entry.surface : entry.canonical
        guard seen.insert(SeenKey(node: node, type: entry.type.rawValue, canonical: canonical, shape: shape)).inserted else { return }
        let index = Int32(gazetteer.entryTypes.count)
        gazetteer.entryTypes.append(entry.type.rawValue)
        gazetteer.entryFlags.append(entry.flags.rawValue)
        gazetteer.entryImportance.append(entry.importance.rawValue)
        gazetteer.entryTokenCounts.append(UInt8(min(keys.count, 255)))
        gazetteer.entryShapes.append(shape)
        gazetteer.entrySurfaces.append(intern(entry.surface))
        gazetteer.entryCanonicals.append(entry.canonical.isEmpty ? -1 : intern(entry.canonical))
        gazetteer.entrySources.append(intern(entry.source))
        entriesPerNode[Int(node)].append(index)
    }

    mutating func addCommonWords(_ words: [(word: String, classes: CommonWordClass)]) {
        let table = CharacterTable.shared
        for (word, classes) in words {
            var key = ContiguousArray<UInt16>()
            for scalar in word.unicodeScalars { table.appendFold(of: scalar.value, to: &key) }
            let id = gazetteer.keys.intern(Array(key))
            gazetteer.keys.wordClasses[Int(id)] |= classes.rawValue
        }
    }

    private mutating func intern(_ string: String) -> Int32 {
        if let id = internedStrings[string] { return id }
        let id = gazetteer.strings.append(string)
        internedStrings[string] = id
        return id
    }

    mutating func finish() -> Gazetteer {
        var offsets = ContiguousArray<Int32>()
        offsets.reserveCapacity(entriesPerNode.count + 1)
        var flat = ContiguousArray<Int32>()
        offsets.append(0)
        for list in entriesPerNode {
            flat.append(contentsOf: list)
            offsets.append(Int32(flat.count))
        }
        gazetteer.nodeEntryOffsets = offsets
        gazetteer.nodeEntries = flat
        gazetteer.rootChildren = ContiguousArray((0..<gazetteer.keys.count).map { gazetteer.edges.get(UInt64($0)) ?? -1 })
        gazetteer.deriveLookupTables()
        return gazetteer
    }
}
