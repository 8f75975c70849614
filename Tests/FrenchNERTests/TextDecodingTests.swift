import Foundation
import Testing
@testable import FrenchNER

/// A small deterministic generator (xorshift), so that failures reproduce.
private struct Xorshift: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
}

/// Texts with ASCII runs of every length around accents, other BMP characters, emoji and line breaks:
/// the shapes the eight-at-a-time and four-at-a-time paths start and stop on.
private func randomTexts(count: Int, seed: UInt64) -> [String] {
    var random = Xorshift(state: seed)
    let pieces: [String] = ["é", "à", "’", "«", "—", "€", "中", "🇫🇷", "😀", "\n", "\"", "\\", "\t", "Œ", "ß"]
    return (0..<count).map { _ in
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &random) {
            if Bool.random(using: &random) {
                text += String(repeating: "a", count: Int.random(in: 0...19, using: &random))
            } else {
                text += pieces.randomElement(using: &random)!
            }
        }
        return text
    }
}

@Suite("UTF-8 decoding and offset maps (fast paths against plain references)")
struct TextDecodingTests {
    @Test("valid UTF-8 decodes to the string's UTF-16, whatever the runs of ASCII")
    func validText() throws {
        for text in randomTexts(count: 2000, seed: 42) {
            let buffer = try TextBuffer(validatingUTF8: Array(text.utf8))
            #expect(Array(buffer.utf16) == Array(text.utf16), "\(text.debugDescription)")
        }
    }

    @Test("the first invalid byte is reported where Swift's own UTF-8 parser stops, at any position")
    func invalidText() {
        var random = Xorshift(state: 7)
        let bad: [[UInt8]] = [[0xFF], [0x80], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3]]
        for text in randomTexts(count: 1000, seed: 9) {
            var bytes = Array(text.utf8)
            // Insert a bad sequence at a character boundary.
            let boundaries = text.indices.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) } + [bytes.count]
            let at = boundaries.randomElement(using: &random)!
            bytes.insert(contentsOf: bad.randomElement(using: &random)!, at: at)
            // Reference: the offset of the first scalar Swift's parser rejects.
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = bytes.makeIterator()
            var offset = 0
            var expected: Int?
            loop: while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let scalar): offset += scalar.count
                case .error: expected = offset; break loop
                case .emptyInput: break loop
                }
            }
            do {
                _ = try TextBuffer(validatingUTF8: bytes)
                Issue.record("no error for \(bytes)")
            } catch {
                #expect(error.byteOffset == expected, "\(bytes)")
            }
        }
    }

    @Test("code-point count, UTF-8 count, ASCII and surrogate flags, and every offset agree with plain counting")
    func offsetMaps() {
        var random = Xorshift(state: 3)
        var cases = randomTexts(count: 1500, seed: 5).map { Array($0.utf16) }
        // Lone surrogates (kept as they are) and lengths around the 64-unit marks.
        for _ in 0..<300 {
            var units = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt16(0x61) }
            for _ in 0..<Int.random(in: 0...3, using: &random) where !units.isEmpty {
                units[Int.random(in: 0..<units.count, using: &random)] = [0xD800, 0xDC00, 0xE9, 0x4E2D, 0x7FF, 0x800].randomElement(using: &random)!
            }
            cases.append(units)
        }
        for units in cases {
            let buffer = TextBuffer(utf16: ContiguousArray(units))
            var codePoints = 0, bytes = 0
            var codePointAt: [Int] = [], byteAt: [Int] = []
            for unit in units {
                codePointAt.append(codePoints)
                byteAt.append(bytes)
                switch unit {
                case ..<0x80: codePoints += 1; bytes += 1
                case ..<0x800: codePoints += 1; bytes += 2
                case 0xD800...0xDBFF: codePoints += 1; bytes += 2
                case 0xDC00...0xDFFF: bytes += 2
                default: codePoints += 1; bytes += 3
                }
            }
            codePointAt.append(codePoints)
            byteAt.append(bytes)
            #expect(buffer.codePointCount == codePoints)
            #expect(buffer.utf8Count == bytes)
            #expect(buffer.isASCII == units.allSatisfy { $0 < 0x80 })
            #expect(buffer.hasSurrogates == units.contains { $0 & 0xF800 == 0xD800 })
            for offset in 0...units.count where offset == units.count || units[offset] & 0xFC00 != 0xDC00 {
                #expect(buffer.codePointOffset(utf16: offset) == codePointAt[offset])
                #expect(buffer.utf8Offset(utf16: offset) == byteAt[offset])
            }
        }
    }

    @Test("JSON strings with escapes anywhere read as Foundation reads them")
    func jsonStrings() throws {
        for text in randomTexts(count: 1500, seed: 11) {
            let line = String(decoding: try JSONSerialization.data(withJSONObject: ["text": text]), as: UTF8.self)
            let record = try JSONRecord(parsing: Array(line.utf8)[...])
            #expect(record["text"] == .string(text), "\(line)")
        }
        // A string that ends exactly at a multiple of eight bytes, and an unterminated one.
        #expect(try JSONRecord(parsing: Array(#"{"t":"abcdefgh"}"#.utf8)[...])["t"] == .string("abcdefgh"))
        #expect(throws: JSONParseError.self) { try JSONRecord(parsing: Array(#"{"t":"abcdefghijklmnop"#.utf8)[...]) }
        #expect(throws: JSONParseError.self) { try JSONRecord(parsing: Array("{\"t\":\"abcdefgh\u{01}\"}".utf8)[...]) }
    }
}

