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
