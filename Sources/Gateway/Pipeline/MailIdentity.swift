import Crypto
import Foundation
import MailMessage

/// The identity of an inbound mail for exactly-once processing. A mail is the same mail when it
/// has the same Message-ID and the same sender, whatever its body (a mailing list's footer, a
/// resend); from another sender it is a mail of its own. Mail without a Message-ID is known by a
/// hash over the headers that define it and its body, so that transit headers (`Received:`,
/// `Return-Path:`, `Delivered-To:`, authentication results) do not change it. Receipts written
/// before this rule hold that content hash for every mail (`dedupeKey`), which is still asked.
enum MailIdentity {
    private static let definingHeaders = ["from", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references", "content-type"]

    /// The SHA-256 of the bytes, in lower-case hex.
    static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        sha256(of: [bytes])
    }

    /// The SHA-256 of the parts one after the other, in lower-case hex.
    private static func sha256<Bytes: Sequence<UInt8>>(of parts: [Bytes]) -> String {
        var hasher = SHA256()
        for part in parts {
            if part.withContiguousStorageIfAvailable({ hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }) == nil {
                hasher.update(data: Array(part))
            }
        }
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in hasher.finalize() {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The receipt key of a mail: `m:` and a hash of its Message-ID and sender address, or `c:`
    /// and its content hash when it has no Message-ID (or could not be parsed). The prefixes keep
    /// these keys apart from the content hashes of earlier receipts.
    static func receiptKey(messageID: String?, sender: String?, contentHash: String) -> String {
        guard let messageID else { return "c:" + contentHash }
        return "m:" + sha256(Array("message-id\u{0}\(messageID)\u{0}from\u{0}\(sender ?? "")".utf8))
    }

    /// The content hash of a mail: the key of receipts written before `receiptKey`.
    static func dedupeKey(raw: [UInt8], mail: Mail?) -> String {
        guard let mail else { return sha256(raw) }
        var material: [UInt8] = []
        material.reserveCapacity(1024)
        for field in mail.header.fields where definingHeaders.contains(field.key) {
            material += field.key.utf8
            material.append(UInt8(ascii: ":"))
            material += field.rawValue.utf8
            material.append(UInt8(ascii: "\n"))
        }
        return sha256(of: [material[...], bodyBytes(raw)])
    }

    /// The bytes after the header's blank line (CRLF or LF), or none.
    private static func bodyBytes(_ raw: [UInt8]) -> ArraySlice<UInt8> {
        var index = 0
        while index + 1 < raw.count {
            if raw[index] == 0x0A {
                if raw[index + 1] == 0x0A { return raw[(index + 2)...] }
                if raw[index + 1] == 0x0D, index + 2 < raw.count, raw[index + 2] == 0x0A { return raw[(index + 3)...] }
            }
            index += 1
        }
        return []
    }
}
