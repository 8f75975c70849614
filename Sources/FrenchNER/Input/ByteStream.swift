#if canImport(Glibc)
import Glibc
#endif
#if canImport(CZlib)
import CZlib
#endif

/// Where input bytes come from: a file descriptor, or a gzip stream over one (`.gz` files are read
/// directly, as `zcat` would, concatenated members included).
public protocol ByteStream: AnyObject {
    /// Reads up to `count` bytes; 0 at the end, -1 on an error (`failure` says which).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int
    /// Why the last read failed.
    var failure: String? { get }
}

/// The bytes of a file descriptor.
public final class FileDescriptorStream: ByteStream {
    public let fd: Int32
    public private(set) var failure: String?
    /// Bytes read from the descriptor so far.
    public private(set) var consumed = 0

    public init(fd: Int32) { self.fd = fd }

    public func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { failure = String(cString: strerror(errno)) } else { consumed += n }
            return n
        }
    }
}

/// The decompressed bytes of gzip data read from another stream.
public final class GzipStream: ByteStream {
    private let source: FileDescriptorStream
    public private(set) var failure: String?
    private let inputSize = 1 << 16
    private let input: UnsafeMutablePointer<UInt8>
    private var finished = false
    /// Inside a gzip member (input fed since the start or the last member's end).
    private var inMember = false
    #if canImport(CZlib)
    private var stream = z_stream()
    private var started = false
    #endif

    public init(source: FileDescriptorStream) {
        self.source = source
        input = .allocate(capacity: inputSize)
        #if canImport(CZlib)
        // 15 + 16: a gzip header is expected.
        started = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        if !started { failure = "cannot start zlib" }
        #else
        failure = "this build cannot read gzip data (no zlib)"
        #endif
    }

    deinit {
        #if canImport(CZlib)
        if started { inflateEnd(&stream) }
        #endif
        input.deallocate()
    }

    /// Compressed bytes read so far.
    public var consumed: Int { source.consumed }

    public func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        #if canImport(CZlib)
        guard started, failure == nil else { return -1 }
        if finished { return 0 }
        stream.next_out = buffer.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(min(count, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 {
                let n = source.read(into: input, count: inputSize)
                if n < 0 { failure = source.failure; return -1 }
                if n == 0 {
                    if inMember { failure = "truncated gzip data"; return -1 }
                    finished = true
                    break
                }
                stream.next_in = input
                stream.avail_in = uInt(n)
            }
            inMember = true
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // Another member may follow (`cat a.gz b.gz`).
                inflateReset(&stream)
                inMember = false
            } else if status != Z_OK && status != Z_BUF_ERROR {
                failure = "not gzip data, or damaged (zlib: \(stream.msg.map { String(cString: $0) } ?? "error \(status)"))"
                return -1
            }
        }
        return count - Int(stream.avail_out)
        #else
        return -1
        #endif
    }
}

extension ByteStream {
    /// Reads the whole stream, up to `limit` bytes.
    func readAll(limit: Int) -> (bytes: [UInt8], failed: Bool, tooLarge: Bool) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(into: $0.baseAddress!, count: $0.count) }
            if n < 0 { return (bytes, true, false) }
            if n == 0 { return (bytes, false, false) }
            if bytes.count + n > limit { return ([], false, true) }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}
