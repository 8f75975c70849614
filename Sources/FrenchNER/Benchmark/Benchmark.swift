import Dispatch
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Whether this executable was compiled without optimisation.
public enum BuildConfiguration {
    #if DEBUG
    public static let isDebug = true
    #else
    public static let isDebug = false
    #endif
    public static var name: String { isDebug ? "debug" : "release" }
}

// MARK: - Documents

/// A document ready to tag: its text, and what its output record needs.
public struct BenchDocument: Sendable {
    let idJSON: [UInt8]
    let passthrough: [(key: String, raw: ArraySlice<UInt8>)]
    let text: TextBuffer
}

/// The documents of a benchmark, all in memory, with their sizes.
public struct BenchCorpus {
    public private(set) var documents: [BenchDocument] = []
    /// Records that could not be read (bad UTF-8, missing text field…); not benchmarked.
    var unreadable = 0
    var utf8Bytes = 0
    var codePoints = 0
    var utf16Units = 0
    /// Whitespace-separated words, as Python's `str.split()` counts them.
    var words = 0

    /// Reads every input with `DocumentSource`, keeping the first `limit` records.
    /// - Parameters:
    ///   - format: how to cut inputs into documents; nil: as their names say (`InputSettings.guessed`).
    ///   - report: told of each unreadable record or input.
    /// - Throws: `BenchmarkError.unreadableInput` when an input cannot be read.
    public static func read(inputs: [String], format: InputFormat?, textField: String, limit: Int?,
                            report: @escaping (String) -> Void) throws(BenchmarkError) -> BenchCorpus {
        var corpus = BenchCorpus()
        var records = 0
        var inputFailed = false
        for input in inputs.isEmpty ? ["-"] : inputs {
            if let limit, records >= limit { break }
            let settings = format.map { InputSettings(format: $0, textField: textField) }
                ?? InputSettings.guessed(for: input, textField: textField)
            var source = DocumentSource(inputs: [input], settings: settings, report: report)
            source.forEach { document in
                if let limit, records >= limit { return }
                records += 1
                switch document.text {
                case .failure(let error):
                    corpus.unreadable += 1
                    report("\(document.location): \(error.message) (skipped)")
                case .success(let text):
                    corpus.add(BenchDocument(idJSON: document.idJSON,
                                             passthrough: document.passthrough.map { ($0.key, $0.raw) }, text: text))
                }
            }
            inputFailed = inputFailed || source.inputFailed
        }
        if inputFailed { throw .unreadableInput }
        return corpus
    }

    private mutating func add(_ document: BenchDocument) {
        documents.append(document)
        utf8Bytes += document.text.utf8Count
        codePoints += document.text.codePointCount
        utf16Units += document.text.count
        words += whitespaceSeparatedWordCount(document.text)
    }
}

/// Counts the words Python's `str.split()` finds: maximal runs of characters that are not white space
/// by `str.isspace()` (which includes the no-break spaces U+00A0 and U+202F).
private func whitespaceSeparatedWordCount(_ text: TextBuffer) -> Int {
    var words = 0
    var inWord = false
    for unit in text.utf16 {
        let isSpace: Bool
        switch unit {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            isSpace = true
        default:
            isSpace = false
        }
        if !isSpace && !inWord { words += 1 }
        inWord = !isSpace
    }
    return words
}

// MARK: - Timing

/// The monotonic clock and the process's CPU clock, in nanoseconds.
public enum MonotonicClock {
    @inline(__always) public static func now() -> UInt64 { read(CLOCK_MONOTONIC) }

    /// CPU time used so far by all the threads of the process.
    static func processCPUTime() -> UInt64 { read(CLOCK_PROCESS_CPUTIME_ID) }

