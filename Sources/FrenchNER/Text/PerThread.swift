#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One object per thread, made on the thread's first call and released when the thread ends (a POSIX
/// thread-specific key): the ICU iterators, key caches and scratch buffers that live across documents.
///
/// ```swift
/// private let scratch = PerThread<Scratch>()
/// let mine = scratch.object { Scratch() }   // the same object on every later call from this thread
/// ```
/// - Complexity: O(1) per call after the first on a thread.
struct PerThread<Object: AnyObject>: Sendable {
    private let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<AnyObject>.fromOpaque(raw).release()
        }
        precondition(status == 0, "pthread_key_create failed: \(status)")
        self.key = key
    }

    /// The calling thread's object, made by `make` the first time.
    @inline(__always)
    func object<Failure: Error>(orMake make: () throws(Failure) -> Object) throws(Failure) -> Object {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<Object>.fromOpaque(raw).takeUnretainedValue()
        }
        let object = try make()
        pthread_setspecific(key, Unmanaged.passRetained(object as AnyObject).toOpaque())
        return object
    }
}
