import Foundation
import Testing
@testable import FrenchNER

private func jsonOf(_ write: (inout JSONWriter) -> Void) -> String {
    var json = JSONWriter()
    write(&json)
    return String(decoding: json.bytes, as: UTF8.self)
}

/// More of the suite `JSONWriterTests` ("JSON: writing", in EvaluationTests.swift): numbers, runs, UTF-16.
extension JSONWriterTests {
    @Test("integers in place, every magnitude and sign", arguments: [0, 7, -7, 10, 1_000_000, Int.max, Int.min, Int(Int32.max)])
    func integers(value: Int) {
        #expect(jsonOf { $0.int(value) } == String(value))
    }

    @Test("strings: runs without escapes copied whole, bridged strings alike", arguments: [
        ("", #""""#), ("Élysée", #""Élysée""#), ("a\"b\\c", #""a\"b\\c""#), ("\n\r\t\u{01}x", #""\n\r\t\u0001x""#),
        ("\"", #""\"""#), ("x\u{1F}", #""x\u001f""#), ("😀 \u{2028}", "\"😀 \u{2028}\""),
    ])
    func strings(value: String, expected: String) {
        #expect(jsonOf { $0.string(value) } == expected)
        // A bridged (non-native) string takes the same path's result.
        #expect(jsonOf { $0.string(NSString(string: value) as String) } == expected)
    }

    @Test("values separated by commas inside arrays and objects")
    func separators() {
        #expect(jsonOf { j in j.objectStart(); j.key("a"); j.arrayStart(); j.int(1); j.int(-2); j.string("x"); j.arrayEnd()
            j.key("b"); j.bool(true); j.objectEnd() } == #"{"a":[1,-2,"x"],"b":true}"#)
    }

    @Test("written as JSON: UTF-16 transcoded in place, escapes per RFC 8259, a lone surrogate as U+FFFD")
    func json() {
        let units: [UInt16] = [0x61, 0x22, 0x5C, 0x0A, 0x01, 0xE9, 0x20AC, 0xD83D, 0xDE00, 0xD800, 0x62]
        var json = JSONWriter()
        units.withUnsafeBufferPointer { json.string(utf16: $0) }
        #expect(String(decoding: json.bytes, as: UTF8.self) == "\"a\\\"\\\\\\n\\u0001é€😀\u{FFFD}b\"")
    }

    @Test("UTF-16 strings: every control character escaped as RFC 8259 says, an empty string, a lone low surrogate")
    func controlCharacters() {
        var json = JSONWriter()
        let units: [UInt16] = Array(0..<0x20) + [0x0D, 0x09, 0xDC00]
        units.withUnsafeBufferPointer { json.string(utf16: $0) }
        [UInt16]().withUnsafeBufferPointer { json.string(utf16: $0) }
        let escapes = (0..<0x20).map { (unit: Int) -> String in
            switch unit {
            case 0x0A: return #"\n"#
            case 0x0D: return #"\r"#
            case 0x09: return #"\t"#
            default: return #"\u00"# + (unit < 0x10 ? "0" : "") + String(unit, radix: 16)
            }
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == "\"" + escapes.joined() + #"\r\t"# + "\u{FFFD}\",\"\"")
    }
}

/// `JSONBytes` (writing a whole entity at once, `JSONWriter.appendInPlace`) against the writer's own
/// methods: the same bytes for every string, number and entity.
@Suite("JSON: values written in place, against the writer's methods")
struct JSONBytesTests {
    /// Strings with every ASCII control character, quotes and backslashes at every offset around the
    /// eight-byte words, accents, emoji.
    private static let strings: [String] = {
        var strings = ["", "a", "Élysée", "😀", "\u{2028}", String(repeating: "x", count: 64)]
        let specials: [Character] = (0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) } + ["\"", "\\", "é", "/"]
        for special in specials {
            for before in [0, 1, 7, 8, 9, 15, 16] {
                strings.append(String(repeating: "a", count: before) + String(special) + "bcdefghij")
            }
        }
        return strings
    }()

    @Test("strings escaped as JSONWriter.string escapes them")
    func strings() {
        for value in JSONBytesTests.strings {
            var reference = JSONWriter()
            reference.string(value)
            var inPlace = JSONWriter()
            inPlace.appendInPlace(capacity: JSONBytes.room(forEscaping: value.utf8.count)) { $0.escaped(value) }
            #expect(inPlace.bytes == reference.bytes, "\(value.debugDescription)")
            // The static escaper appends the same bytes after what the buffer holds.
            var appended: [UInt8] = [0x7B]
            JSONWriter.appendEscaped(value.utf8, to: &appended)
            #expect(appended == [0x7B] + reference.bytes, "\(value.debugDescription)")
        }
    }

    @Test("integers as JSONWriter.int writes them", arguments: [0, 7, -7, 9, 10, 99, 100, 1_000_000, -1_000_000, Int.max, Int.min,
                                                                 Int(Int32.max), 999_999_999_999_999_999, 1_000_000_000_000_000_000])
    func integers(value: Int) {
        var reference = JSONWriter()
        reference.int(value)
        var inPlace = JSONWriter()
        inPlace.appendInPlace(capacity: 20) { $0.int(value) }
        #expect(inPlace.bytes == reference.bytes)
    }

    @Test("entities written at once read as the writer's methods write them")
    func entities() {
        var entities: [Entity] = []
        for (k, text) in JSONBytesTests.strings.enumerated() {
            let canonical: String? = switch k % 3 { case 0: nil; case 1: text; default: "canon \(text)\"" }
            entities.append(Entity(label: [.person, .organisation, .location][k % 3], text: text, start: k, end: k * 1000,
                                   byteStart: k * 7, byteEnd: Int.max - k, source: k % 2 == 0 ? "person.title" : "lexicon:\\\(text)",
                                   canonical: canonical))
        }
        for count in [0, 1, 2, entities.count] {
            let chosen = Array(entities.prefix(count))
            var reference = JSONWriter()
            reference.objectStart()
            reference.key("entities")
            reference.arrayStart()
            for entity in chosen {
                reference.objectStart()
                reference.key("text"); reference.string(entity.text)
                reference.key("label"); reference.string(entity.label.rawValue)
                reference.key("start"); reference.int(entity.start)
                reference.key("end"); reference.int(entity.end)
                reference.key("byteStart"); reference.int(entity.byteStart)
                reference.key("byteEnd"); reference.int(entity.byteEnd)
                reference.key("source"); reference.string(entity.source)
                if let canonical = entity.canonical, canonical != entity.text {
                    reference.key("canonical"); reference.string(canonical)
                }
                reference.objectEnd()
            }
            reference.arrayEnd()
            reference.key("after"); reference.int(1)
            reference.objectEnd()
            var written = JSONWriter()
            written.objectStart()
            written.key("entities")
            EntityRecord.writeEntities(chosen, to: &written)
            written.key("after"); written.int(1)
            written.objectEnd()
            #expect(String(decoding: written.bytes, as: UTF8.self) == String(decoding: reference.bytes, as: UTF8.self))
        }
    }
}
