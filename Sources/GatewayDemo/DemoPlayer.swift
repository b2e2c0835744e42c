import EscalationCore
import EscalationStore
public import Foundation
public import Gateway
import MailMessage
import MailTransport

/// Plays the sample conversations: feeds each person's mail in turn through the configured
/// inbox, runs one gateway cycle after each, and prints a transcript.
public struct DemoPlayer {
    let gateway: Gateway
    let clock: VirtualClock
    let output: (String) -> Void

    public init(gateway: Gateway, clock: VirtualClock, output: @escaping (String) -> Void) {
        self.gateway = gateway
        self.clock = clock
        self.output = output
    }

    /// Plays every conversation folder under `folder` in name order.
    public func play(conversations folder: URL) throws {
        guard case .directory(let inbox) = gateway.config.inbound[0].source else {
            throw ConfigError(file: gateway.config.file.path, key: "inbound.kind", expected: "\"directory\" for the demo")
        }
        let source = try DirectorySource(folder: inbox)
        let sink = try gateway.config.makeSink()
        let flows = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.hasDirectoryPath }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var sequence = 0
        for flow in flows {
            output("\n=== \(flow.lastPathComponent) ===")
            let steps = try FileManager.default.contentsOfDirectory(at: flow, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            for file in steps {
                sequence += 1
                let step = try DemoStep(file: file)
                if let wait = step.wait {
                    clock.advance(by: wait.seconds)
                    output("… \(wait) later")
                    try showTimedMail()
                }
                clock.advance(by: 60)
                var raw = step.raw
                if let template = step.answers {
                    guard let original = try latestMail(template: template, to: step.mail.from?.address ?? "") else {
                        output("! \(file.lastPathComponent): no \(template) mail to answer")
                        continue
                    }
                    raw = step.reply(to: original, sequence: sequence, date: clock.now())
                }
                let sent = try Mail(parsing: raw)
                output("→ \(sent.from?.address ?? "?") writes: \(sent.subject)")
                for line in (sent.textBody ?? "").split(separator: "\n").prefix(3) where !line.hasPrefix(">") {
                    output("    \(line.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
                try Data(raw).write(to: inbox.appendingPathComponent(String(format: "%04d.eml", sequence)))
                for outcome in try gateway.cycle(source: source, sink: sink) {
                    output("  gateway: \(outcome.outcome) (\(outcome.reason))" + (outcome.escalation.map { " \($0)" } ?? ""))
                    for mail in outcome.sent {
                        output("  ← \(mail.template) to \(mail.to.joined(separator: ", ")): \(mail.subject)")
                    }
                }
            }
        }
    }

    /// Runs the timed pass (SLA events, approval reminders and timeouts) at the new time and
    /// prints the mail it queued.
    private func showTimedMail() throws {
        let before = Set(try gateway.outbox().map(\.id))
        try gateway.tickSLAs()
        for message in try gateway.outbox().reversed() where !before.contains(message.id) {
            output("  ← \(message.kind) to \(message.recipients.joined(separator: ", ")): \(message.subject)")
        }
    }

    private func latestMail(template: String, to address: String) throws -> Mail? {
        let message = try gateway.outbox().first { $0.kind == template && $0.recipients.contains(address.lowercased()) }
        return try message.map { try Mail(parsing: $0.raw) }
    }
}
