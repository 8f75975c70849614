#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-token and per-match arrays of a document's `Recognition`, kept per thread between documents:
/// `Tagger.tag` hands a recognition's arrays back (`Recognition.recycle()`) once it is done with it,
/// and the next document on the thread writes over them instead of allocating (and zero-filling) about
/// twenty arrays. A recognition made elsewhere simply takes empty arrays when none are kept.
///
/// Arrays of a document longer than `maxKeptTokens` are not kept (no thread holds on to a huge
/// document's buffers).
final class RecognitionBuffers {
    static let maxKeptTokens = 1 << 16

    // One kept array per use (each empty when none is kept: an empty array allocates nothing).
    var keyIDs = ContiguousArray<Int32>()
    var firstMatch = ContiguousArray<Int32>()
    var matchTypes = ContiguousArray<UInt64>()
    var startingTypes = ContiguousArray<UInt64>()
    var endingTypes = ContiguousArray<UInt64>()
    var singleTypes = ContiguousArray<UInt64>()
    var inHeadline = ContiguousArray<Bool>()
    var nameLike = ContiguousArray<Bool>()
    var roles = ContiguousArray<RuleWords.Role>()
    var lists = ContiguousArray<RuleWords.Lists>()
    var matches: [GazetteerMatch] = []
    /// The lists of `Recognition.RuleStarts`, in the order of its fields.
    var ruleStarts = (ContiguousArray<Int>(), ContiguousArray<Int>(), ContiguousArray<Int>(), ContiguousArray<Int>(),
                      ContiguousArray<Int>())

    // The document rules' tables (`applyDocumentConsistency`), taken and handed back within the call.
    var chainSlots = ContiguousArray<Int32>()
    var chainNames = ContiguousArray<Recognition.NameChains.Name>()
    var sureLabels = ContiguousArray<(label: EntityLabel, score: Double)?>()
    var personParts = ContiguousArray<Double?>()
    var firstNames = ContiguousArray<Double?>()
    var inside = ContiguousArray<Int>()
    var opening = ContiguousArray<Int>()
    var votes = ContiguousArray<Recognition.Votes?>()
    var sentenceOf: [Int] = []
    var ownChain: [Recognition.ChainKey] = []
    var leftChain: [Recognition.ChainKey?] = []
    var updatedChains: [Recognition.ChainKey] = []
    // The lists of `candidates()`, taken and handed back within the call.
    var runs: [Range<Int>] = []
    var parts: [Range<Int>] = []
    var pieces: [Range<Int>] = []
    var weighed: [Range<Int>] = []

    private init() {}

    /// The calling thread's buffers.
    static func current() -> RecognitionBuffers {
        recognitionBuffers.object { RecognitionBuffers() }
    }

    /// Moves a kept array out (leaving an empty one), so that the caller holds its only reference.
    @inline(__always)
    static func take<T>(_ kept: inout T, empty: T) -> T {
        let value = kept
        kept = empty
        return value
    }

    /// Keeps a recognition's arrays for the next document.
    fileprivate func keep(_ r: Recognition) {
        guard r.tokens.count <= RecognitionBuffers.maxKeptTokens else { return }
        keyIDs = r.keyIDs
        firstMatch = r.firstMatch
        matchTypes = r.matchTypes
        startingTypes = r.startingTypes
        endingTypes = r.endingTypes
        singleTypes = r.singleTypes
        inHeadline = r.inHeadline
        nameLike = r.nameLike
        roles = r.roles
        lists = r.lists
        matches = r.matches
        ruleStarts = (r.ruleStarts.capitals, r.ruleStarts.roads, r.ruleStarts.organisationHeads, r.ruleStarts.placeHeads,
                      r.ruleStarts.firstNames)
    }
}

extension Recognition {
    /// Hands this recognition's arrays to the thread's `RecognitionBuffers` for the next document: call
    /// it last, when the recognition is no longer used (its arrays are written over by the next one).
    func recycle() {
        RecognitionBuffers.current().keep(self)
    }
}

private let recognitionBuffers = PerThread<RecognitionBuffers>()