    @inline(__always) private static func read(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    public static func seconds(since start: UInt64) -> Double {
        Double(now() - start) / 1e9
    }
}

/// Runs `body` and returns its result with the seconds it took.
public func timedLexiconWork<Result>(_ body: () throws -> Result) rethrows -> (result: Result, seconds: Double) {
    let start = MonotonicClock.now()
    let result = try body()
    return (result, MonotonicClock.seconds(since: start))
}

/// Why a benchmark cannot run.
public enum BenchmarkError: Error, Sendable {
    /// An input could not be opened or read (reported through the `report` handler).
    case unreadableInput
}

/// What one pass of the full pipeline over some documents took.
public struct PassTiming: Sendable {
    /// Wall time of the whole pass.
    var nanoseconds: UInt64 = 0
    /// CPU time of the whole process during the pass.
    var cpuNanoseconds: UInt64 = 0
    var tokenizeNanoseconds: UInt64 = 0
    /// Gazetteer matching and rules: `Tagger.tag` on the tokens.
    var tagNanoseconds: UInt64 = 0
    /// Writing each document's JSON Lines record.
    var outputNanoseconds: UInt64 = 0
    /// Time per document, all stages.
    var documentNanoseconds: [UInt64] = []
    var tokens = 0
    var entities = 0
    var outputBytes = 0

    /// Times the pipeline over `documents` cut into `shards`, one thread per shard (just the calling
    /// thread for one shard).
    static func measure(_ documents: [BenchDocument], shards: [Range<Int>], tagger: Tagger) -> PassTiming {
        let start = MonotonicClock.now()
        let cpuStart = MonotonicClock.processCPUTime()
        let parts: [PassTiming]
        if shards.count == 1 {
            parts = [measureShard(documents[shards[0]], tagger: tagger)]
        } else {
            let collector = ShardCollector(count: shards.count)
            DispatchQueue.concurrentPerform(iterations: shards.count) { shard in
                collector.store(measureShard(documents[shards[shard]], tagger: tagger), at: shard)
            }
            parts = collector.timings
        }
        var pass = PassTiming()
        pass.nanoseconds = MonotonicClock.now() - start
        pass.cpuNanoseconds = MonotonicClock.processCPUTime() - cpuStart
        for part in parts {
            pass.tokenizeNanoseconds += part.tokenizeNanoseconds
            pass.tagNanoseconds += part.tagNanoseconds
            pass.outputNanoseconds += part.outputNanoseconds
            pass.documentNanoseconds += part.documentNanoseconds
            pass.tokens += part.tokens
            pass.entities += part.entities
            pass.outputBytes += part.outputBytes
        }
        return pass
    }

    /// Times tokenize → tag → output record for each document in turn, on the calling thread.
    private static func measureShard(_ documents: ArraySlice<BenchDocument>, tagger: Tagger) -> PassTiming {
        var timing = PassTiming()
        timing.documentNanoseconds.reserveCapacity(documents.count)
        for document in documents {
            let start = MonotonicClock.now()
            let tokenized = tagger.tokenizer.tokenize(document.text)
            let tokenizedAt = MonotonicClock.now()
            let tagged = tagger.tag(tokenized)
            let taggedAt = MonotonicClock.now()
            var record = JSONWriter(capacity: 1024)
            EntityRecord.write(id: document.idJSON, passthrough: document.passthrough, entities: tagged.entities,
                               to: &record)
            let end = MonotonicClock.now()
            timing.tokenizeNanoseconds += tokenizedAt - start
            timing.tagNanoseconds += taggedAt - tokenizedAt
            timing.outputNanoseconds += end - taggedAt
            timing.documentNanoseconds.append(end - start)
            timing.tokens += tokenized.tokens.count
            timing.entities += tagged.entities.count
            timing.outputBytes += record.bytes.count
        }
        return timing
    }
}

/// Collects the timing of each shard from its thread.
private final class ShardCollector: Sendable {
    private let stored: Mutex<[PassTiming]>

    init(count: Int) { stored = Mutex(Array(repeating: PassTiming(), count: count)) }

    func store(_ timing: PassTiming, at shard: Int) {
        stored.withLock { $0[shard] = timing }
    }

