import ArgumentParser
import Foundation
import FrenchNER

extension OutputFormat: ExpressibleByArgument {}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Find people, organisations and places; one output record per input document, in input order.",
        discussion: """
        Formats: jsonl (default; see docs/FORMAT.md), conll, brat (needs --output-dir), tsv, spacy, html.
        Exit status: 0 all records tagged, 1 some records failed (each gets an error record), 2 fatal \
        (an input or a lexicon could not be read, output not writable), 64 usage error.
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var lexicons: LexiconOptions

    @Option(help: "Output format: jsonl, conll, brat, tsv, spacy, html.")
    var format: OutputFormat = .jsonl

    @Option(help: ArgumentHelp("Folder for brat output (NAME.txt + NAME.ann per document).", valueName: "folder"))
    var outputDir: String?

    @Option(help: "Labels to output, comma-separated.")
    var labels = "PER,LOC,ORG"

    @Option(help: "Threads tagging documents (default: all cores). Output is identical for any value.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Person spans: names-only (default), or titles, functions, appositions joined by + (titles+functions).", valueName: "convention"))
    var personSpans = "names-only"

    @Flag(help: "Write each record as soon as it is tagged (default when standard output is a terminal).")
    var lineBuffered = false

    @Flag(help: "Two passes: learn the names the whole input types surely, then tag with them (corpus.same-name). Files are read twice; standard input is spooled to a temporary file. At most 2^20 names (about 40 MB).")
    var corpusMemory = false


    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if format == .brat && outputDir == nil { throw ValidationError("--format brat needs --output-dir") }
        if TaggingConventions(name: personSpans) == nil {
            throw ValidationError("unknown --person-spans '\(personSpans)' (names-only, or titles, functions, appositions joined by +)")
        }
        _ = try parseLabels(labels)
    }

    func run() throws {
        let labelSet = try parseLabels(labels)
        let tokenizer = try Tokenizer()
        var configured = Tagger(gazetteer: try lexicons.loadGazetteer(tokenizer: tokenizer), tokenizer: tokenizer)
        configured.conventions = TaggingConventions(name: personSpans)!
        var input = input
        let pass = corpusMemory ? try configured.rememberingCorpus(inputs: input.inputs, settings: input.settings, jobs: jobs) : nil
        let (tagger, spool) = (pass?.tagger ?? configured, pass?.spool)
        input.inputs = pass?.inputs ?? input.inputs
        defer { if let spool { try? FileManager.default.removeItem(atPath: spool) } }
        let formatter = DocumentFormatter(format: format)
        let output = StandardOutput(lineBuffered: lineBuffered)
        let brat = try outputDir.map { try BratWriter(folder: $0) }
        let options = input.settings
        var source = input.source()
        let progress = ProgressLine(totalBytes: source.knownInputSize)
        // Records are tagged in batches on `jobs` threads and written in input order. Memory is bounded
        // by one batch: at most `batchLimit` records and about `batchBytes` bytes of input.
        let interactive = output.isLineBuffered
        let batchLimit = interactive ? 1 : max(64, jobs * 32)
        let batchBytes = 16 << 20
        var batch: [RawRecord] = []
        var pendingBytes = 0
        var failures = 0

        output.write(formatter.header())
        func flush() {
            let records = batch
            let results = parallelMap(count: records.count, jobs: interactive ? 1 : jobs) { i in
                TagCommand.process(records[i], options: options, tagger: tagger, formatter: formatter, labels: labelSet)
            }
            for result in results {
                if let message = result.error {
                    failures += 1
                    Diagnostics.error("\(result.location): \(message)")
                }
                if let brat {
                    brat.write(name: result.name, text: result.text, annotations: result.bytes)
                } else {
                    output.write(result.bytes)
                    output.endRecord()
                }
            }
            progress.update(documents: results.count, bytes: pendingBytes)
            batch.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }
        source.forEachRecord { record in
            var record = record
            if let spool, record.file == spool { (record.file, record.location) = ("<stdin>", "<stdin>" + record.location.dropFirst(spool.count)) }
            batch.append(record)
            pendingBytes += record.bytes.count
            if batch.count >= batchLimit || pendingBytes >= batchBytes { flush() }
        }
        flush()
        output.write(formatter.footer())
        output.flush()
        progress.finish()
        if let brat, brat.failed { throw ExitCode(2) }
        try ExitStatus.finish(recordFailures: failures, inputFailed: source.inputFailed)
    }

    struct Result: Sendable {
        var bytes: [UInt8]
        var error: String?
        var location: String
        /// For brat: the file name (without extension) and the text.
        var name: String
        var text: [UInt8]
    }

    static func process(_ record: RawRecord, options: InputSettings, tagger: Tagger, formatter: DocumentFormatter,
                        labels: Set<EntityLabel>) -> Result {
        let document = options.decode(record)
        let name = record.format == .text ? record.file : document.id
        switch document.text {
        case .failure(let error):
            return Result(bytes: formatter.errorRecord(idJSON: document.idJSON, id: document.id, message: error.message),
                          error: error.message, location: document.location, name: name, text: [])
        case .success(let text):
            let tagged = tagger.tag(text)
            let entities = labels.count == 3 ? tagged.entities : tagged.entities.filter { labels.contains($0.label) }
            let bytes = formatter.record(idJSON: document.idJSON, id: document.id,
                                         passthrough: document.passthrough.map { ($0.key, $0.raw) },
                                         tagged: tagged, entities: entities)
            let textBytes = formatter.format == .brat ? Array(text.string.utf8) : []
            return Result(bytes: bytes, error: nil, location: document.location, name: name, text: textBytes)
        }
    }
}

/// Writes brat files (`NAME.txt` + `NAME.ann`) into a folder, making names unique.
final class BratWriter {
    let folder: String
    private var used: Set<String> = []
    private(set) var failed = false

    init(folder: String) throws {
        self.folder = folder
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            Diagnostics.error("\(folder): cannot create the output folder: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }

    func write(name: String, text: [UInt8], annotations: [UInt8]) {
        var base = (name as NSString).lastPathComponent
        if base.hasSuffix(".txt") { base = String(base.dropLast(4)) }
        base = String(base.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        if base.isEmpty || base.hasPrefix(".") { base = "doc" + base }
        var unique = base
        var counter = 2
        while used.contains(unique) {
            unique = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(unique)
        let path = folder + "/" + unique
        if !FileManager.default.createFile(atPath: path + ".txt", contents: Data(text))
            || !FileManager.default.createFile(atPath: path + ".ann", contents: Data(annotations)) {
            if !failed { Diagnostics.error("\(path).ann: cannot write") }
            failed = true
        }
    }
}

/// A progress line on standard error, only when it is a terminal and the input size is known.
final class ProgressLine {
    private let totalBytes: Int?
    private let enabled: Bool
    private let start = Date()
    private var lastPrint = Date.distantPast
    private var documents = 0
    private var bytes = 0

    init(totalBytes: Int?) {
        self.totalBytes = totalBytes
        self.enabled = Diagnostics.standardErrorIsTerminal && (totalBytes ?? 0) > 0
    }

    func update(documents count: Int, bytes read: Int) {
        documents += count
        bytes += read
        guard enabled, Date().timeIntervalSince(lastPrint) >= 0.5, let totalBytes else { return }
        lastPrint = Date()
        let seconds = max(Date().timeIntervalSince(start), 1e-6)
        let rate = Double(bytes) / seconds
        let eta = rate > 0 ? Double(max(totalBytes - bytes, 0)) / rate : 0
        let line = String(format: "\r%d documents, %.1f/%.1f MB, %.1f MB/s, ETA %.0f s ",
                          documents, Double(bytes) / 1e6, Double(totalBytes) / 1e6, rate / 1e6, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled && lastPrint != .distantPast { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
