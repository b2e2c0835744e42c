internal import CZstd
import Foundation
import Synchronization

/// A zstd dictionary made from the gateway's own outbox mail, by which a mail compresses to
/// about a twelfth of its size instead of a third, in a fifth of the time: the gateway's mails
/// share their headers, HTML and wording, which one mail alone cannot borrow from another.
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

    /// A dictionary made from `samples` (whole rendered mails), with a random ID of the range
    /// zstd leaves to its users; nil when the samples are too few or too small for one.
    static func made(from samples: [[UInt8]]) -> OutboxDictionary? {
        let joined = Array(samples.joined())
        let sizes = samples.map(\.count)
        guard samples.count >= OutboxCompression.samplesWanted.lowerBound, joined.count >= 1024 else { return nil }
        var parameters = ZDICT_params_t()
        parameters.compressionLevel = OutboxCompression.level
        parameters.dictID = UInt32.random(in: 32_768...UInt32(Int32.max))
        let capacity = joined.count + 64 * 1024
        let content = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let written = joined.withUnsafeBytes { source in
                ZDICT_finalizeDictionary(
                    buffer.baseAddress, capacity, source.baseAddress, joined.count, source.baseAddress, sizes, UInt32(sizes.count), parameters)
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
    /// read from its database once. IDs are random in 31 bits, and a frame's checksum catches
    /// the one-in-billions case of two databases' dictionaries sharing one.
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

/// The dictionary a store's outbox mail is compressed with now (`OutboxDictionary`): none
/// until the outbox holds enough mail to make one from (`Store.prepareOutboxDictionary`),
/// then the newest in the database.
public final class OutboxCompression: Sendable {
    /// zstd's level for outbox mail: its fastest but one, which with a dictionary compresses
    /// these mails as well as the higher levels do.
    static let level: Int32 = 1
    /// How many mails a dictionary is made from: at least the lower bound, at most the upper.
    static let samplesWanted = 16...48

    private let dictionary = Mutex<OutboxDictionary?>(nil)

    public init() {}

    /// The dictionary to compress with now; nil: none yet.
    public var current: OutboxDictionary? { dictionary.withLock { $0 } }

    func use(_ newest: OutboxDictionary) {
        dictionary.withLock { $0 = newest }
    }
}
