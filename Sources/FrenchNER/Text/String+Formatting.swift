#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The few text helpers the library and the CLI took from Foundation (`String(format:)`, `padding`,
// `trimmingCharacters`). They live here so that neither links Foundation: FoundationEssentials is
// enough, and a process that tags text does not map Foundation's libraries and its ICU copy
// (about 6 MB of resident memory).

extension String {
    /// Formats numbers as C's `printf` does.
    ///
    /// ```swift
    /// String(printf: "%7.4f %ld", 0.5, 12)   // " 0.5000 12"
    /// ```
    /// Integers take the `l` length modifier (`%ld`): Swift's `Int` is 64 bits.
    /// - Complexity: O(*n*) in the length of the result.
    package init(printf format: String, _ arguments: CVarArg...) {
        var buffer = [CChar](repeating: 0, count: 256)
        let needed = withVaList(arguments) { Int(vsnprintf(&buffer, buffer.count, format, $0)) }
        if needed >= buffer.count {
            buffer = [CChar](repeating: 0, count: needed + 1)
            _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        self = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The string cut or padded with spaces to `length` UTF-16 units, as Foundation's
    /// `padding(toLength:withPad:" ",startingAt:0)` does.
    ///
    /// ```swift
    /// "PER".padded(toLength: 5)   // "PER  "
    /// ```
    /// - Complexity: O(`length`).
    package func padded(toLength length: Int) -> String {
        let units = utf16.count
        if units >= length { return String(decoding: Array(utf16.prefix(length)), as: UTF16.self) }
        return self + String(repeating: " ", count: length - units)
    }
}

extension StringProtocol {
    /// The text without the spaces and tabs at either end (Unicode's space separators and U+0009, the
    /// set Foundation calls `.whitespaces`; line breaks are kept).
    ///
    /// ```swift
    /// " ORG\t".trimmingWhitespace()   // "ORG"
    /// ```
    /// - Complexity: O(*n*).
    package func trimmingWhitespace() -> String {
        let string = String(self)
        let scalars = string.unicodeScalars
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isWhitespace($0) })!
        return String(scalars[first...last])
    }
}

/// What a failed file-system call says, for a message: the system's text for the POSIX error under a
/// FoundationEssentials error (`No such file or directory`), else the error's own description.
package func systemErrorDescription(_ error: any Error) -> String {
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    if let cocoa = error as? CocoaError, let posix = cocoa.userInfo["NSUnderlyingError"] as? POSIXError {
        return String(cString: strerror(posix.code.rawValue))
    }
    return "\(error)"
}
