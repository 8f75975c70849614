#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a run of `frner tag` or `frner count` did, for its one-line summary: documents, errors,
/// entities per label, time and MB/s.
public struct RunStatistics: Sendable {
    public var documents = 0
    public var errors = 0
    public var entities: [EntityLabel: Int] = [:]
    /// Input bytes read.
    public var bytes = 0
    public let start = Date()

    public init() {}

    public mutating func add(error: Bool, labels: [EntityLabel]) {
        documents += 1
        if error { errors += 1 }
        for label in labels { entities[label, default: 0] += 1 }
    }

    /// `4 documents, 1 errors, 8 entities (PER 3, ORG 3, LOC 2) in 0.02 s, 0.1 MB/s`
    public var line: String {
        let seconds = Date().timeIntervalSince(start)
        let total = entities.values.reduce(0, +)
        let perLabel = [EntityLabel.person, .organisation, .location].map { "\($0.rawValue) \(entities[$0] ?? 0)" }.joined(separator: ", ")
        return "\(documents) documents, \(errors) errors, \(total) entities (\(perLabel)) in "
            + String(printf: "%.2f s, %.1f MB/s", seconds, Double(bytes) / 1e6 / max(seconds, 1e-6))
    }

    /// The progress line's text: documents, MB, MB/s, and the share and ETA when the size is known.
    public static func progressLine(documents: Int, bytes: Int, seconds: Double, totalBytes: Int?) -> String {
        let rate = Double(bytes) / max(seconds, 1e-6)
        var line = String(printf: "%ld documents, %.1f MB, %.1f MB/s", documents, Double(bytes) / 1e6, rate / 1e6)
        if let totalBytes, totalBytes > 0 {
            let eta = rate > 0 ? Double(max(totalBytes - bytes, 0)) / rate : 0
            line += String(printf: ", %.0f%% of %.1f MB, ETA %.0f s", min(100, 100 * Double(bytes) / Double(totalBytes)),
                           Double(totalBytes) / 1e6, eta)
        }
        return line
    }
}
