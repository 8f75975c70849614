#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads CoNLL gold (`TOKEN<TAB>TAG`, extra columns ignored, BIO2 or IOB1, `-DOCSTART-` between
/// documents, a blank line between sentences) and rebuilds each document's natural text.
///
/// The text puts one sentence per line and joins tokens with French spacing: no space before
/// `, . ) ] } » …` and after `( [ { «`, none after an elided `l'`, `d'`, `qu'`…, none around a hyphen
/// or apostrophe token. Each gold entity keeps its character span in that text, so a tagger reads
/// real text (its own tokenization) and is scored on character spans.
public enum CoNLLReader {
    /// Parses CoNLL text. Both BIO2 and IOB1 are read the same way: `B-X` starts an entity, and `I-X`
    /// continues an entity of type X or starts one after `O` or another type.
    /// - Parameters:
    ///   - name: the file name, used in document ids (`name#1`, `name#2`…) and errors.
    ///   - labels: the labels to keep; other types are dropped.
    /// - Parameter requireTags: when false, lines with a token only are read as untagged (`O`), for
    ///   pre-tokenised input to be tagged.
    /// - Parameter sentenceDocuments: when true, each sentence is a document of its own (gold without
    ///   document boundaries, such as Wikipedia sentences, scored as the separate texts they are).
    public static func parse(_ text: String, name: String, labels: Set<EntityLabel> = Set(EntityLabel.allCases),
                             requireTags: Bool = true, sentenceDocuments: Bool = false) throws(GoldFormatError) -> [GoldDocument] {
        var documents: [GoldDocument] = []
        var builder = DocumentBuilder()
        var lineNumber = 0
        var documentIndex = 0

        func finishDocument() {
            builder.endSentence()
            if !builder.isEmpty {
                documentIndex += 1
                documents.append(builder.build(id: "\(name)#\(documentIndex)"))
            }
            builder = DocumentBuilder()
        }

        for rawLine in text.lines() {
            lineNumber += 1
            let line = rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if sentenceDocuments { finishDocument() } else { builder.endSentence() }
                continue
            }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            let columnsBySpace = columns.count >= 2 ? columns : line.split(separator: " ")
            let token = columnsBySpace[0]
            if token == "-DOCSTART-" {
                finishDocument()
                continue
            }
            // `\tB-PER`: a tag with no token would be an empty gold span (or an empty word) in the text.
            guard !token.allSatisfy({ $0 == " " }) else {
                throw GoldFormatError(file: name, line: lineNumber, message: "empty token (first column)")
            }
            guard columnsBySpace.count >= 2 || !requireTags else {
                throw GoldFormatError(file: name, line: lineNumber, message: "expected TOKEN<TAB>TAG, found one column")
            }
            let tag = !requireTags || columnsBySpace.count < 2 ? "O" : columnsBySpace[1].trimmingWhitespace()
            let prefix: Character
            var type = Substring("")
            if tag == "O" || tag.isEmpty {
                prefix = "O"
            } else if tag.count >= 3, let dash = tag.firstIndex(where: { $0 == "-" || $0 == "_" }),
                      ["B", "I", "E", "S"].contains(tag[tag.startIndex..<dash]) {
                prefix = tag[tag.startIndex]
                type = tag[tag.index(after: dash)...]
            } else {
                throw GoldFormatError(file: name, line: lineNumber, message: "unknown tag '\(tag)' (expected O, B-X or I-X)")
            }
            builder.add(token: String(token), prefix: prefix, label: prefix == "O" ? nil : goldLabel(type, keep: labels),
                        typeName: String(type))
        }
        finishDocument()
        return documents
    }

    struct DocumentBuilder {
        var scalars: [Unicode.Scalar] = []
        var spans: [EntitySpan] = []
        var sentenceCount = 0
        var sentenceHasTokens = false
        var previousToken = ""
        /// The open entity: start, label (nil for a dropped type), type name.
        var open: (start: Int, label: EntityLabel?, type: String)?
        var lastTokenEnd = 0

        var isEmpty: Bool { scalars.isEmpty && sentenceCount == 0 }

        mutating func add(token: String, prefix: Character, label: EntityLabel?, typeName: String) {
            let continues = prefix == "I" || prefix == "E"
            if let current = open, !(continues && current.type == typeName) { close() }
            if sentenceHasTokens && needsSpace(before: token, after: previousToken) { scalars.append(" ") }
            let start = scalars.count
            scalars.append(contentsOf: token.unicodeScalars)
            lastTokenEnd = scalars.count
            if prefix != "O" && open == nil { open = (start, label, typeName) }
            if prefix == "S" || prefix == "E" { close() }
            previousToken = token
            sentenceHasTokens = true
        }

        mutating func close() {
            if let current = open, let label = current.label {
                spans.append(EntitySpan(start: current.start, end: lastTokenEnd, label: label))
            }
            open = nil
        }

        mutating func endSentence() {
            close()
            if sentenceHasTokens {
                scalars.append("\n")
                sentenceCount += 1
            }
            sentenceHasTokens = false
            previousToken = ""
        }

        func build(id: String) -> GoldDocument {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            return GoldDocument(id: id, text: String(text), entities: spans, sentenceCount: sentenceCount)
        }

        static let noSpaceBefore: Set<String> = [",", ".", ")", "]", "}", "»", "…", "...", "-", "'", "’", "%"]
        static let noSpaceAfter: Set<String> = ["(", "[", "{", "«", "-", "'", "’"]

        func needsSpace(before token: String, after previous: String) -> Bool {
            if DocumentBuilder.noSpaceBefore.contains(token) || DocumentBuilder.noSpaceAfter.contains(previous) { return false }
            if let last = previous.last, last == "'" || last == "’", previous.count <= 7 { return false } // l' d' qu' jusqu'
            return true
        }
    }
}
