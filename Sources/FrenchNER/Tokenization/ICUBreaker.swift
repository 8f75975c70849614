import CFrenchICU
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The ICU word- and sentence-break iterators of one thread.
///
/// Opening an ICU break iterator is expensive, so each thread opens one on first use and reuses it for
/// every text it tokenizes; the thread's exit closes it. This is the only place that holds ICU state.
final class ICUBreaker {
    let handle: OpaquePointer
    /// Reused storage for one text's segments (a text has at most one segment per UTF-16 unit).
    private var segments = ReusableStorage<frn_segment>()
    /// Reused storage for the sentence windows of one text (see `SentenceBoundaries`).
    private var windowText = ReusableStorage<UInt16>()
    /// Reused storage for the offsets of the units a scan finds (at most one per unit). One scan at a
    /// time: each reads its offsets before the next scan runs.
    private var unitOffsets = ReusableStorage<Int32>()

    /// Segment storage for a text of `length` units.
    func segmentStorage(forLength length: Int) -> UnsafeMutablePointer<frn_segment> {
        segments.pointer(forCount: length + 1)
    }

    /// Window text storage for `length` units.
    func windowTextStorage(forLength length: Int) -> UnsafeMutablePointer<UInt16> {
        windowText.pointer(forCount: length)
    }

    /// Storage for the offsets a scan of `length` units finds.
    func unitOffsetStorage(forLength length: Int) -> UnsafeMutablePointer<Int32> {
        unitOffsets.pointer(forCount: max(length, 1))
    }

    /// Why the ICU iterators could not be opened.
    struct OpenError: Error, CustomStringConvertible {
        let icuCode: Int32
        var description: String { "could not open the ICU break iterators (ICU error \(icuCode))" }
    }

    private init() throws(OpenError) {
        var error: Int32 = 0
        guard let handle = frn_breaker_open(&error) else { throw OpenError(icuCode: error) }
        self.handle = handle
    }

    deinit {
        frn_breaker_close(handle)
        segments.deallocate()
        windowText.deallocate()
        unitOffsets.deallocate()
    }

    /// The calling thread's iterators, opened on first use.
    ///
    /// Opening can only fail when ICU's data is missing or memory is exhausted; `Tokenizer.init`
    /// checks it once so that such a broken installation is reported before any text is read.
    static func current() throws(OpenError) -> ICUBreaker {
        try breakers.object { () throws(OpenError) in try ICUBreaker() }
    }
}

/// A buffer reused from text to text: grown (to at least twice its size) when a text needs more, never
/// shrunk; its contents do not survive growing.
private struct ReusableStorage<Element> {
    private var storage = UnsafeMutablePointer<Element>.allocate(capacity: 1024)
    private var capacity = 1024

    /// Room for `count` elements.
    mutating func pointer(forCount count: Int) -> UnsafeMutablePointer<Element> {
        if count > capacity {
            storage.deallocate()
            capacity = max(count, capacity * 2)
            storage = .allocate(capacity: capacity)
        }
        return storage
    }

    func deallocate() { storage.deallocate() }
}

private let breakers = PerThread<ICUBreaker>()
