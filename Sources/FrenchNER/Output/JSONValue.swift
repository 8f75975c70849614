/// A parsed JSON value. Objects keep their keys in input order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The value of a key in an object (the first one), or nil.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    public var stringValue: String? { if case let .string(s) = self { s } else { nil } }
    public var intValue: Int? {
        if case let .number(d) = self, d.rounded() == d, abs(d) < 9e15 { Int(d) } else { nil }
    }
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { a } else { nil } }
}

/// Why a JSON text could not be parsed.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset in the parsed text.
    public let byteOffset: Int
    public let message: String
    public var description: String { "malformed JSON at byte \(byteOffset): \(message)" }
}

/// One JSON Lines record: a top-level object whose fields keep their raw bytes, so that fields the
/// program does not read can be written back unchanged.
public struct JSONRecord: Sendable {
    public struct Field: Sendable {
        public let key: String
        public let value: JSONValue
        /// The value's bytes as they were in the input.
        public let raw: ArraySlice<UInt8>
    }

    public let fields: [Field]

    public subscript(key: String) -> JSONValue? { fields.first { $0.key == key }?.value }

    /// Parses one line. The top level must be an object.
    /// - Throws: `JSONParseError` with the byte offset of the problem.
    public init(parsing bytes: ArraySlice<UInt8>) throws(JSONParseError) {
        var unused: ArraySlice<UInt8>?
        try self.init(parsing: bytes, plainStringOf: nil, plain: &unused)
    }

    /// Parses one line as `init(parsing:)` does, except that a string value of the field `plainField`
    /// is not made a `String`: the bytes it stands for (escapes resolved) are handed back in `plain`,
    /// *not checked for UTF-8*, and the field's value is an empty string. `plain` is nil when the
    /// field's last occurrence is not a string. (The input reads a document's text this way and
    /// decodes it once, to UTF-16, validating as it goes.)
    init(parsing bytes: ArraySlice<UInt8>, plainStringOf plainField: String?,
         plain: inout ArraySlice<UInt8>?) throws(JSONParseError) {
        plain = nil
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        guard parser.peek() == UInt8(ascii: "{") else {
            throw parser.error(parser.atEnd ? "empty record" : "a record must be a JSON object")
        }
        parser.index += 1
        var fields: [Field] = []
        parser.skipSpace()
        if parser.peek() == UInt8(ascii: "}") {
            parser.index += 1
        } else {
            while true {
                parser.skipSpace()
                let key = try parser.parseString()
                parser.skipSpace()
                try parser.expect(UInt8(ascii: ":"))
                parser.skipSpace()
                let start = parser.index
                if key == plainField {
                    plain = nil
                    if parser.peek() == UInt8(ascii: "\"") {
                        plain = try parser.parseStringBytes()
                        fields.append(Field(key: key, value: .string(""), raw: bytes[start..<parser.index]))
                        parser.skipSpace()
                        if parser.peek() == UInt8(ascii: ",") { parser.index += 1; continue }
                        try parser.expect(UInt8(ascii: "}"))
                        break
                    }
                }
                let value = try parser.parseValue(depth: 1)
                fields.append(Field(key: key, value: value, raw: bytes[start..<parser.index]))
                parser.skipSpace()
                if parser.peek() == UInt8(ascii: ",") { parser.index += 1; continue }
                try parser.expect(UInt8(ascii: "}"))
                break
            }
        }
        parser.skipSpace()
        if !parser.atEnd { throw parser.error("unexpected data after the object") }
        self.fields = fields
    }
}

extension JSONValue {
    /// Parses a complete JSON text.
    public init(parsing bytes: ArraySlice<UInt8>) throws(JSONParseError) {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        self = try parser.parseValue(depth: 0)
        parser.skipSpace()
        if !parser.atEnd { throw parser.error("unexpected data after the value") }
    }
}

struct JSONParser {
    let bytes: ArraySlice<UInt8>
    var index: Int
    static let maximumDepth = 512

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var atEnd: Bool { index >= bytes.endIndex }
    func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    func error(_ message: String) -> JSONParseError {
        JSONParseError(byteOffset: index - bytes.startIndex, message: message)
    }

