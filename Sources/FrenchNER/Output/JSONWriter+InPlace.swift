/// Writing many small values at once: `JSONWriter.appendInPlace` makes room for a bound of bytes and
/// hands a `JSONBytes` cursor over it, so that a record's keys, strings and numbers cost no capacity
/// check and no call each (`EntityRecord.writeEntities` writes every entity this way). The bytes are
/// the same as the writer's own methods write.
///
/// ```swift
/// var out = JSONWriter()
/// out.appendInPlace(capacity: JSONBytes.room(forEscaping: 1) + 16) { json in
///     json.literal("{\"n\":"); json.int(-42); json.literal(",\"s\":"); json.escaped("é"); json.byte(UInt8(ascii: "}"))
/// }
/// // {"n":-42,"s":"é"}
/// ```
extension JSONWriter {
    /// Appends what `body` writes through the cursor, at most `capacity` bytes (the caller's bound:
    /// see `JSONBytes.room(forEscaping:)`, 20 bytes per `int`, a literal's length).
    ///
    /// - Complexity: O(`capacity`): the room is zero-filled first, then cut to what was written.
    mutating func appendInPlace(capacity: Int, _ body: (inout JSONBytes) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: capacity))
        let written = bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor = JSONBytes(buffer.baseAddress! + start, end: buffer.baseAddress! + start + capacity)
            body(&cursor)
            return cursor.count
        }
        bytes.removeLast(capacity - written)
    }
}

/// A cursor writing JSON into room made by `JSONWriter.appendInPlace`: unchecked stores, bounded by
/// the capacity the caller asked for (a debug build checks every write against it).
struct JSONBytes {
    private let start: UnsafeMutablePointer<UInt8>
    private var position: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>, end: UnsafeMutablePointer<UInt8>) {
        self.start = start
        self.position = start
        self.end = end
    }

    /// The bytes written so far.
    var count: Int { start.distance(to: position) }

    /// The most bytes `escaped` writes for a string of `utf8Count` UTF-8 bytes: six per byte (`\u001f`)
    /// and the quotes (the word-at-a-time copy writes a byte per byte).
    static func room(forEscaping utf8Count: Int) -> Int { 6 &* utf8Count &+ 2 }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        assert(position < end, "JSONBytes: more bytes than the room asked for")
        position.pointee = value
        position += 1
    }

    /// ASCII written as it is (keys and punctuation: nothing to escape).
    @inline(__always)
    mutating func literal(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        assert(position + count <= end, "JSONBytes: more bytes than the room asked for")
        position.update(from: text.utf8Start, count: count)
        position += count
    }

    /// A decimal integer, the sign and up to 19 digits (at most 20 bytes; `JSONWriter.int` writes through it).
    mutating func int(_ value: Int) {
        var magnitude = value.magnitude
        if value < 0 { byte(UInt8(ascii: "-")) }
        var digits = 1
        var scale: UInt = 10
        while digits < 20 && magnitude >= scale {
            digits += 1
            if scale > UInt.max / 10 { break }
            scale &*= 10
        }
        assert(position + digits <= end, "JSONBytes: more bytes than the room asked for")
        var k = digits
        repeat {
            k -= 1
            position[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while k > 0
        position += digits
    }

    /// A quoted string escaped per RFC 8259, as `JSONWriter.string` writes it: `"`, `\` and control
    /// characters escaped (`\n`, `\r`, `\t`, else `\u00XX`), everything else copied, eight bytes at a time
    /// where none needs an escape. Needs `room(forEscaping:)` bytes.
    mutating func escaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in escaped(utf8) }
    }

    mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        assert(position + JSONBytes.room(forEscaping: utf8.count) <= end, "JSONBytes: more bytes than the room asked for")
        byte(UInt8(ascii: "\""))
        guard let base = utf8.baseAddress else {
            byte(UInt8(ascii: "\""))
            return
        }
        let n = utf8.count
        var i = 0
        while i < n {
            // Eight bytes with nothing to escape are copied as one word.
            if i &+ 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !JSONParser.hasSpecialByte(word) {
                    UnsafeMutableRawPointer(position).storeBytes(of: word, as: UInt64.self)
                    position += 8
                    i &+= 8
                    continue
                }
            }
            escapedASCII(base[i])
            i &+= 1
        }
        byte(UInt8(ascii: "\""))
    }

    /// One byte of a string, escaped per RFC 8259 when it must be (`"`, `\\`, control characters:
    /// `\\n`, `\\r`, `\\t`, else `\\u00XX`): the one escape table of every JSON output. At most 6 bytes.
    @inline(__always)
    mutating func escapedASCII(_ b: UInt8) {
        if b >= 0x20 && b != 0x22 && b != 0x5C {
            byte(b)
            return
        }
        byte(UInt8(ascii: "\\"))
        switch b {
        case 0x22: byte(0x22)
        case 0x5C: byte(0x5C)
        case 0x0A: byte(UInt8(ascii: "n"))
        case 0x0D: byte(UInt8(ascii: "r"))
        case 0x09: byte(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            byte(UInt8(ascii: "u")); byte(UInt8(ascii: "0")); byte(UInt8(ascii: "0"))
            byte(hex.utf8Start[Int(b >> 4)]); byte(hex.utf8Start[Int(b & 0xF)])
        }
    }
}
