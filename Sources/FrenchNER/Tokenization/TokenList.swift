/// The tokens of one text while `TokenStreamBuilder` makes them, written straight into the uninitialised
/// storage of the array they end up in (`ContiguousArray(unsafeUninitializedCapacity:initializingWith:)`).
///
/// A `ContiguousArray` checks its uniqueness and capacity at every append (a call and a dozen
/// instructions per token, in the tokenizer's hottest path), and building elsewhere would cost a copy;
/// here an append is a compare and a store. The capacity is fixed: a token that does not fit is dropped
/// and `overflowed` set, and the caller tokenizes the text again with room for every token (a text has
/// fewer tokens than UTF-16 units: tokens are disjoint and never empty).
///
/// - Complexity: `append` and the subscript are O(1).
struct TokenList {
    // The storage belongs to the array being initialised; the list lives only inside that initialiser.
    // Every access checks its index against `count`, itself kept within `capacity` by `append`.
    private let base: UnsafeMutablePointer<Token>
    private let capacity: Int
    /// Number of tokens.
    private(set) var count = 0
    /// A token did not fit in the capacity: the list is incomplete.
    private(set) var overflowed = false

    /// A list writing into `storage` (uninitialised; `Token` is a trivial type).
    init(storage: UnsafeMutableBufferPointer<Token>) {
        // An empty buffer has no base address: a dangling aligned pointer, never dereferenced.
        base = storage.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Token>.alignment)!
        capacity = storage.count
    }

    /// The token at `index`.
    subscript(index: Int) -> Token {
        get {
            precondition(index >= 0 && index < count, "token index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "token index out of range")
            base[index] = newValue
        }
    }

    /// Appends a token, or sets `overflowed` when it does not fit.
    @inline(__always)
    mutating func append(_ token: Token) {
        guard count < capacity else {
            overflowed = true
            return
        }
        (base + count).initialize(to: token)
        count &+= 1
    }

    /// Removes the last `k` tokens.
    mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= count, "removing more tokens than there are")
        count -= k
    }
}
