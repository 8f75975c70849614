/// A document's text, converted once to UTF-16 (what ICU reads), with fast maps from UTF-16 offsets
/// back to Unicode code-point offsets and UTF-8 byte offsets.
///
/// Everything downstream (tokens, sentences, matches, entities) is a range of UTF-16 offsets into this
/// buffer; the two public offset units are computed only when an offset is reported.
///
/// ```swift
/// let text = TextBuffer("Élysée 🇫🇷 Paris")
/// text.codePointOffset(utf16: 10)   // 9: the flag is two code points, four UTF-16 units
/// text.utf8Offset(utf16: 10)        // 16
/// ```
///
/// Offsets are stored as `Int32`: a text holds at most 2³¹ − 1 UTF-16 units (the command line refuses
/// records over `--max-document-bytes` long before that).
///
/// - Complexity: building is O(n) in the text's length; each offset conversion is O(1) (at most 63
///   code units are scanned from a checkpoint).
public struct TextBuffer: Sendable {
    /// The text as UTF-16 code units.
    public let utf16: ContiguousArray<UInt16>
    /// Number of Unicode code points (Python's `len`).
    public let codePointCount: Int
    /// Number of UTF-8 bytes.
    public let utf8Count: Int
    /// True when every unit is ASCII: all three offset units agree.
    public let isASCII: Bool
    /// True when the text holds characters outside the BMP (surrogate pairs).
    let hasSurrogates: Bool
    /// Code points before unit `64 * i`.
    let codePointMarks: ContiguousArray<Int32>
    /// UTF-8 bytes before unit `64 * i`.
    let utf8Marks: ContiguousArray<Int32>

    static let markShift = 6

