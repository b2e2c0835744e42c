internal import CZstd
import Foundation
import Synchronization

/// The bytes of an outbox mail as `outbox_body` keeps them: compressed with zstd since v15.
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

    /// A rendered mail, compressed for its row.
    public init(compressing raw: [UInt8]) {
        stored = Zstd.compress(raw)
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

    /// The mail's bytes.
    public func raw() throws -> [UInt8] {
        switch encoding {
        case nil: stored
        case .zstd: try Zstd.decompress(stored)
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

/// zstd at level 1 with contexts kept for reuse: a context is a few hundred kilobytes set up
/// once instead of once per mail.
private enum Zstd {
    /// A zstd context, used by one thread at a time: taken from its pool and given back.
    private struct Context: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Contexts not in use; a thread takes one and gives it back.
    private static let compressors = Mutex<[Context]>([])
    private static let decompressors = Mutex<[Context]>([])
    private static let level: Int32 = 1

    static func compress(_ raw: [UInt8]) -> [UInt8] {
        let context = compressors.withLock { $0.popLast() } ?? Context(pointer: ZSTD_createCCtx())
        defer { compressors.withLock { $0.append(context) } }
        let bound = ZSTD_compressBound(raw.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            let written = raw.withUnsafeBytes { source in
                ZSTD_compressCCtx(context.pointer, buffer.baseAddress, bound, source.baseAddress, raw.count, level)
            }
            // Compressing into a buffer of ZSTD_compressBound's size cannot fail.
            precondition(ZSTD_isError(written) == 0, String(cString: ZSTD_getErrorName(written)))
            count = written
        }
    }

    static func decompress(_ stored: [UInt8]) throws -> [UInt8] {
        let size = stored.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, stored.count) }
        guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size <= UInt64(Int.max) else {
            throw OutboxBodyError.corrupt("no zstd frame with its size")
        }
        let context = decompressors.withLock { $0.popLast() } ?? Context(pointer: ZSTD_createDCtx())
        defer { decompressors.withLock { $0.append(context) } }
        var failure: String?
        let raw = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
            let written = stored.withUnsafeBytes { source in
                ZSTD_decompressDCtx(context.pointer, buffer.baseAddress, Int(size), source.baseAddress, stored.count)
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
