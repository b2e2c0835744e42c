import MailTransport
import MailTransportCurl
import Testing

/// A server that is down is an error the run loop logs and retries, never a crash.
@Suite struct UnreachableServerTests {
    @Test func anIMAPServerThatRefusesTheConnectionIsAnError() {
        let source = IMAPSource(
            credentials: ServerCredentials(url: "imap://127.0.0.1:1/INBOX", user: "nobody", password: "secret", caFile: nil, security: .startTLS),
            mailbox: "INBOX", processedFolder: "Processed", failedFolder: "Failed")
        for _ in 0..<2 {
            #expect(throws: CurlError.self) { try source.fetch(limit: 10) }
        }
    }
}