    mutating func skipSpace() {
        while index < bytes.endIndex {
            let b = bytes[index]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 } else { break }
        }
    }

    mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        guard peek() == byte else {
            throw error(atEnd ? "unexpected end, expected '\(Character(Unicode.Scalar(byte)))'"
                              : "expected '\(Character(Unicode.Scalar(byte)))'")
        }
        index += 1
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
        guard let b = peek() else { throw error("unexpected end of input") }
        switch b {
        case UInt8(ascii: "{"):
            index += 1
            var fields: [(key: String, value: JSONValue)] = []
            skipSpace()
            if peek() == UInt8(ascii: "}") { index += 1; return .object(fields) }
            while true {
                skipSpace()
                let key = try parseString()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                fields.append((key, try parseValue(depth: depth + 1)))
                skipSpace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(fields)
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            return .number(try parseNumber())
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.endIndex else { throw error("unexpected end of input") }
        let matches = word.withUTF8Buffer { w in (0..<count).allSatisfy { bytes[index + $0] == w[$0] } }
        guard matches else { throw error("invalid literal") }
        index += count
    }

    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while let b = peek(), b &- 0x30 < 10 { index += 1; digits += 1 }
        guard digits > 0 else { index = start; throw error("unexpected character") }
        if peek() == UInt8(ascii: ".") {
            index += 1
            var fraction = 0
            while let b = peek(), b &- 0x30 < 10 { index += 1; fraction += 1 }
            guard fraction > 0 else { throw error("digits expected after '.'") }
        }
        if let b = peek(), b | 0x20 == UInt8(ascii: "e") {
            index += 1
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { index += 1 }
            var exponent = 0
            while let b = peek(), b &- 0x30 < 10 { index += 1; exponent += 1 }
            guard exponent > 0 else { throw error("digits expected in exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { throw error("invalid number") }
        return value
    }

    mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        return try validated(parseStringBytes(), at: start)
    }

    /// The bytes a string stands for, escapes resolved, *not checked for UTF-8* (`parseString` checks
    /// them): a slice of the input when the string has no escape.
    mutating func parseStringBytes() throws(JSONParseError) -> ArraySlice<UInt8> {
        guard peek() == UInt8(ascii: "\"") else { throw error(atEnd ? "unexpected end of input" : "expected a string") }
        index += 1
        let start = index
        // Fast path: no escapes. Eight bytes at a time up to the first `"`, `\` or control character.
        index = JSONParser.plainRunEnd(bytes, from: index)
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
            let slice = bytes[start..<index]
            index += 1
            return slice
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.endIndex - start)
        out.append(contentsOf: bytes[start..<index])
        while true {
            guard index < bytes.endIndex else { throw error("unterminated string") }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return out[...]
            }
            if b < 0x20 { throw error("control character in string (must be escaped)") }
            if b != UInt8(ascii: "\\") {
                // The plain run up to the next escape, quote or control character, in one copy.
                let runEnd = JSONParser.plainRunEnd(bytes, from: index)
                out.append(contentsOf: bytes[index..<runEnd])
                index = runEnd
                continue
            }
            index += 1
            guard let e = peek() else { throw error("unterminated escape") }
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar & 0xFC00 == 0xD800 {
                    if index + 6 <= bytes.endIndex, bytes[index] == 0x5C, bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if low & 0xFC00 == 0xDC00 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar & 0xFC00 == 0xDC00 {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default:
                index -= 1
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
    }

    /// Whether one of eight bytes is `"`, `\` or a control character (below 0x20): the bytes a JSON
    /// string escapes. A zero byte in word ^ broadcast(c) is a byte equal to c; bytes below 0x20 by the
    /// "has less than" test (exact for any n ≤ 128). Each says only whether one exists.
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        return special & 0x8080_8080_8080_8080 != 0
    }

    /// The index of the first byte at or after `from` that is `"`, `\` or below 0x20 (or the end),
    /// reading eight bytes at a time.
    /// - Complexity: O(n) in the bytes skipped.
    static func plainRunEnd(_ bytes: ArraySlice<UInt8>, from: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return from }
            var i = from - bytes.startIndex
            let n = buffer.count
            while i &+ 8 <= n {
                if JSONParser.hasSpecialByte(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { break }
                i &+= 8
            }
            while i < n {
                let b = base[i]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                i &+= 1
            }
            return i + bytes.startIndex
        }
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.endIndex else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Checks UTF-8 validity of a string's bytes, reporting the offset of the first bad byte.
    func validated(_ slice: ArraySlice<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        if let string = String(validating: slice, as: UTF8.self) { return string }
        var units = ContiguousArray<UInt16>()
        let problem: TextDecodingError? = slice.withUnsafeBufferPointer { TextBuffer.decode($0, into: &units, lossy: false) }
        let at = (problem?.byteOffset ?? 0) + offset - bytes.startIndex
        throw JSONParseError(byteOffset: at, message: problem.map { "invalid UTF-8 in string: \($0.reason)" } ?? "invalid UTF-8 in string")
    }
}
