import MailMessage
import Testing

@testable import Gateway

/// A mail's identity is stored with its receipt, so it must never change between versions:
/// the SHA-256 of the defining headers (lower-case name, raw value) and the body, in hex.
@Suite struct MailIdentityTests {
    static let raw = Array("From: Jane <jane@acme.example>\r\nReceived: by x\r\nSubject: Hi\r\nMessage-ID: <x@y>\r\n\r\nbody line\r\n".utf8)

    @Test func theDedupeKeyIsTheHashOfTheDefiningHeadersAndTheBody() throws {
        let mail = try Mail(parsing: Self.raw)
        #expect(MailIdentity.dedupeKey(raw: Self.raw, mail: mail) == "27cbc438090f8cdc98774d38acdbb20fb52fc747b4010b5180bb25c12bca1cfe")
    }

    @Test func unparsedMailIsKnownByTheHashOfItsBytes() {
        #expect(MailIdentity.sha256(Self.raw) == "cba07c474bff193d2cc3bcd98b24d01634354e32669f3daa29ac967a90397506")
        #expect(MailIdentity.dedupeKey(raw: Self.raw, mail: nil) == MailIdentity.sha256(Self.raw))
    }
}

/// Tokens already mailed must verify after an upgrade: base32 as RFC 4648 writes it (lower case, no padding).
@Suite struct Base32Tests {
    @Test(arguments: [("", ""), ("f", "my"), ("fo", "mzxq"), ("foo", "mzxw6"), ("foob", "mzxw6yq"), ("fooba", "mzxw6ytb"), ("foobar", "mzxw6ytboi")])
    func encodesAsRFC4648(_ text: String, _ expected: String) {
        #expect(Base32.encode(Array(text.utf8)) == expected)
    }
}
