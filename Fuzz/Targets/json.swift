// Fuzz target: the JSON parser (`JSONValue(parsing:)`) and the JSON Lines record parser
// (`JSONRecord(parsing:)`) that `frner tag --input-format jsonl` reads records with.
//
// TODO: when the JSONL record reader moves from Sources/frner/Support/DocumentSource.swift into the
// library (Sources/FrenchNER/Input/), point this target at it: id and text extraction, error records
// keeping the id, NUL and invalid UTF-8 in the text.
//
// Input: one JSON text (a JSONL line).
// Checks: errors carry a byte offset inside the input; a value re-serialised and parsed again is the same
// value; a record parses exactly when the value is an object, with the same fields, and each field's raw
// bytes parse to that field's value.
@testable import FrenchNER

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = ArraySlice(UnsafeBufferPointer(start: data, count: size))
    var value: JSONValue?
    do throws(JSONParseError) {
        value = try JSONValue(parsing: bytes)
    } catch {
        Fuzz.check(error.byteOffset >= 0 && error.byteOffset <= size, "json-error-position",
                   "offset \(error.byteOffset) of \(size) bytes: \(error.message)")
    }
    if let value {
        var out: [UInt8] = []
        if serialize(value, into: &out) {
            do throws(JSONParseError) {
                let reparsed = try JSONValue(parsing: out[...])
                Fuzz.check(reparsed == value, "json-roundtrip", "re-serialised value parses differently: \(String(decoding: out.prefix(300), as: UTF8.self))")
            } catch {
                Fuzz.fail("json-roundtrip", "re-serialised value does not parse: \(error) in \(String(decoding: out.prefix(300), as: UTF8.self))")
            }
        }
    }
    do throws(JSONParseError) {
        let record = try JSONRecord(parsing: bytes)
        guard case let .object(fields)? = value else {
            Fuzz.fail("json-record", "a record parsed where the value \(value.map { "\($0)" } ?? "did not parse") is no object")
            return 0
        }
        Fuzz.check(record.fields.count == fields.count, "json-record", "\(record.fields.count) fields, the value has \(fields.count)")
        for (field, expected) in zip(record.fields, fields) {
            Fuzz.check(field.key == expected.key && field.value == expected.value, "json-record", "field \(Fuzz.show(field.key)) differs")
            Fuzz.check(field.raw.startIndex >= bytes.startIndex && field.raw.endIndex <= bytes.endIndex, "json-record-raw", "raw bytes outside the input")
            do throws(JSONParseError) {
                let raw = try JSONValue(parsing: field.raw)
                Fuzz.check(raw == field.value, "json-record-raw", "raw bytes of \(Fuzz.show(field.key)) parse to another value")
            } catch {
                Fuzz.fail("json-record-raw", "raw bytes of \(Fuzz.show(field.key)) do not parse: \(error)")
            }
        }
    } catch {
        Fuzz.check(error.byteOffset >= 0 && error.byteOffset <= size, "json-error-position",
                   "record: offset \(error.byteOffset) of \(size) bytes: \(error.message)")
        if case .object? = value {
            Fuzz.fail("json-record", "an object value is rejected as a record: \(error)")
        }
    }
    return 0
}

/// Writes a value as JSON with `JSONWriter`'s string escaping; false for a number JSON cannot spell (±inf).
func serialize(_ value: JSONValue, into out: inout [UInt8]) -> Bool {
    switch value {
    case .null: out += Array("null".utf8)
    case .bool(let b): out += Array((b ? "true" : "false").utf8)
    case .number(let d):
        guard d.isFinite else { return false }
        out += Array("\(d)".utf8)
    case .string(let s):
        JSONWriter.appendEscaped(s.utf8, to: &out) // with its quotes
    case .array(let items):
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            if !serialize(item, into: &out) { return false }
        }
        out.append(UInt8(ascii: "]"))
    case .object(let fields):
        out.append(UInt8(ascii: "{"))
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendEscaped(field.key.utf8, to: &out) // with its quotes
            out.append(UInt8(ascii: ":"))
            if !serialize(field.value, into: &out) { return false }
        }
        out.append(UInt8(ascii: "}"))
    }
    return true
}
