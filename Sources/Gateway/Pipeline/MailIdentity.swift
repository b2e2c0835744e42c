import Crypto
import Foundation
import MailMessage

/// The identity of an inbound mail for exactly-once processing: a hash over its Message-ID,
/// the headers that define it and its body, so that transit headers (`Received:`,
/// `Return-Path:`, `Delivered-To:`, authentication results) do not change it.
enum MailIdentity {
    private static let definingHeaders = ["from", "to", "cc", "subject", "date", "message-id", "in-reply-to", "references", "content-type"]

    static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: hasher.finalize().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    /// The dedupe key of a parsed mail.
    static func dedupeKey(raw: [UInt8], mail: Mail?) -> String {
        guard let mail else { return sha256(raw) }
        var material = ""
        for field in mail.header.fields where definingHeaders.contains(field.name.lowercased()) {
            material += field.name.lowercased() + ":" + field.rawValue + "\n"
        }
        return sha256(Array(material.utf8) + bodyBytes(raw))
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