    var timings: [PassTiming] { stored.withLock { $0 } }
}

/// Splits documents into `count` contiguous ranges holding about the same amount of text.
private func contiguousShards(_ documents: [BenchDocument], count: Int) -> [Range<Int>] {
    let total = documents.reduce(0) { $0 + $1.text.count }
    var shards: [Range<Int>] = []
    var start = 0
    var accumulated = 0
    for (index, document) in documents.enumerated() {
        accumulated += document.text.count
        if shards.count < count - 1, accumulated * count >= total * (shards.count + 1) {
            shards.append(start..<index + 1)
            start = index + 1
        }
    }
    shards.append(start..<documents.count)
    return shards
}

/// Plain ICU word-break iteration over every document: returns nanoseconds and segments counted.
private func measureRawICU(_ documents: [BenchDocument]) -> (nanoseconds: UInt64, segments: Int) {
    let start = MonotonicClock.now()
    var segments = 0
    for document in documents { segments += Tokenizer.rawICUWordCount(document.text) }
    return (MonotonicClock.now() - start, segments)
}

/// The tokenizer alone over every document, on the calling thread: returns nanoseconds and tokens.
private func measureTokenizer(_ documents: [BenchDocument], tokenizer: Tokenizer) -> (nanoseconds: UInt64, tokens: Int) {
    let start = MonotonicClock.now()
    var tokens = 0
    for document in documents { tokens += tokenizer.tokenize(document.text).tokens.count }
    return (MonotonicClock.now() - start, tokens)
}

/// The timed runs of one benchmark: per run, raw ICU, the tokenizer alone, the pipeline on one thread,
/// and on `jobs` threads.
public struct BenchMeasurement {
    var singleThread: [PassTiming] = []
    var rawICUNanoseconds: [UInt64] = []
    var rawICUSegments = 0
    /// The tokenizer alone, as raw ICU is timed: each document in turn, nothing else in between.
    var tokenizerNanoseconds: [UInt64] = []
    /// Empty when `jobs` is 1.
    var parallel: [PassTiming] = []
    var jobs = 1
    var runs = 0

    /// One warm-up run, then `runs` timed runs; progress goes to standard error when it is a terminal.
    public static func run(_ documents: [BenchDocument], tagger: Tagger, runs: Int, jobs: Int,
                           progress: (String) -> Void = { _ in }) -> BenchMeasurement {
        var measurement = BenchMeasurement(jobs: jobs, runs: runs)
        let wholeCorpus = [0..<documents.count]
        let shards = contiguousShards(documents, count: jobs)
        for run in 0...runs {
            progress(run == 0 ? "warm-up run…" : "run \(run)/\(runs)…")
            let rawICU = measureRawICU(documents)
            let tokenizerAlone = measureTokenizer(documents, tokenizer: tagger.tokenizer)
            let single = PassTiming.measure(documents, shards: wholeCorpus, tagger: tagger)
            let parallel = jobs > 1 ? PassTiming.measure(documents, shards: shards, tagger: tagger) : nil
            guard run > 0 else { continue }
            measurement.rawICUNanoseconds.append(rawICU.nanoseconds)
            measurement.rawICUSegments = rawICU.segments
            measurement.tokenizerNanoseconds.append(tokenizerAlone.nanoseconds)
            measurement.singleThread.append(single)
            if let parallel { measurement.parallel.append(parallel) }
        }
        return measurement
    }
}

/// The median, minimum and maximum of some values.
public struct Spread {
    var median: Double
    var min: Double
    var max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted.first!
        max = sorted.last!
    }

    /// `{"median": …, "min": …, "max": …}`.
    func write(to json: inout JSONWriter, digits: Int = 4) {
        json.objectStart()
        json.key("median"); json.double(median, digits: digits)
        json.key("min"); json.double(min, digits: digits)
        json.key("max"); json.double(max, digits: digits)
        json.objectEnd()
    }
}

/// A percentile by the nearest-rank method, of sorted values.
private func percentile(_ sorted: [UInt64], _ fraction: Double) -> UInt64 {
    let rank = Int((fraction * Double(sorted.count)).rounded(.up))
    return sorted[Swift.max(rank, 1) - 1]
}

/// Lexicon load times.
public struct LexiconTiming: Sendable {
    /// Loading the compiled gazetteer from the cache (nil with `--no-lexicon-cache`).
    public var cachedLoadSeconds: Double?
    /// Compiling the lexicon files without the cache.
    public var compileSeconds: Double?

    public init(cachedLoadSeconds: Double? = nil, compileSeconds: Double? = nil) {
        self.cachedLoadSeconds = cachedLoadSeconds
        self.compileSeconds = compileSeconds
    }

