import EscalationStore
import Foundation
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

/// Hostile and broken mail (`Tests/Fixtures/malformed`, made by `make_malformed_mail.py`, plus
/// the huge cases built here): each ends applied, ignored, refused or failed with a reason, and
/// the same gateway goes on with the next.
@Suite struct MalformedMailTests {
    static let folder = TestWorkspace.repository.appendingPathComponent("Tests/Fixtures/malformed")

    /// 10,000 parts, 100 levels of nesting, and a 50 MB attachment.
    static func hugeCases() -> [(String, [UInt8])] {
        let header = "From: Jane Doe <jane@acme.example>\r\nTo: escalations@support.example\r\n"
        var parts = header + "Subject: ten thousand parts\r\nMessage-ID: <parts@acme.example>\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n"
        for index in 0..<10_000 { parts += "--p\r\nContent-Type: text/plain\r\n\r\npart \(index)\r\n" }
        parts += "--p--\r\n"
        var nested = header + "Subject: deep\r\nMessage-ID: <deep@acme.example>\r\n"
        for level in 0..<100 { nested += "Content-Type: multipart/mixed; boundary=n\(level)\r\n\r\n--n\(level)\r\n" }
        nested += "Content-Type: text/plain\r\n\r\nESCALATE CS0001234\r\n"
        var big = Array(
            (header
                + "Subject: fifty megabytes\r\nMessage-ID: <big@acme.example>\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nCOMMENT see attachment\r\n--a\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .utf8)
        let line = Array(String(repeating: "QUFB", count: 19).utf8) + [13, 10]
        big.reserveCapacity(52 * 1_048_576)
        while big.count < 50 * 1_048_576 { big += line }
        big += Array("--a--\r\n".utf8)
        return [("10000-parts", Array(parts.utf8)), ("100-levels", Array(nested.utf8)), ("50-mb-attachment", big)]
    }

    @Test func everyMalformedMailEndsWithAnOutcomeAndAReason() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files.count >= 100)
        var cases = try files.map { ($0, Array(try Data(contentsOf: Self.folder.appendingPathComponent($0)))) }
        cases += Self.hugeCases()
        var outcomes: [String: Int] = [:]
        for (name, raw) in cases {
            let outcome = try gateway.process(InboundMail(raw: raw, mailbox: "malformed", position: name))
            #expect(ReceiptOutcome.allCases.contains(outcome.outcome), "\(name): \(outcome.outcome)")
            #expect(!outcome.reason.isEmpty, "\(name) has no reason")
            outcomes[outcome.outcome.rawValue, default: 0] += 1
        }
        print("malformed mail: \(cases.count) tried, outcomes \(outcomes.sorted { $0.key < $1.key })")
        let failed = try gateway.failedMail()
        #expect(failed.contains { $0.position == "10000-parts" && $0.reason.contains("MIME parts") })
        #expect(failed.contains { $0.position == "100-levels" && $0.reason.contains("nesting") })
        #expect(
            try gateway.process(
                InboundMail(raw: try workspace.sample("02-rejected-then-reescalated/01-bob-escalates.eml"), mailbox: "t", position: "after")
            ).outcome == .applied)
    }
}
