#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Source of `KeyTable.identity` values.
private let keyTableIdentities = Atomic<UInt64>(1)

/// Interned token keys: a folded key (`elysee`) ↔ a dense `KeyID`, with word-class bits per key.
///
/// Looking a token up costs one hash probe (the token's hash is computed by the tokenizer) and one
/// comparison of UTF-16 units, so no `String` is made per token.
struct KeyTable: Sendable {
    /// All keys back to back.
    var pool = ContiguousArray<UInt16>()
    /// Start of key `i` in `pool`; `offsets[count]` is the pool's length.
    var offsets: ContiguousArray<Int32> = [0]
    var hashes = ContiguousArray<UInt32>()
    /// Common-word classes of each key (`CommonWordClass` bits).
    var wordClasses = ContiguousArray<UInt8>()
    /// Open addressing: `keyID + 1` in the low `slotIDBits` bits and the top bits of the key's hash
    /// above them (`slot(id:hash:)`), 0 for an empty slot. A probe compares the hash bits in the slot,
    /// so it reads a key's units only when they agree (1 time in 256 for another key) and never
    /// `hashes`: a look-up of a known key costs the slot and the key's units, one of an unknown key
    /// the slots of its run only.
    var slots = ContiguousArray<Int32>(repeating: 0, count: 1024)
    /// Unique to this table's contents in this process: a new value whenever a key is added, so that
    /// a per-thread cache of look-ups (`KeyCache`) never answers for another table.
    var identity = KeyTable.newIdentity()

    static func newIdentity() -> UInt64 { keyTableIdentities.add(1, ordering: .relaxed).newValue }

    var count: Int { hashes.count }

    /// Bits of a slot holding `keyID + 1`: a table holds fewer than 2^24 keys.
    static let slotIDBits = 24
    static let slotIDMask: UInt32 = 1 << 24 - 1
    static let maxCount = Int(slotIDMask) - 1

    /// The slot value of a key: `id + 1` and the hash's top 8 bits (bits the slot index, taken from
    /// the low bits of the multiplied hash, mostly does not use).
    @inline(__always)
    static func slot(id: Int32, hash: UInt32) -> Int32 {
        Int32(bitPattern: (hash >> 24) << UInt32(slotIDBits) | UInt32(id + 1))
    }

    /// The slot where the probe for a key of hash `hash` starts (`mask`: the slot count minus one). The
    /// scans over a document's tokens ask for it ahead of the look-up (`Gazetteer.keyIDs`).
    @inline(__always)
    static func slotIndex(hash: UInt32, mask: Int) -> Int { Int(hash &* 0x9E37_79B1) & mask }

    /// Whether every slot is empty or holds the id of one of `keyCount` keys (a cache file's slots).
    static func slotsHoldKeyIDs(_ slots: ContiguousArray<Int32>, keyCount: Int) -> Bool {
        // Ids are at most `slotIDMask`: a larger count allows them all.
        let count = UInt32(min(max(keyCount, 0), Int(slotIDMask)))
        return slots.withUnsafeBufferPointer { slots in
            // Branch-free: a used slot is bad when its id is 0 (hash bits and no key) or past the keys
            // (id - 1 wraps around for 0).
            var bad: UInt32 = 0
            for slot in slots {
                let used: UInt32 = slot != 0 ? ~0 : 0
                let idMinusOne = (UInt32(bitPattern: slot) & slotIDMask) &- 1
                bad |= used & (idMinusOne >= count ? 1 : 0)
            }
            return bad == 0
        }
    }

    static func hash(_ units: some Collection<UInt16>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for unit in units { hash = (hash ^ UInt32(unit)) &* 16_777_619 }
        return hash
    }

    /// The id of a key, or -1.
    @inline(__always)
    func lookup(hash: UInt32, units: UnsafeBufferPointer<UInt16>) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            offsets.withUnsafeBufferPointer { offsets in
                pool.withUnsafeBufferPointer { pool in
                    let mask = slots.count - 1
                    var slot = KeyTable.slotIndex(hash: hash, mask: mask)
                    let tag = hash >> 24
                    while true {
                        let entry = UInt32(bitPattern: slots[slot])
                        if entry == 0 { return -1 }
                        if entry >> UInt32(KeyTable.slotIDBits) == tag {
                            let id = Int(entry & KeyTable.slotIDMask) - 1
                            let start = Int(offsets[id])
                            let length = Int(offsets[id + 1]) - start
                            if length == units.count
                                && KeyTable.unitsEqual(pool.baseAddress! + start, units.baseAddress!, count: length) {
                                return Int32(id)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Whether `count` units at `a` and at `b` are equal: four units per 64-bit load, inlined (token
    /// keys are short: a call to `memcmp` costs more than the comparison).
    @inline(__always)
    static func unitsEqual(_ a: UnsafePointer<UInt16>?, _ b: UnsafePointer<UInt16>?, count: Int) -> Bool {
        guard count > 0, let a, let b else { return count == 0 }
        var k = 0
        while k &+ 4 <= count {
            if UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self) {
                return false
            }
            k &+= 4
        }
        while k < count {
            if a[k] != b[k] { return false }
            k &+= 1
        }
        return true
    }

    func lookup(_ units: [UInt16]) -> Int32 {
        units.withUnsafeBufferPointer { lookup(hash: KeyTable.hash(units), units: $0) }
    }

    /// The id of a key, adding it if new.
    mutating func intern(_ units: [UInt16]) -> Int32 {
        let existing = lookup(units)
        if existing >= 0 { return existing }
        precondition(count < KeyTable.maxCount, "more distinct token keys than a key table holds (\(KeyTable.maxCount))")
        if (count + 1) * 2 > slots.count { grow() }
        let id = Int32(count)
        identity = KeyTable.newIdentity()
        let hash = KeyTable.hash(units)
        pool.append(contentsOf: units)
        offsets.append(Int32(pool.count))
        hashes.append(hash)
        wordClasses.append(0)
        insertSlot(id: id, hash: hash)
        return id
    }

    private mutating func insertSlot(id: Int32, hash: UInt32) {
        let mask = slots.count - 1
        var slot = KeyTable.slotIndex(hash: hash, mask: mask)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = KeyTable.slot(id: id, hash: hash)
    }

    private mutating func grow() {
        slots = ContiguousArray(repeating: 0, count: slots.count * 2)
        for id in 0..<count { insertSlot(id: Int32(id), hash: hashes[id]) }
    }
}

/// An open-addressing map from `UInt64` to `Int32` (the trie's edges), flat so that it can be saved
/// and loaded as plain arrays.
struct EdgeTable: Sendable {
    var keys = ContiguousArray<UInt64>(repeating: .max, count: 1024)
    var values = ContiguousArray<Int32>(repeating: 0, count: 1024)
    var count = 0

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var slot = EdgeTable.slot(key, mask)
            while true {
                let k = keys[slot]
                if k == key { return values.withUnsafeBufferPointer { $0[slot] } }
                if k == .max { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    mutating func set(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = EdgeTable.slot(key, mask)
        while keys[slot] != .max && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == .max { count += 1 }
        keys[slot] = key
        values[slot] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = ContiguousArray(repeating: .max, count: oldKeys.count * 2)
        values = ContiguousArray(repeating: 0, count: oldKeys.count * 2)
        count = 0
        for i in 0..<oldKeys.count where oldKeys[i] != .max { set(oldKeys[i], oldValues[i]) }
    }
}
