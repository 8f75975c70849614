/// Appends JSON to a byte buffer: the one place that escapes strings for every JSON output.
///
/// ```swift
/// var out = JSONWriter()
/// out.objectStart(); out.key("text"); out.string("Élysée \"x\""); out.objectEnd()
/// // {"text":"Élysée \"x\""}
/// ```
public struct JSONWriter: Sendable {
    public var bytes: [UInt8] = []
    private var needsComma = false

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    public mutating func objectStart() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func objectEnd() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    public mutating func arrayStart() { separator(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func arrayEnd() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// An object key; the value written next belongs to it.
    public mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// An object key from a runtime string.
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separator()
        // Escaped in place, eight bytes at a time where nothing needs escaping (`JSONBytes.escaped`).
        var value = value
        value.withUTF8 { utf8 in
            appendInPlace(capacity: JSONBytes.room(forEscaping: utf8.count)) { $0.escaped(utf8) }
        }
        needsComma = true
    }

    /// A string from UTF-16 units (invalid surrogates become U+FFFD).
    public mutating func string(utf16 units: some Collection<UInt16>) {
        string(String(decoding: units, as: UTF16.self))
    }

    /// A string from UTF-16 units in a buffer, transcoded and escaped in place (no `String` made);
    /// a lone surrogate becomes U+FFFD.
    public mutating func string(utf16 units: UnsafeBufferPointer<UInt16>) {
        separator()
        // At most 6 bytes per unit (`\u001f`): one capacity check per string, not one per byte.
        appendInPlace(capacity: units.count &* 6 &+ 2) { out in
            out.byte(UInt8(ascii: "\""))
            var i = 0
            while i < units.count {
                let unit = units[i]
                i &+= 1
                if unit < 0x80 {
                    out.escapedASCII(UInt8(truncatingIfNeeded: unit))
                } else if unit < 0x800 {
                    out.byte(UInt8(truncatingIfNeeded: 0xC0 | unit >> 6)); out.byte(UInt8(truncatingIfNeeded: 0x80 | unit & 0x3F))
                } else if unit & 0xF800 != 0xD800 {
                    out.byte(UInt8(truncatingIfNeeded: 0xE0 | unit >> 12))
                    out.byte(UInt8(truncatingIfNeeded: 0x80 | unit >> 6 & 0x3F))
                    out.byte(UInt8(truncatingIfNeeded: 0x80 | unit & 0x3F))
                } else if unit < 0xDC00, i < units.count, units[i] & 0xFC00 == 0xDC00 {
                    let scalar = 0x10000 + (UInt32(unit & 0x3FF) << 10 | UInt32(units[i] & 0x3FF))
                    i &+= 1
                    out.byte(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
                    out.byte(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
                    out.byte(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
                    out.byte(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
                } else {
                    out.byte(0xEF); out.byte(0xBF); out.byte(0xBD)
                }
            }
            out.byte(UInt8(ascii: "\""))
        }
        needsComma = true
    }

    public mutating func int(_ value: Int) {
        separator()
        // Digits written in place, not through a String per number (a record has six per entity).
        appendInPlace(capacity: 20) { $0.int(value) }
        needsComma = true
    }

    public mutating func double(_ value: Double, digits: Int = 4) {
        separator()
        if value.isFinite {
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let rounded = (value * scale).rounded() / scale
            var text = String(rounded)
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    public mutating func bool(_ value: Bool) {
        separator()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    public mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Already-encoded JSON (a value passed through from the input).
    public mutating func raw(_ json: some Collection<UInt8>) {
        separator()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    /// Ends a JSON Lines record.
    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        needsComma = false
    }

    @inline(__always) private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Escapes per RFC 8259: quotes, backslash and control characters; everything else as UTF-8
    /// (`JSONBytes.escapedASCII`, the table every JSON output uses).
    public static func appendEscaped(_ utf8: some Collection<UInt8>, to bytes: inout [UInt8]) {
        var writer = JSONWriter(capacity: 0)
        swap(&writer.bytes, &bytes)
        writer.appendInPlace(capacity: JSONBytes.room(forEscaping: utf8.count)) { out in
            out.byte(UInt8(ascii: "\""))
            for byte in utf8 { out.escapedASCII(byte) }
            out.byte(UInt8(ascii: "\""))
        }
        swap(&writer.bytes, &bytes)
    }
}
