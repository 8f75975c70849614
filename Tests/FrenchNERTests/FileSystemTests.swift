import Foundation
import FrenchNER
import Testing

@Suite("FileSystem: paths, folders, errors without Foundation")
struct FileSystemTests {
    @Test("lastComponent and parent read paths as NSString did", arguments: [
        ("a/b/c.txt", "c.txt", "a/b"), ("c.txt", "c.txt", ""), ("/c", "c", "/"), ("a/b/", "b", "a"),
        ("/", "/", "/"), ("a//b", "b", "a"), ("", "", ""),
    ])
    func paths(path: String, last: String, parent: String) {
        #expect(FileSystem.lastComponent(path) == last)
        #expect(FileSystem.parent(of: path) == parent)
    }

    @Test("regularFiles: every depth, sorted, hidden names and symbolic links skipped, filtered by name")
    func regularFiles() throws {
        let root = NSTemporaryDirectory() + "frner-fs-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["sub/deeper", ".hidden"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.txt", ".e.txt", ".hidden/f.txt"] {
            #expect(FileManager.default.createFile(atPath: root + "/" + file, contents: Data("x".utf8)))
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/link.txt", withDestinationPath: root + "/b.txt")
        #expect(FileSystem.regularFiles(under: root).map { String($0.dropFirst(root.count)) }
                == ["/a.md", "/b.txt", "/sub/c.txt", "/sub/deeper/d.txt"])
        #expect(FileSystem.regularFiles(under: root + "/", include: { $0.hasSuffix(".txt") }).map { String($0.dropFirst(root.count)) }
                == ["/b.txt", "/sub/c.txt", "/sub/deeper/d.txt"])
        #expect(FileSystem.regularFiles(under: root + "/missing").isEmpty)
        #expect(FileSystem.kind(of: root) == .directory)
        #expect(FileSystem.kind(of: root + "/b.txt") == .file)
        #expect(FileSystem.kind(of: root + "/link.txt") == .file)
        #expect(FileSystem.kind(of: root + "/nothing") == nil)
    }

    @Test("systemErrorDescription gives the system's reason for a failed file-system call")
    func errorDescription() {
        do {
            try FileManager.default.createDirectory(atPath: "/proc/frner-cannot-exist/x", withIntermediateDirectories: true)
            Issue.record("expected an error")
        } catch {
            #expect(systemErrorDescription(error) == "No such file or directory")
        }
    }

    @Test("temporaryDirectory ends with a slash")
    func temporary() {
        #expect(FileSystem.temporaryDirectory.hasSuffix("/"))
    }
}
