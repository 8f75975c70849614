/// A gold entity span: code-point offsets into its document's text, end exclusive.
public struct EntitySpan: Sendable, Hashable, Comparable {
    public var start: Int
    public var end: Int
    public var label: EntityLabel

    public init(start: Int, end: Int, label: EntityLabel) {
        self.start = start
        self.end = end
        self.label = label
    }

    public static func < (a: EntitySpan, b: EntitySpan) -> Bool {
        (a.start, a.end, a.label.rawValue) < (b.start, b.end, b.label.rawValue)
    }
}

/// A document with gold entities.
public struct GoldDocument: Sendable {
    public var id: String
    public var text: String
    public var entities: [EntitySpan]
    public var sentenceCount: Int

    public init(id: String, text: String, entities: [EntitySpan], sentenceCount: Int) {
        self.id = id
        self.text = text
        self.entities = entities
        self.sentenceCount = sentenceCount
    }
}

/// Why a gold file could not be read: the file, the line and what is wrong there.
public struct GoldFormatError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// A gold annotation label mapped onto the three labels; other types (MISC, dates…) are nil.
func goldLabel(_ name: some StringProtocol, keep labels: Set<EntityLabel>) -> EntityLabel? {
    guard let label = EntityLabel(name: name) else { return nil }
    return labels.contains(label) ? label : nil
}

/// Keeps the outermost spans (nested gold: drop the ignored types first, then call this).
func outermost(_ spans: [EntitySpan]) -> [EntitySpan] {
    let sorted = spans.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
    var kept: [EntitySpan] = []
    var coveredEnd = -1
    for span in sorted where span.end > coveredEnd || kept.isEmpty {
        if let last = kept.last, span.start < last.end { continue }
        kept.append(span)
        coveredEnd = span.end
    }
    return kept
}
