import Dispatch
import Synchronization

/// Computes `transform(i)` for `0..<count` on `jobs` threads and returns the results in index order.
/// Threads take the next index from a shared counter, so uneven documents balance out.
func parallelMap<T: Sendable>(count: Int, jobs: Int, _ transform: @Sendable (Int) -> T) -> [T] {
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
