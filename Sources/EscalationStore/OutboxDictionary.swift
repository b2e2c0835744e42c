internal import CZstd
import Foundation
import Synchronization

/// A zstd dictionary made from mail as the gateway writes it (its templates without values,
/// `Composer.dictionarySamples`), by which a mail compresses to a fraction of what it does
/// alone, in less time: the gateway's mails share their headers, HTML and wording, which one
/// mail alone cannot borrow from another.
/// A dictionary is kept in `outbox_dictionary` for as long as the database (the mail it
/// compressed cannot be read without it), and named by its zstd dictionary ID, which every
/// frame compressed with it carries; a frame with no ID was compressed without one.
public final class OutboxDictionary: Sendable {
    /// Its zstd dictionary ID and its row's key in `outbox_dictionary`.
    public let id: UInt32
    /// The dictionary's bytes as zstd wrote them.
    let content: [UInt8]
    private let compression: Pointer
    private let decompression: Pointer

    /// A digested dictionary, freed with the dictionary.
    private struct Pointer: @unchecked Sendable {
        let value: OpaquePointer
    }

    /// The dictionary of stored bytes; nil when zstd cannot read them as one.
    init?(content: [UInt8]) {
        let id = content.withUnsafeBytes { ZDICT_getDictID($0.baseAddress, content.count) }
        let compression = content.withUnsafeBytes { ZSTD_createCDict($0.baseAddress, content.count, OutboxCompression.level) }
        let decompression = content.withUnsafeBytes { ZSTD_createDDict($0.baseAddress, content.count) }
        guard id != 0, let compression, let decompression else {
            ZSTD_freeCDict(compression)
            ZSTD_freeDDict(decompression)
            return nil
        }
        self.id = id
        self.content = content
        self.compression = Pointer(value: compression)
        self.decompression = Pointer(value: decompression)
    }

    deinit {
        ZSTD_freeCDict(compression.value)
        ZSTD_freeDDict(decompression.value)
    }

    /// A dictionary made from `samples` (whole mails, at most `OutboxCompression.maximumBytes`
    /// of them), its ID in the range zstd leaves to its users and following from the samples
    /// (FNV-1a); nil when they are too few bytes for one.
    static func made(from samples: [[UInt8]]) -> OutboxDictionary? {
        var kept: [[UInt8]] = []
        var total = 0
        for sample in samples where total + sample.count <= OutboxCompression.maximumBytes {
            kept.append(sample)
            total += sample.count
        }
        let joined = Array(kept.joined())
        guard kept.count >= OutboxCompression.minimumSamples, joined.count >= 1024 else { return nil }
        var parameters = ZDICT_params_t()
        parameters.compressionLevel = OutboxCompression.level
        let hash = joined.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        parameters.dictID = 32_768 + UInt32(hash % UInt64(UInt32(Int32.max) - 32_768))
        let capacity = joined.count + 64 * 1024
        let content = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let written = joined.withUnsafeBytes { source in
                ZDICT_finalizeDictionary(
                    buffer.baseAddress, capacity, source.baseAddress, joined.count, source.baseAddress, kept.map(\.count), UInt32(kept.count),
                    parameters)
            }
            count = ZDICT_isError(written) == 0 ? written : 0
        }
        return content.isEmpty ? nil : OutboxDictionary(content: content)
    }

    /// The digested dictionary for expanding a frame.
    var decompressionDictionary: OpaquePointer { decompression.value }
    /// The digested dictionary for compressing.
    var compressionDictionary: OpaquePointer { compression.value }

    /// The dictionaries read or made in this process, by ID: each is immutable, so that one is
    /// read from its database once. An ID follows from its dictionary's content in 31 bits, and
    /// a frame's checksum catches the one-in-billions case of two contents sharing one.
    private static let known = Mutex<[UInt32: OutboxDictionary]>([:])

    /// The dictionary of `id` read in this process, if any.
    static func known(_ id: UInt32) -> OutboxDictionary? {
        known.withLock { $0[id] }
    }

    /// Keeps `dictionary` for later frames that name it; returns the one kept.
    @discardableResult
    static func remember(_ dictionary: OutboxDictionary) -> OutboxDictionary {
        known.withLock { known in
            if let kept = known[dictionary.id] { return kept }
            known[dictionary.id] = dictionary
            return dictionary
        }
    }
}

/// The dictionary a store's outbox mail is compressed with now: none until the gateway gave
/// the store one (`Store.useOutboxDictionary`), once per process.
public final class OutboxCompression: Sendable {
    /// zstd's level for outbox mail: its fastest but one, which with a dictionary compresses
    /// these mails as well as the higher levels do.
    static let level: Int32 = 1
    /// The fewest mails a dictionary is made from.
    static let minimumSamples = 8
    /// The most bytes of mail a dictionary is made from: more than zstd's fast levels look back.
    static let maximumBytes = 256 * 1024

    private let dictionary = Mutex<OutboxDictionary?>(nil)
    private let settled = Atomic<Bool>(false)

    public init() {}

    /// The dictionary to compress with now; nil: none.
    public var current: OutboxDictionary? { dictionary.withLock { $0 } }

    /// Whether the store was given a dictionary already (or refused one).
    public var isSettled: Bool { settled.load(ordering: .acquiring) }

    /// True the first time only: the caller decides the dictionary.
    func settle() -> Bool {
        !settled.exchange(true, ordering: .acquiringAndReleasing)
    }

    func use(_ newest: OutboxDictionary) {
        dictionary.withLock { $0 = newest }
    }
}
