import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

/// With `[policy] allow_domain_contacts`, an unlisted sender of an account's domain is a
/// contact everywhere the gateway decides: their unclear mail is answered as a contact's (not
/// as a stranger's), on a case and without one.
@Suite struct DomainContactTests {
    private func mail(_ subject: String, _ body: String, id: String) -> [UInt8] {
        Array(
            """
            From: Lee Newcomer <lee@acme.example>\r
            To: escalations@support.example\r
            Subject: \(subject)\r
            Message-ID: <\(id)>\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\r

            """.utf8)
    }

    @Test func unclearMailOfADomainContactIsNotAStrangersMail() throws {
        let workspace = try TestWorkspace(replacing: [
            ("reescalation_cooldown = \"30m\"", "reescalation_cooldown = \"30m\"\nallow_domain_contacts = true")
        ])
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()

        let onCase = try gateway.process(InboundMail(raw: mail("CS0001234", "TREND sideways", id: "lee-1@acme.example"), mailbox: "t", position: "1"))
        #expect(onCase.outcome == .refused)
        #expect(onCase.sent.map(\.template) == ["not-understood"])
        #expect(onCase.sent.first?.to == ["lee@acme.example"])

        let noCase = try gateway.process(InboundMail(raw: mail("Hello", "Can you help?", id: "lee-2@acme.example"), mailbox: "t", position: "2"))
        #expect(noCase.outcome == .refused)
        #expect(noCase.sent.map(\.template) == ["not-understood"])

        let stranger = try gateway.process(
            InboundMail(
                raw: Array(
                    String(decoding: mail("CS0001234", "TREND sideways", id: "m-1@elsewhere.example"), as: UTF8.self)
                        .replacingOccurrences(of: "lee@acme.example", with: "mallory@elsewhere.example").utf8), mailbox: "t", position: "3"))
        #expect(stranger.sent.map(\.template) == ["unknown-sender"])
    }
}