/// JSON Lines records whose text is read straight from the record's bytes (`InputSettings.decodeJSON`)
/// against the general path that makes every value a `String` first (`decodeJSONGenerally`): the same
/// text, id, passthrough fields and error messages, for well-formed and broken records alike.
@Suite("JSON Lines input: the text read directly, against the general path")
struct JSONInputTests {
    /// Both paths' reading of one record, as comparable values.
    private func bothReadings(_ line: [UInt8], _ settings: InputSettings) -> (direct: String, general: String) {
        func describe(_ doc: InputDocument) -> String {
            let text: String = switch doc.text {
            case .success(let buffer): "text " + buffer.utf16.map { String($0, radix: 16) }.joined(separator: " ")
            case .failure(let error): "error " + error.message
            }
            let fields = doc.passthrough.map { "\($0.key)=\(String(decoding: $0.raw, as: UTF8.self))" }
            return "\(text) | id \(doc.id) \(String(decoding: doc.idJSON, as: UTF8.self)) | \(fields)"
        }
        var direct = InputDocument(idJSON: [], id: "-", location: "-", text: .failure(RecordError(message: "")))
        var general = direct
        settings.decodeJSON(line[...], into: &direct)
        settings.decodeJSONGenerally(line[...], into: &general)
        return (describe(direct), describe(general))
    }

    private static let records: [String] = [
        #"{"id": 7, "text": "M. Antony Blinken est arrivé à Kiev."}"#,
        #"{"text": "deux\nlignes \"citées\" \u00e9t\u00E9 \ud83d\ude00 \/ \t", "id": "a", "lang": "fr"}"#,
        #"{"text": ""}"#,
        #"{"text": "NUL \u0000 inside"}"#,
        #"{"text": "lone \ud800 surrogate"}"#,
        #"{"text": "bad \u12 escape"}"#,
        #"{"text": 42}"#,
        #"{"text": null, "id": "x"}"#,
        #"{"id": "no text"}"#,
        #"{"text": "first", "text": "second \n"}"#,
        #"{"text": "first \n", "text": 3}"#,
        #"{"text": "unterminated}"#,
        #"{"text": "trailing"} x"#,
        #"["text"]"#,
        #"{"text": "ok", "meta": {"a": [1, 2.5, true, "é"]}}"#,
    ]

    @Test("tricky records read the same on both paths", arguments: [false, true])
    func trickyRecords(lossy: Bool) {
        let settings = InputSettings(format: .jsonl, lossy: lossy)
        for record in JSONInputTests.records {
            let (direct, general) = bothReadings(Array(record.utf8), settings)
            #expect(direct == general, "\(record)")
        }
    }

    @Test("records with invalid UTF-8 in the text, the id or another field read the same on both paths",
          arguments: [false, true])
    func invalidUTF8(lossy: Bool) {
        let settings = InputSettings(format: .jsonl, lossy: lossy)
        let bad: [[UInt8]] = [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]]
        for sequence in bad {
            for place in ["text", "id", "other"] {
                var line = Array(#"{"id": "i"#.utf8)
                if place == "id" { line += sequence }
                line += Array(#"", "text": "avant "#.utf8)
                if place == "text" { line += sequence }
                line += Array(#" après\n", "other": "o"#.utf8)
                if place == "other" { line += sequence }
                line += Array(#""}"#.utf8)
                let (direct, general) = bothReadings(line, settings)
                #expect(direct == general, "\(sequence) in \(place)")
            }
        }
    }

    @Test("random texts with escapes read the same on both paths, and as the text itself")
    func randomRecords() throws {
        let settings = InputSettings(format: .jsonl)
        for text in randomTexts(count: 800, seed: 29) {
            let line = Array(try JSONSerialization.data(withJSONObject: ["text": text, "id": "r"]))
            let (direct, general) = bothReadings(line, settings)
            #expect(direct == general, "\(text)")
            var doc = InputDocument(idJSON: [], id: "-", location: "-", text: .failure(RecordError(message: "")))
            settings.decodeJSON(line[...], into: &doc)
            #expect((try? doc.text.get().utf16).map(Array.init) == Array(text.utf16), "\(text)")
        }
    }
}
