import EscalationCore
import EscalationValues
import Foundation
import Gateway
import GatewayTestSupport
import MailMessage
import MailReading
import Testing

/// Replies written as each mail client writes them (`Tests/Fixtures/client-mail`, made by
/// `make_client_mail.py`): the gateway reads the intent each one states, and its arguments.
@Suite struct ClientMailTests {
    struct Expectation: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var intent: String
        var arguments: [String: String]
        var testDescription: String { file }
    }

    static let folder = TestWorkspace.repository.appendingPathComponent("Tests/Fixtures/client-mail")

    static let expectations: [Expectation] = {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("expected.json").path) else { return [] }
        return (try? JSONDecoder().decode([Expectation].self, from: data)) ?? []
    }()

    @Test func theSetCoversEveryClientAndCommand() {
        #expect(Self.expectations.count >= 60)
        let names = Self.expectations.map(\.file).joined(separator: " ")
        for client in [
            "outlook-desktop", "outlook-web", "outlook-ios", "gmail-web", "gmail-app", "apple-mail", "iphone", "thunderbird", "yahoo", "html-only",
        ] {
            #expect(names.contains(client), "no \(client) mail")
        }
        let intents = Set(Self.expectations.map(\.intent))
        for intent in [
            "escalate", "escalate-account", "approve", "reject", "de-escalate", "severity", "trend", "watch", "unwatch", "link", "unlink", "assign",
            "comment", "unclear",
        ] {
            #expect(intents.contains(intent), "no mail for \(intent)")
        }
    }

    @Test(arguments: expectations)
    func intentIsRead(_ expectation: Expectation) throws {
        let raw = try Data(contentsOf: Self.folder.appendingPathComponent(expectation.file))
        let mail = try Mail(parsing: Array(raw))
        let understood = UnderstoodMail(mail: mail, gatewayAddress: EmailAddress("escalations@support.example")!, isOwn: { _ in nil })
        #expect(understood.automated == nil)
        #expect(understood.reading.name == expectation.intent, "reply text: \(understood.reply.text)")
        for (key, fragment) in expectation.arguments {
            let value = understood.reading.arguments[key] ?? ""
            #expect(value.lowercased().contains(fragment.lowercased()), "\(key) = \(value)")
        }
    }
}
