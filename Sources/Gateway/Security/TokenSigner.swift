import Crypto
import EscalationCore
public import EscalationValues
import Foundation
import Synchronization

/// Signs and checks the gateway's tokens with HMAC-SHA256 under the secret of
/// `[security] token_secret_file`: per-approver, per-request approval tokens, outgoing
/// Message-IDs, and the loop header that marks the gateway's own mail.
public struct TokenSigner: Sendable {
    /// HMAC-SHA256 with the secret already absorbed (its padded key blocks hashed once, not per token).
    private let keyed: KeyedHMAC

    /// Reply tokens made lately: one thread's mail goes to the same few people again and again,
    /// and each token costs an HMAC.
    private let replyTokens = TokenCache()

    public init(secret: [UInt8]) {
        keyed = KeyedHMAC(state: HMAC<SHA256>(key: SymmetricKey(data: secret)))
    }

    /// The keyed state, only ever read: each use copies it, and the copy's storage is copied on
    /// its first update (copy-on-write), so no thread writes what another reads.
    private struct KeyedHMAC: @unchecked Sendable {
        let state: HMAC<SHA256>
    }

    /// The approval token of one approver for one request: `r<sequence>x<mac>`, lower-case
    /// letters and digits only, so that it survives plus-addressing and case folding.
    public func approvalToken(request: RequestNumber, approver: EmailAddress) -> String {
        "r\(request.sequence)x" + mac("approval|\(request.value)|\(approver.value)")
    }

    /// The request a token names, if it is shaped like an approval token.
    public static func request(in token: String) -> RequestNumber? {
        let lower = token.lowercased()
        guard lower.hasPrefix("r"), let x = lower.firstIndex(of: "x"), let sequence = Int(lower[lower.index(after: lower.startIndex)..<x]) else {
            return nil
        }
        return RequestNumber(sequence: sequence)
    }

    /// Whether the token is the one signed for this request and approver (constant-time compare).
    public func verify(_ token: String, request: RequestNumber, approver: EmailAddress) -> Bool {
        Self.constantTimeEqual(Array(token.lowercased().utf8), Array(approvalToken(request: request, approver: approver).utf8))
    }

    /// The reply token of one recipient on one case's or account's thread: `t<record>x<mac>`
    /// (`tcs0001234x…`), lower-case letters and digits only. A reply that carries it shows that
    /// its sender received the gateway's mail on that thread.
    public func replyToken(source: String, recipient: EmailAddress) -> String {
        let key = "\(source.uppercased())|\(recipient.value)"
        if let token = replyTokens.token(for: key) { return token }
        let token = "t\(source.lowercased())x" + mac("reply|\(key)")
        replyTokens.remember(token, for: key)
        return token
    }

    /// The case or account a reply token names, if it is shaped like one.
    public static func source(in token: String) -> String? {
        let lower = token.lowercased()
        guard lower.hasPrefix("t"), let x = lower.firstIndex(of: "x") else { return nil }
        let record = lower[lower.index(after: lower.startIndex)..<x]
        return record.isEmpty ? nil : record.uppercased()
    }

    /// Whether the token is the one signed for this thread and recipient (constant-time compare).
    public func verifyReplyToken(_ token: String, source: String, recipient: EmailAddress) -> Bool {
        Self.constantTimeEqual(Array(token.lowercased().utf8), Array(replyToken(source: source, recipient: recipient).utf8))
    }

    /// The local part of an outgoing Message-ID derived from `key` (what caused the mail and its
    /// place among that cause's mail): the same key gives the same ID, so a resend after a crash
    /// is the same mail, and nobody without the secret can compute it (a bounce or reply naming
    /// it must have seen the mail).
    public func messageIDLocalPart(for key: String) -> String {
        mac("message-id|\(key)")
    }

    /// The loop header value for an outgoing Message-ID.
    public func loopMark(messageID: String) -> String {
        mac("loop|\(messageID)")
    }

    /// Whether a loop header value was made by this gateway for this Message-ID.
    public func verifyLoopMark(_ value: String, messageID: String) -> Bool {
        Self.constantTimeEqual(Array(value.trimmingCharacters(in: .whitespaces).lowercased().utf8), Array(loopMark(messageID: messageID).utf8))
    }

    private func mac(_ material: String) -> String {
        var hmac = keyed.state
        hmac.update(data: Array(material.utf8))
        let code = hmac.finalize()
        return Base32.encode(Array(code).prefix(15))
    }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Tokens by what they sign, shared by the threads that render and read mail; emptied when it
/// grows past its bound, so it never holds more than a working set.
private final class TokenCache: Sendable {
    private static let capacity = 20_000
    private let tokens = Mutex<[String: String]>([:])

    func token(for key: String) -> String? {
        tokens.withLock { $0[key] }
    }

    func remember(_ token: String, for key: String) {
        tokens.withLock { tokens in
            if tokens.count >= Self.capacity { tokens.removeAll(keepingCapacity: true) }
            tokens[key] = token
        }
    }
}

/// Lower-case RFC 4648 base32 without padding.
enum Base32 {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }
}
