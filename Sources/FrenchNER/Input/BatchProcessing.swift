import Dispatch
import Synchronization

/// Computes `transform(i)` for `0..<count` on `jobs` threads and returns the results in index order.
/// Threads take the next index from a shared counter, so uneven documents balance out.
public func parallelMap<T: Sendable>(count: Int, jobs: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    if jobs <= 1 || count <= 1 { return (0..<count).map(transform) }
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
        _ = results.deinitialize()
        results.deallocate()
    }
    let next = Atomic<Int>(0)
    let slots = SendableBuffer(buffer: results)
    DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if i >= count { break }
            // Each index is written by exactly one thread.
            slots.buffer[i] = transform(i)
        }
    }
    return results.map { $0! }
}

private struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}

/// Reads records, processes them in batches on `jobs` threads (`process` runs in parallel) and hands
/// the results to `consume` in input order. Memory is bounded by one batch: at most `batchLimit` records
/// (1 when interactive) and about 16 MB of input.
/// `progress` is called after each batch with its documents and bytes.
public func processInBatches<T: Sendable>(_ source: inout DocumentSource, jobs: Int, interactive: Bool,
                                          progress: (_ documents: Int, _ bytes: Int) -> Void = { _, _ in },
                                          process: @escaping @Sendable (RawRecord) -> T, consume: (T) -> Void) {
    let batchLimit = interactive ? 1 : max(64, jobs * 32)
    let batchBytes = 16 << 20
    var batch: [RawRecord] = []
    var pendingBytes = 0
    func flush() {
        let records = batch
        let results = parallelMap(count: records.count, jobs: interactive ? 1 : jobs) { i in process(records[i]) }
        for result in results { consume(result) }
        progress(results.count, pendingBytes)
        batch.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }
    source.forEachRecord { record in
        batch.append(record)
        pendingBytes += record.bytes.count
        if batch.count >= batchLimit || pendingBytes >= batchBytes { flush() }
    }
    flush()
}