    /// Loads the gazetteer a benchmark uses, timing it: from the cache (after an untimed first load
    /// that compiles and writes the cache if it is missing or stale, so the timed load is a cache
    /// hit), or compiled when `useCache` is false.
    public static func load(_ lexicons: LexiconSet, tokenizer: Tokenizer, useCache: Bool) throws -> (Gazetteer, LexiconTiming) {
        var timing = LexiconTiming()
        guard useCache else {
            let compiled = try timedLexiconWork { try lexicons.compile(tokenizer: tokenizer) }
            timing.compileSeconds = compiled.seconds
            return (compiled.result, timing)
        }
        _ = try lexicons.loadGazetteer(tokenizer: tokenizer)
        let loaded = try timedLexiconWork { try lexicons.loadGazetteer(tokenizer: tokenizer) }
        timing.cachedLoadSeconds = loaded.seconds
        return (loaded.result, timing)
    }

    /// Times a compile without the cache if `load` did not already.
    public mutating func measureCompile(_ lexicons: LexiconSet, tokenizer: Tokenizer) throws {
        if compileSeconds == nil { compileSeconds = try timedLexiconWork { try lexicons.compile(tokenizer: tokenizer) }.seconds }
    }
}

// MARK: - Environment

/// The memory this process uses.
public enum ProcessMemory {
    /// Resets the peak resident set size to the current one (Linux 4.0+); false where it cannot.
    public static func resetPeak() -> Bool {
        let file = open("/proc/self/clear_refs", O_WRONLY)
        guard file >= 0 else { return false }
        defer { close(file) }
        return write(file, "5", 1) == 1
    }

    /// Peak resident set size so far (`VmHWM` in /proc/self/status), nil where it cannot be read.
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}

/// The machine the benchmark runs on.
public enum BenchMachine {
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The 1-minute load average from /proc/loadavg: above the number of CPUs, the timings are suspect.
    public static var loadAverage: Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    /// The CPU model from /proc/cpuinfo, or "unknown".
    static var cpuModel: String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown" }
        return line[line.index(after: colon)...].trimmingWhitespace()
    }
}

// MARK: - Report

