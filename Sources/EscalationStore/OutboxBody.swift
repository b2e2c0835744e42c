internal import CZstd
import Foundation
import Synchronization

/// The bytes of an outbox mail as `outbox_body` keeps them: compressed with zstd since v15,
/// with a dictionary made from the gateway's own mail since v16 (`OutboxDictionary`).
/// A mail's HTML, with its inline styles in quoted-printable, shrinks to about a third, so a
/// mail fits in a page it shares with others instead of taking a page and an overflow page of
/// its own; at 10,000 mails in `bench pipeline` that halved the pages each commit wrote and
/// the database's size. Compressing happens where the mail is rendered (beside the applying
/// thread), expanding where it is sent or shown. Rows written before v15 keep their bytes as
/// they were (`encoding` NULL).
public struct OutboxBody: Sendable, Hashable {
    /// How `stored` encodes the mail.
    public enum Encoding: String, Sendable {
        case zstd
    }

    /// The bytes as the row keeps them.
    public let stored: [UInt8]
    /// nil: `stored` is the mail itself.
    public let encoding: Encoding?

    /// A rendered mail, compressed for its row, with `dictionary` when given.
    public init(compressing raw: [UInt8], with dictionary: OutboxDictionary? = nil) {
        stored = Zstd.compress(raw, with: dictionary)
        encoding = .zstd
    }

    /// A body read from a row's `raw` and `encoding` columns.
    init(stored: Data, encoding: String?) throws {
        self.stored = Array(stored)
        guard let name = encoding else {
            self.encoding = nil
            return
        }
        guard let known = Encoding(rawValue: name) else { throw OutboxBodyError.unknownEncoding(name) }
        self.encoding = known
    }

    /// The ID of the dictionary the mail was compressed with (its frame names it); nil: none.
    public var dictionaryID: UInt32? {
        guard encoding == .zstd else { return nil }
        let id = stored.withUnsafeBytes { ZSTD_getDictID_fromFrame($0.baseAddress, stored.count) }
        return id == 0 ? nil : id
    }

    /// The mail's bytes; `dictionary` is the one `dictionaryID` names, when it names one.
    public func raw(using dictionary: OutboxDictionary? = nil) throws -> [UInt8] {
        switch encoding {
        case nil: return stored
        case .zstd:
            if let wanted = dictionaryID, dictionary?.id != wanted {
                throw OutboxBodyError.corrupt("compressed with dictionary \(wanted), which was not found")
            }
            return try Zstd.decompress(stored, with: dictionaryID == nil ? nil : dictionary)
        }
    }
}

/// A stored mail body that cannot be read back.
public enum OutboxBodyError: Error, CustomStringConvertible {
    case unknownEncoding(String)
    case corrupt(String)

    public var description: String {
        switch self {
        case .unknownEncoding(let name): "outbox_body.encoding '\(name)' is not known to this build (a newer one wrote it)"
        case .corrupt(let reason): "an outbox mail's stored bytes do not decompress: \(reason)"
        }
    }
}

/// zstd with contexts kept for reuse: a context is a few hundred kilobytes set up once instead
/// of once per mail. A frame compressed with a dictionary carries its ID and a checksum.
private enum Zstd {
    /// A zstd context, used by one thread at a time: taken from its pool and given back.
    private struct Context: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Contexts not in use; a thread takes one and gives it back.
    private static let compressors = Mutex<[Context]>([])
    private static let decompressors = Mutex<[Context]>([])

    static func compress(_ raw: [UInt8], with dictionary: OutboxDictionary?) -> [UInt8] {
        let context = compressors.withLock { $0.popLast() } ?? Context(pointer: ZSTD_createCCtx())
        defer { compressors.withLock { $0.append(context) } }
        let bound = ZSTD_compressBound(raw.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            let written = raw.withUnsafeBytes { source in
                ZSTD_CCtx_reset(context.pointer, ZSTD_reset_session_and_parameters)
                guard let dictionary else {
                    return ZSTD_compressCCtx(context.pointer, buffer.baseAddress, bound, source.baseAddress, raw.count, OutboxCompression.level)
                }
                ZSTD_CCtx_setParameter(context.pointer, ZSTD_c_checksumFlag, 1)
                ZSTD_CCtx_refCDict(context.pointer, dictionary.compressionDictionary)
                return ZSTD_compress2(context.pointer, buffer.baseAddress, bound, source.baseAddress, raw.count)
            }
            // Compressing into a buffer of ZSTD_compressBound's size cannot fail.
            precondition(ZSTD_isError(written) == 0, String(cString: ZSTD_getErrorName(written)))
            count = written
        }
    }

    static func decompress(_ stored: [UInt8], with dictionary: OutboxDictionary?) throws -> [UInt8] {
        let size = stored.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, stored.count) }
        guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size <= UInt64(Int.max) else {
            throw OutboxBodyError.corrupt("no zstd frame with its size")
        }
        let context = decompressors.withLock { $0.popLast() } ?? Context(pointer: ZSTD_createDCtx())
        defer { decompressors.withLock { $0.append(context) } }
        var failure: String?
        let raw = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
            let written = stored.withUnsafeBytes { source in
                if let dictionary {
                    ZSTD_decompress_usingDDict(
                        context.pointer, buffer.baseAddress, Int(size), source.baseAddress, stored.count, dictionary.decompressionDictionary)
                } else {
                    ZSTD_decompressDCtx(context.pointer, buffer.baseAddress, Int(size), source.baseAddress, stored.count)
                }
            }
            if ZSTD_isError(written) != 0 {
                failure = String(cString: ZSTD_getErrorName(written))
                count = 0
            } else {
                count = written
            }
        }
        if let failure { throw OutboxBodyError.corrupt(failure) }
        guard raw.count == Int(size) else { throw OutboxBodyError.corrupt("\(raw.count) bytes, the frame says \(size)") }
        return raw
    }
}