    /// Creates a buffer from a Swift string.
    public init(_ string: String) {
        var string = string
        var units = ContiguousArray<UInt16>()
        units.reserveCapacity(string.utf8.count)
        // Native strings are contiguous UTF-8: transcoding it directly is several times faster than
        // walking the `utf16` view. The string is valid UTF-8, so decoding cannot fail.
        string.makeContiguousUTF8()
        let decoded: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            _ = TextBuffer.decode(bytes, into: &units, lossy: true)
        }
        if decoded == nil { units.append(contentsOf: string.utf16) }
        self.init(utf16: units)
    }

    /// Creates a buffer from UTF-16 code units (unpaired surrogates are kept as they are).
    public init(utf16 units: ContiguousArray<UInt16>) {
        self.utf16 = units
        let markCount = (units.count >> TextBuffer.markShift) + 1
        var cpMarks = ContiguousArray<Int32>(repeating: 0, count: markCount)
        var u8Marks = ContiguousArray<Int32>(repeating: 0, count: markCount)
        var codePoints = 0
        var bytes = 0
        var unitsOred: UInt16 = 0
        var surrogateUnits = 0
        units.withUnsafeBufferPointer { buffer in
            cpMarks.withUnsafeMutableBufferPointer { cpm in
                u8Marks.withUnsafeMutableBufferPointer { u8m in
                    // Per block of 64 units (a mark); runs of ASCII four units at a time. A unit is one
                    // code point unless it is a low surrogate; its UTF-8 length is 1, 2 (from U+0080, and
                    // for each surrogate) or 3 (from U+0800).
                    var blockStart = 0
                    while blockStart < buffer.count {
                        cpm[blockStart >> 6] = Int32(truncatingIfNeeded: codePoints)
                        u8m[blockStart >> 6] = Int32(truncatingIfNeeded: bytes)
                        let blockEnd = min(blockStart &+ 64, buffer.count)
                        var i = blockStart
                        while i < blockEnd {
                            // Four ASCII units at a time.
                            if i &+ 4 <= blockEnd {
                                let four = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)
                                if four & 0xFF80_FF80_FF80_FF80 == 0 {
                                    codePoints &+= 4
                                    bytes &+= 4
                                    i &+= 4
                                    continue
                                }
                            }
                            let unit = buffer[i]
                            i &+= 1
                            unitsOred |= unit
                            if unit < 0x80 {
                                codePoints &+= 1
                                bytes &+= 1
                            } else if unit < 0x800 {
                                codePoints &+= 1
                                bytes &+= 2
                            } else if unit & 0xFC00 == 0xD800 {
                                surrogateUnits &+= 1
                                codePoints &+= 1
                                bytes &+= 2
                            } else if unit & 0xFC00 == 0xDC00 {
                                surrogateUnits &+= 1
                                bytes &+= 2
                            } else {
                                codePoints &+= 1
                                bytes &+= 3
                            }
                        }
                        blockStart = blockEnd
                    }
                    if buffer.count & 63 == 0 {
                        cpm[buffer.count >> 6] = Int32(truncatingIfNeeded: codePoints)
                        u8m[buffer.count >> 6] = Int32(truncatingIfNeeded: bytes)
                    }
                }
            }
        }
        let ascii = unitsOred < 0x80
        let surrogates = surrogateUnits > 0
        self.codePointMarks = cpMarks
        self.utf8Marks = u8Marks
        self.codePointCount = codePoints
        self.utf8Count = bytes
        self.isASCII = ascii
        self.hasSurrogates = surrogates
    }

    /// The number of UTF-16 code units.
    @inlinable public var count: Int { utf16.count }

    /// The code-point offset of a UTF-16 offset (which must not fall inside a surrogate pair).
    /// - Complexity: O(1).
    public func codePointOffset(utf16 offset: Int) -> Int {
        if !hasSurrogates { return offset }
        let block = offset >> TextBuffer.markShift
        var result = Int(codePointMarks[block])
        var i = block << TextBuffer.markShift
        while i < offset {
            if utf16[i] & 0xFC00 != 0xDC00 { result += 1 }
            i += 1
        }
        return result
    }

    /// The UTF-8 byte offset of a UTF-16 offset.
    /// - Complexity: O(1).
    public func utf8Offset(utf16 offset: Int) -> Int {
        if isASCII { return offset }
        let block = offset >> TextBuffer.markShift
        return Int(utf8Marks[block]) + utf8Length(ofUnits: (block << TextBuffer.markShift)..<offset)
    }

    /// The UTF-8 length of a range of units: 1, 2 (from U+0080, and for each surrogate) or 3 (from U+0800)
    /// bytes per unit, runs of ASCII four units at a time.
    /// - Complexity: O(`range.count`).
    func utf8Length(ofUnits range: Range<Int>) -> Int {
        utf16.withUnsafeBufferPointer { units in
            precondition(range.lowerBound >= 0 && range.upperBound <= units.count, "range outside the text")
            let raw = UnsafeRawPointer(units.baseAddress!)
            var length = 0
            var i = range.lowerBound
            while i < range.upperBound {
                if i &+ 4 <= range.upperBound,
                   raw.loadUnaligned(fromByteOffset: 2 &* i, as: UInt64.self) & 0xFF80_FF80_FF80_FF80 == 0 {
                    length &+= 4
                    i &+= 4
                    continue
                }
                let unit = units[i]
                length &+= unit < 0x80 ? 1 : (unit < 0x800 || unit & 0xF800 == 0xD800) ? 2 : 3
                i &+= 1
            }
            return length
        }
    }

    /// The text of a UTF-16 range as a new string (an unpaired surrogate becomes U+FFFD, as
    /// `String(decoding:as:)` makes it).
    ///
    /// Transcoded straight into the string's UTF-8 storage: entity texts are made for every entity.
    public func string(_ range: Range<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound <= utf16.count, "range outside the text")
        if range.isEmpty { return "" }
        return utf16.withUnsafeBufferPointer { TextBuffer.string(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// UTF-16 units as a string, transcoded straight into the string's UTF-8 storage (an unpaired
    /// surrogate becomes U+FFFD, as `String(decoding:as:)` makes it).
    static func string(_ units: UnsafeBufferPointer<UInt16>) -> String {
        if units.isEmpty { return "" }
        return String(unsafeUninitializedCapacity: units.count * 3) { out in
            var o = 0
            var i = 0
            let n = units.count
            while i < n {
                let u = units[i]
                i += 1
                if u < 0x80 {
                    out[o] = UInt8(truncatingIfNeeded: u)
                    o += 1
                } else if u < 0x800 {
                    out[o] = UInt8(truncatingIfNeeded: 0xC0 | (u >> 6))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (u & 0x3F))
                    o += 2
                } else if u & 0xF800 != 0xD800 {
                    out[o] = UInt8(truncatingIfNeeded: 0xE0 | (u >> 12))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | ((u >> 6) & 0x3F))
                    out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | (u & 0x3F))
                    o += 3
                } else if u & 0xFC00 == 0xD800, i < n, units[i] & 0xFC00 == 0xDC00 {
                    let scalar = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                    i += 1
                    out[o] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
                    out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
                    out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                    out[o + 3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                    o += 4
                } else {
                    // An unpaired surrogate: U+FFFD.
                    out[o] = 0xEF
                    out[o + 1] = 0xBF
                    out[o + 2] = 0xBD
                    o += 3
                }
            }
            return o
        }
    }

    /// The whole text as a string.
    public var string: String { String(decoding: utf16, as: UTF16.self) }
}
