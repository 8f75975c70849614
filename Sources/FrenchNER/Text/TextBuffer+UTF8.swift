/// Why UTF-8 input could not be read.
public struct TextDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the first byte of the bad sequence.
    public let byteOffset: Int
    /// What is wrong there.
    public let reason: String

    public var description: String { "invalid UTF-8 at byte \(byteOffset): \(reason)" }
}

extension TextBuffer {
    /// Decodes UTF-8 bytes, rejecting invalid sequences with the byte offset of the first one.
    ///
    /// A leading byte-order mark is kept as a character (it is not a token); offsets therefore stay
    /// those of the original bytes.
    /// - Throws: `TextDecodingError` naming the offset of the first invalid byte.
    /// - Complexity: O(n).
    public init(validatingUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(TextDecodingError) {
        var units = ContiguousArray<UInt16>()
        units.reserveCapacity(bytes.count)
        if let error = TextBuffer.decode(bytes, into: &units, lossy: false) { throw error }
        self.init(utf16: units)
    }

    /// Decodes UTF-8 bytes, replacing every invalid sequence with U+FFFD.
    public init(lossyUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        var units = ContiguousArray<UInt16>()
        units.reserveCapacity(bytes.count)
        _ = TextBuffer.decode(bytes, into: &units, lossy: true)
        self.init(utf16: units)
    }

    /// Decodes UTF-8 bytes (an array or other contiguous collection); see `init(validatingUTF8:)`.
    public init<Bytes: Collection>(validatingUTF8 bytes: Bytes) throws(TextDecodingError) where Bytes.Element == UInt8 {
        var units = ContiguousArray<UInt16>()
        units.reserveCapacity(bytes.count)
        let error: TextDecodingError? = bytes.withContiguousStorageIfAvailable { buffer in
            TextBuffer.decode(buffer, into: &units, lossy: false)
        } ?? Array(bytes).withUnsafeBufferPointer { buffer in
            TextBuffer.decode(buffer, into: &units, lossy: false)
        }
        if let error { throw error }
        self.init(utf16: units)
    }

    /// Decodes, returning the first error (and stopping) unless `lossy`.
    ///
    /// Appends to `units`. Runs of ASCII are widened eight bytes at a time; the units are written into
    /// uninitialized storage (a text has at most as many UTF-16 units as UTF-8 bytes).
    /// - Complexity: O(n).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into units: inout ContiguousArray<UInt16>, lossy: Bool) -> TextDecodingError? {
        var failure: TextDecodingError?
        let decoded = ContiguousArray<UInt16>(unsafeUninitializedCapacity: bytes.count) { out, written in
            let (count, error) = decode(bytes, into: out.baseAddress!, lossy: lossy)
            written = count
            failure = error
        }
        if units.isEmpty { units = decoded } else { units.append(contentsOf: decoded) }
        return failure
    }

    /// `decode` into storage with room for `bytes.count` units: returns the units written and the error.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt16>,
                               lossy: Bool) -> (count: Int, error: TextDecodingError?) {
        guard let base = bytes.baseAddress else { return (0, nil) }
        var i = 0
        var o = 0
        let n = bytes.count
        while i < n {
            // Eight ASCII bytes at a time.
            while i &+ 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                for k in 0..<8 { out[o &+ k] = UInt16(truncatingIfNeeded: word &>> UInt64(8 &* k)) & 0xFF }
                i &+= 8
                o &+= 8
            }
            guard i < n else { break }
            let b0 = base[i]
            if b0 < 0x80 {
                out[o] = UInt16(b0)
                o &+= 1
                i &+= 1
                continue
            }
            var scalar: UInt32 = 0
            var length = 0
            var problem: String?
            if b0 & 0xE0 == 0xC0 {
                length = 2; scalar = UInt32(b0 & 0x1F)
                if b0 < 0xC2 { problem = "overlong encoding (lead byte 0x\(hex(b0)))" }
            } else if b0 & 0xF0 == 0xE0 {
                length = 3; scalar = UInt32(b0 & 0x0F)
            } else if b0 & 0xF8 == 0xF0 && b0 <= 0xF4 {
                length = 4; scalar = UInt32(b0 & 0x07)
            } else {
                problem = b0 & 0xC0 == 0x80 ? "unexpected continuation byte 0x\(hex(b0))" : "invalid byte 0x\(hex(b0))"
            }
            if problem == nil {
                if i + length > n {
                    problem = "truncated sequence at end of input"
                } else {
                    for k in 1..<length {
                        let b = base[i + k]
                        if b & 0xC0 != 0x80 { problem = "bad continuation byte 0x\(hex(b))"; break }
                        scalar = (scalar << 6) | UInt32(b & 0x3F)
                    }
                    if problem == nil {
                        if length == 3 && scalar < 0x800 { problem = "overlong encoding" }
                        else if length == 4 && (scalar < 0x10000 || scalar > 0x10FFFF) { problem = "code point out of range" }
                        else if scalar >= 0xD800 && scalar <= 0xDFFF { problem = "encoded surrogate" }
                    }
                }
            }
            if let problem {
                if !lossy { return (o, TextDecodingError(byteOffset: i, reason: problem)) }
                out[o] = 0xFFFD
                o &+= 1
                i &+= 1
                // Skip the continuation bytes of this bad sequence so that one error gives one U+FFFD.
                while i < n && base[i] & 0xC0 == 0x80 { i &+= 1 }
                continue
            }
            // A sequence of 2, 3 or 4 bytes gives 1, 1 or 2 units: never more units than bytes.
            if scalar >= 0x10000 {
                let v = scalar - 0x10000
                out[o] = UInt16(0xD800 + (v >> 10))
                out[o &+ 1] = UInt16(0xDC00 + (v & 0x3FF))
                o &+= 2
            } else {
                out[o] = UInt16(scalar)
                o &+= 1
            }
            i &+= length
        }
        return (o, nil)
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
