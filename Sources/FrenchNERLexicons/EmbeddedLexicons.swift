/// The shipped lexicon files, compiled into the library by the `EmbedLexicons` build plugin from
/// `Lexicons/curated` and `Lexicons/generated`: a program that uses FrenchNER carries its lexicons
/// and needs no checkout or data folder at run time. `EmbeddedLexicons.files` and `fingerprint` are
/// in the generated `EmbeddedLexiconData.swift`.
public enum EmbeddedLexicons {}

/// One embedded lexicon file.
public struct EmbeddedLexiconFile: Sendable {
    /// The path under `Lexicons/` (`curated/places.tsv`).
    public let name: String
    /// The file's text, exactly (UTF-8).
    public let text: StaticString

    public init(name: String, text: StaticString) {
        self.name = name
        self.text = text
    }

    /// The text as a `String`.
    public var string: String {
        text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    /// The size in bytes.
    public var byteCount: Int { text.utf8CodeUnitCount }
}
