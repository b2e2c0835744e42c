import EscalationCore
import EscalationValues
import Foundation
import MailReading

/// Turns what was read from mail into a core command, or explains why it is none.
enum CommandMapping {
    /// The command of an intent; `text` is the reply's new text, which unclear text carries as a message.
    static func command(for intent: Intent, source: EscalationSource, text: String) -> Command? {
        switch intent {
        case .escalate(_, let reason, let justification, let severity, let cases):
            return .escalate(
                EscalateArguments(
                    type: source.type, reason: reason, justification: justification, severity: severity,
                    linkedCases: cases.compactMap(CaseNumber.init)))
        case .approve: return .approve
        case .reject(let reason): return .reject(reason: reason)
        case .deescalate(let reason): return .deescalate(reason: reason)
        case .severity(let level): return level.isEmpty ? nil : .severity(level)
        case .trend(let value): return Trend(words: value).map(Command.trend)
        case .watch(let address): return plainAddress(address).map(Command.watch)
        case .unwatch(let address): return plainAddress(address).map(Command.unwatch)
        case .link(let number): return CaseNumber(number).map(Command.link)
        case .unlink(let number): return CaseNumber(number).map(Command.unlink)
        case .assign(let address): return plainAddress(address).map(Command.assign)
        case .comment(let text): return .comment(text)
        case .withdraw: return .withdraw
        case .note(let text): return .note(text)
        case .unclear(let understood, let hint): return text.isEmpty ? nil : .unclear(text: text, understood: understood, hint: hint)
        case .empty, .pending: return nil
        }
    }

    /// The address a WATCH, UNWATCH or ASSIGN names: a plain addr-spec, optionally in angle brackets.
    private static func plainAddress(_ text: String) -> EmailAddress? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("<"), text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        return EmailAddress(plainAddrSpec: text)
    }

    /// What was understood and how to say it, for intents that are no command.
    static func explanation(for intent: Intent) -> (understood: String, hint: String) {
        switch intent {
        case .unclear(let understood, let hint): return (understood, hint)
        case .empty: return ("an empty message", "Write a command at the start of your reply.")
        case .trend: return ("TREND", "TREND improving, TREND unchanged or TREND worsening")
        case .watch, .unwatch, .assign: return (intent.name.uppercased(), "\(intent.name.uppercased()) followed by a mail address")
        case .link, .unlink: return (intent.name.uppercased(), "\(intent.name.uppercased()) followed by a case number, e.g. CS0001234")
        default: return (intent.name, "")
        }
    }
}
