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

/// The few questions about files the library asks, answered with POSIX calls (what FoundationEssentials
/// leaves out: `ObjCBool`, `NSString` paths, directory enumerators).
package enum FileSystem {
    /// What a path names, following symbolic links as `stat` does.
    package enum Kind: Sendable { case file, directory, other }

    /// The kind of `path`, or nil when nothing is there (or it cannot be looked at).
    package static func kind(of path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Whether `path` is a folder (following symbolic links).
    package static func isDirectory(_ path: String) -> Bool { kind(of: path) == .directory }

    /// The last component of a path: `a/b/c.txt` → `c.txt`, `a/b/` → `b`, `/` → `/`.
    package static func lastComponent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(Substring(path))
        if trimmed == "/" { return "/" }
        return String(trimmed.split(separator: "/", omittingEmptySubsequences: false).last ?? trimmed)
    }

    /// The folder holding `path`: `a/b/c.bin` → `a/b`, `/c` → `/`, `c` → `` (as `NSString`'s
    /// `deletingLastPathComponent`).
    package static func parent(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(Substring(path))
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(withoutTrailingSlashes(trimmed[..<slash]))
    }

    /// A path without the slashes at its end, but `/` kept whole.
    private static func withoutTrailingSlashes(_ path: Substring) -> Substring {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed
    }

    /// `$TMPDIR` (else `/tmp`), with a slash at the end, as Foundation's `NSTemporaryDirectory()`.
    package static var temporaryDirectory: String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp/" }
        let directory = String(cString: value)
        return directory.hasSuffix("/") ? directory : directory + "/"
    }

    /// Writes all of `bytes` to a file descriptor (retrying after `EINTR` and short writes).
    /// - Returns: nil, or the `errno` of the write that failed.
    package static func writeAll(_ bytes: some Collection<UInt8>, to fd: Int32) -> Int32? {
        let array = Array(bytes)
        var offset = 0
        while offset < array.count {
            let n = array[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// The system's text for an `errno` value (`No such file or directory`).
    package static func describe(errno code: Int32) -> String { String(cString: strerror(code)) }

    /// Every regular file under `folder`, at any depth, sorted by path; names starting with a dot (files and
    /// folders) are skipped, symbolic links are not followed, and `include` filters on the file's name.
    /// Paths are `folder/relative/path` (no doubled slash).
    /// - Complexity: O(*n* log *n*) in the number of entries.
    package static func regularFiles(under folder: String, include: (String) -> Bool = { _ in true }) -> [String] {
        var files: [String] = []
        func walk(_ directory: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            for name in names where !name.hasPrefix(".") {
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(path)
                case S_IFREG: if include(name) { files.append(path) }
                default: continue
                }
            }
        }
        walk(folder)
        return files.sorted()
    }
}
