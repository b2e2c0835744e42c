import EscalationCore
import EscalationValues
import Foundation
import Gateway
import Synchronization
import Testing

/// Tokens are HMAC-SHA256 of their material under the gateway's secret, the first 15 bytes in
/// base32; the keyed state is made once and shared by every thread that signs.
@Suite struct TokenSignerTests {
    private static let signer = TokenSigner(secret: Array(0..<32))
    private static let dana = EmailAddress("dana@support.example")!

    /// The figures are Python's `hmac.new(bytes(range(32)), material, sha256)`, base32-encoded.
    @Test func tokensAreTheHMACOfTheirMaterial() {
        #expect(Self.signer.approvalToken(request: RequestNumber(sequence: 1001), approver: Self.dana) == "r1001xw3ve2aurduxtruebr6g6qoa4")
        #expect(Self.signer.loopMark(messageID: "abc@support.example") == "zii5axk7tvqsgdm7jwtgespf")
    }

    @Test func threadsSigningAtOnceGetTheTokensOneThreadGets() {
        let requests = (1..<400).map { RequestNumber(sequence: 1000 + $0) }
        let expected = requests.map { Self.signer.approvalToken(request: $0, approver: Self.dana) }
        let mismatches = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for (request, token) in zip(requests, expected) where Self.signer.approvalToken(request: request, approver: Self.dana) != token {
                mismatches.add(1, ordering: .relaxed)
            }
        }
        #expect(mismatches.load(ordering: .relaxed) == 0)
        #expect(Set(expected).count == expected.count, "every request has its own token")
    }
}