/// `value` with `decimals` decimals and commas between thousands: `groupedNumber(12345.678, 1)` is
/// `12,345.7`.
private func groupedNumber(_ value: Double, _ decimals: Int) -> String {
    let plain = String(printf: "%.*f", Int32(decimals), value)
    let sign = plain.hasPrefix("-") ? "-" : ""
    let unsigned = plain.dropFirst(sign.count)
    let integer = unsigned.prefix { $0 != "." }
    var grouped = ""
    for (index, digit) in integer.enumerated() {
        if index > 0 && (integer.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(digit)
    }
    return sign + grouped + unsigned.dropFirst(integer.count)
}

/// Turns a benchmark's measurements into rates and renders them as text or one JSON object.
public struct BenchReport {
    let corpus: BenchCorpus
    let measurement: BenchMeasurement
    let lexicons: LexiconTiming
    let peakResidentBytes: Int?
    /// True when the peak was reset after the lexicons were loaded (a cache miss's compile excluded).
    let peakMeasuredFromLoadedLexicons: Bool
    /// The 1-minute load average before the runs.
    let loadAverage: Double?
    let accuracy: EvaluationReport?
    let gold: String?

    public init(corpus: BenchCorpus, measurement: BenchMeasurement, lexicons: LexiconTiming, peakResidentBytes: Int?,
                peakMeasuredFromLoadedLexicons: Bool, loadAverage: Double?, accuracy: EvaluationReport?, gold: String?) {
        self.corpus = corpus
        self.measurement = measurement
        self.lexicons = lexicons
        self.peakResidentBytes = peakResidentBytes
        self.peakMeasuredFromLoadedLexicons = peakMeasuredFromLoadedLexicons
        self.loadAverage = loadAverage
        self.accuracy = accuracy
        self.gold = gold
    }

    private var megabytes: Double { Double(corpus.utf8Bytes) / 1e6 }
    private var tokens: Int { measurement.singleThread[0].tokens }

    /// Per run: `amount` divided by the run's seconds.
    private func rates(_ amount: Double, _ nanoseconds: [UInt64]) -> Spread {
        Spread(nanoseconds.map { amount / (Double($0) / 1e9) })
    }

    private func rates(_ amount: Double, _ passes: [PassTiming], _ nanoseconds: (PassTiming) -> UInt64) -> Spread {
        rates(amount, passes.map(nanoseconds))
    }

    private func seconds(_ nanoseconds: [UInt64]) -> Spread {
        Spread(nanoseconds.map { Double($0) / 1e9 })
    }

    private func seconds(_ passes: [PassTiming], _ nanoseconds: (PassTiming) -> UInt64) -> Spread {
        seconds(passes.map(nanoseconds))
    }

    /// Per run: the tokenizer's MB/s (timed alone, as raw ICU is) over raw ICU's MB/s in the same run.
    private var tokenizerToRawICU: Spread {
        Spread(zip(measurement.tokenizerNanoseconds, measurement.rawICUNanoseconds).map { Double($1) / Double($0) })
    }

    /// Per run: the tokenize stage's MB/s inside the pipeline (caches shared with tagging) over raw ICU's.
    private var pipelineTokenizeToRawICU: Spread {
        Spread(zip(measurement.singleThread, measurement.rawICUNanoseconds).map { Double($1) / Double($0.tokenizeNanoseconds) })
    }

    /// Per run: the whole pipeline's MB/s on one thread (end to end) over raw ICU's MB/s in the same run.
    private var endToEndToRawICU: Spread {
        Spread(zip(measurement.singleThread, measurement.rawICUNanoseconds).map { Double($1) / Double($0.nanoseconds) })
    }

    /// Per-document latency percentiles in milliseconds, each the median over the runs.
    private var latencyMilliseconds: [(name: String, value: Spread)] {
        let sortedRuns = measurement.singleThread.map { $0.documentNanoseconds.sorted() }
        return [("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)].map { name, fraction in
            (name, Spread(sortedRuns.map { Double(percentile($0, fraction)) / 1e6 }))
        }
    }

    /// Median parallel documents/s over median single-thread documents/s.
    private var speedUp: Double? {
        guard !measurement.parallel.isEmpty else { return nil }
        return seconds(measurement.singleThread, \.nanoseconds).median / seconds(measurement.parallel, \.nanoseconds).median
    }

    /// Per run: process CPU time over wall time, about the number of threads when each had its own core.
    private func coresUsed(_ passes: [PassTiming]) -> Spread {
        Spread(passes.map { Double($0.cpuNanoseconds) / Double($0.nanoseconds) })
    }

    private var stages: [(name: String, nanoseconds: (PassTiming) -> UInt64)] {
        [("tokenize", \.tokenizeNanoseconds), ("gazetteer+rules", \.tagNanoseconds), ("output", \.outputNanoseconds)]
    }

    public func text() -> String {
        let single = measurement.singleThread
        let number = groupedNumber
        func spread(_ value: Spread, _ decimals: Int) -> String {
            "\(number(value.median, decimals)) [\(number(value.min, decimals))–\(number(value.max, decimals))]"
        }
        func row(_ name: String, _ value: String) -> String {
            "  " + name.padded(toLength: 22) + value
        }
        var lines = [
            "frner bench: \(BuildConfiguration.name) build, FrenchNER \(FrenchNER.version), ICU \(Tokenizer.icuVersion), "
                + "\(BenchMachine.hostName), \(ProcessInfo.processInfo.activeProcessorCount) CPUs, load average "
                + (loadAverage.map { number($0, 2) } ?? "unknown") + " before the runs",
            "corpus: \(number(Double(corpus.documents.count), 0)) documents, \(number(megabytes, 2)) MB UTF-8, "
                + "\(number(Double(corpus.words), 0)) words, \(number(Double(tokens), 0)) tokens, "
                + "\(number(Double(single[0].entities), 0)) entities"
                + (corpus.unreadable > 0 ? " (\(corpus.unreadable) unreadable records skipped)" : ""),
            "\(measurement.runs) timed run\(measurement.runs == 1 ? "" : "s") after 1 warm-up; median [min–max]",
            "",
            "pipeline, 1 thread",
            row("documents/s", spread(rates(Double(corpus.documents.count), single, \.nanoseconds), 1)),
            row("tokens/s", spread(rates(Double(tokens), single, \.nanoseconds), 0)),
            row("words/s", spread(rates(Double(corpus.words), single, \.nanoseconds), 0)),
            row("MB/s", spread(rates(megabytes, single, \.nanoseconds), 3)),
            row("seconds", spread(seconds(single, \.nanoseconds), 3)),
            row("cores used", spread(coresUsed(single), 2) + " (CPU time ÷ wall time)"),
            "",
            "stages                  seconds                   MB/s                      share",
        ]
        let total = Double(single.map { $0.tokenizeNanoseconds + $0.tagNanoseconds + $0.outputNanoseconds }.reduce(0, +))
        for stage in stages {
            let share = Double(single.map(stage.nanoseconds).reduce(0, +)) / total
            lines.append(row(stage.name, spread(seconds(single, stage.nanoseconds), 3).padded(toLength: 26)
                             + spread(rates(megabytes, single, stage.nanoseconds), 2).padded(toLength: 26)
                             + number(share * 100, 1) + " %"))
        }
        lines.append("")
        lines.append("tokenizer alone         seconds                   MB/s                      tokens/s")
        let tokenizer = measurement.tokenizerNanoseconds, rawICU = measurement.rawICUNanoseconds
        lines.append(row("tokenizer", spread(seconds(tokenizer), 3).padded(toLength: 26)
                         + spread(rates(megabytes, tokenizer), 2).padded(toLength: 26)
                         + number(rates(Double(tokens), tokenizer).median, 0)))
        lines.append(row("raw ICU word break", spread(seconds(rawICU), 3).padded(toLength: 26)
                         + spread(rates(megabytes, rawICU), 2)))
        lines.append(row("tokenizer ÷ raw ICU", spread(tokenizerToRawICU, 3)
                         + " (MB/s ratio; tokenize stage in the pipeline: \(number(pipelineTokenizeToRawICU.median, 3)))"))
        lines.append(row("end to end ÷ raw ICU", spread(endToEndToRawICU, 3) + " (pipeline MB/s on 1 thread ÷ raw ICU's, per run)"))
        lines.append("")
        lines.append("latency per document, ms: " + latencyMilliseconds.map { "\($0.name) \(number($0.value.median, 3))" }.joined(separator: "  "))
        if let speedUp {
            let parallel = measurement.parallel
            lines.append("")
            lines.append("pipeline, \(measurement.jobs) threads")
            lines.append(row("documents/s", spread(rates(Double(corpus.documents.count), parallel, \.nanoseconds), 1)))
            lines.append(row("MB/s", spread(rates(megabytes, parallel, \.nanoseconds), 3)))
            lines.append(row("cores used", spread(coresUsed(parallel), 2) + " (CPU time ÷ wall time)"))
            lines.append(row("speed-up", "\(number(speedUp, 2))× over 1 thread (medians)"))
        }
        lines.append("")
        lines.append("lexicons: cached load " + (lexicons.cachedLoadSeconds.map { number($0, 3) + " s" } ?? "not measured")
                     + ", compile without cache " + (lexicons.compileSeconds.map { number($0, 3) + " s" } ?? "not measured"))
        lines.append("peak resident memory: " + (peakResidentBytes.map { number(Double($0) / 1e6, 1) + " MB" } ?? "unknown")
                     + (peakMeasuredFromLoadedLexicons ? " (since the lexicons were loaded" : " (whole process")
                     + "; documents in memory: \(number(Double(corpus.utf16Units * 2) / 1e6, 1)) MB of UTF-16)")
        if let accuracy, let gold {
            lines.append("")
            lines.append("accuracy on \(gold):")
            lines.append(accuracy.table())
        }
        return lines.joined(separator: "\n") + (accuracy == nil ? "\n" : "")
    }

    public func json() -> String {
        let single = measurement.singleThread
        var json = JSONWriter(capacity: 4096)
        json.objectStart()
        json.key("frner_version"); json.string(FrenchNER.version)
        json.key("build"); json.string(BuildConfiguration.name)
        json.key("icu_version"); json.string(Tokenizer.icuVersion)
        json.key("host"); json.string(BenchMachine.hostName)
        json.key("cpu"); json.string(BenchMachine.cpuModel)
        json.key("cpus"); json.int(ProcessInfo.processInfo.activeProcessorCount)
        json.key("load_average"); optional(loadAverage, to: &json)
        json.key("runs"); json.int(measurement.runs)
        json.key("corpus"); json.objectStart()
        json.key("documents"); json.int(corpus.documents.count)
        json.key("unreadable_records"); json.int(corpus.unreadable)
        json.key("bytes_utf8"); json.int(corpus.utf8Bytes)
        json.key("characters"); json.int(corpus.codePoints)
        json.key("words"); json.int(corpus.words)
        json.key("tokens"); json.int(tokens)
        json.key("entities"); json.int(single[0].entities)
        json.key("output_bytes"); json.int(single[0].outputBytes)
        json.objectEnd()
        json.key("single_thread"); json.objectStart()
        json.key("seconds"); seconds(single, \.nanoseconds).write(to: &json, digits: 6)
        json.key("documents_per_second"); rates(Double(corpus.documents.count), single, \.nanoseconds).write(to: &json, digits: 1)
        json.key("tokens_per_second"); rates(Double(tokens), single, \.nanoseconds).write(to: &json, digits: 0)
        json.key("words_per_second"); rates(Double(corpus.words), single, \.nanoseconds).write(to: &json, digits: 0)
        json.key("mb_per_second"); rates(megabytes, single, \.nanoseconds).write(to: &json)
        json.key("cores_used"); coresUsed(single).write(to: &json, digits: 3)
        json.key("stages"); json.objectStart()
        for stage in stages {
            json.key(stage.name); json.objectStart()
            json.key("seconds"); seconds(single, stage.nanoseconds).write(to: &json, digits: 6)
            json.key("mb_per_second"); rates(megabytes, single, stage.nanoseconds).write(to: &json)
            json.objectEnd()
        }
        json.objectEnd()
        json.key("latency_ms"); json.objectStart()
        for (name, value) in latencyMilliseconds { json.key(name); value.write(to: &json) }
        json.objectEnd()
        json.objectEnd()
        json.key("raw_icu"); json.objectStart()
        json.key("seconds"); seconds(measurement.rawICUNanoseconds).write(to: &json, digits: 6)
        json.key("mb_per_second"); rates(megabytes, measurement.rawICUNanoseconds).write(to: &json)
        json.key("word_segments"); json.int(measurement.rawICUSegments)
        json.objectEnd()
        json.key("tokenizer"); json.objectStart()
        json.key("seconds"); seconds(measurement.tokenizerNanoseconds).write(to: &json, digits: 6)
        json.key("mb_per_second"); rates(megabytes, measurement.tokenizerNanoseconds).write(to: &json)
        json.key("tokens_per_second"); rates(Double(tokens), measurement.tokenizerNanoseconds).write(to: &json, digits: 0)
        json.objectEnd()
        json.key("tokenizer_to_raw_icu"); tokenizerToRawICU.write(to: &json)
        json.key("pipeline_tokenize_to_raw_icu"); pipelineTokenizeToRawICU.write(to: &json)
        json.key("end_to_end_to_raw_icu"); endToEndToRawICU.write(to: &json)
        json.key("parallel")
        if let speedUp {
            let parallel = measurement.parallel
            json.objectStart()
            json.key("jobs"); json.int(measurement.jobs)
            json.key("seconds"); seconds(parallel, \.nanoseconds).write(to: &json, digits: 6)
            json.key("documents_per_second"); rates(Double(corpus.documents.count), parallel, \.nanoseconds).write(to: &json, digits: 1)
            json.key("mb_per_second"); rates(megabytes, parallel, \.nanoseconds).write(to: &json)
            json.key("cores_used"); coresUsed(parallel).write(to: &json, digits: 3)
            json.key("speedup"); json.double(speedUp, digits: 3)
            json.objectEnd()
        } else {
            json.null()
        }
        json.key("lexicons"); json.objectStart()
        json.key("cached_load_seconds"); optional(lexicons.cachedLoadSeconds, to: &json)
        json.key("compile_seconds"); optional(lexicons.compileSeconds, to: &json)
        json.objectEnd()
        json.key("memory"); json.objectStart()
        json.key("peak_resident_mb"); optional(peakResidentBytes.map { Double($0) / 1e6 }, to: &json)
        json.key("peak_since_lexicons_loaded"); json.bool(peakMeasuredFromLoadedLexicons)
        json.key("documents_utf16_mb"); json.double(Double(corpus.utf16Units * 2) / 1e6, digits: 1)
        json.objectEnd()
        json.key("accuracy")
        if let accuracy {
            json.raw(accuracy.json().utf8)
        } else {
            json.null()
        }
        json.key("gold"); if let gold { json.string(gold) } else { json.null() }
        json.objectEnd()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private func optional(_ value: Double?, to json: inout JSONWriter) {
        if let value { json.double(value) } else { json.null() }
    }
}
