public import EscalationValues
import Foundation

/// What the reader made of a reply's new text (DESIGN.md, "Commands"): what it asks for, in the
/// core's vocabulary, and the name and arguments as written, which `read --json` shows.
public struct Reading: Hashable, Sendable {
    /// What a text asks for.
    public enum Request: Hashable, Sendable {
        /// A command for the core to apply.
        case command(Command)
        /// Staff ask what waits for their decision (`PENDING`, "my approvals"): answered by the
        /// gateway, nothing changes.
        case pending
        /// Text read as a command that cannot be applied as written (no text at all, a command
        /// word without a usable argument such as "TREND sideways", a subject-only doubt):
        /// nothing changes, and the sender is told what was understood and how to say it.
        case notUnderstood(understood: String, hint: String)
    }

    public var request: Request
    /// A stable name for JSON and logs: the command's name (`escalate-account`, `approve`…), or
    /// `pending`, `unclear` or `empty`.
    public var name: String
    /// The arguments as the text wrote them, for `read --json`.
    public var arguments: [String: String]

    /// A text that gives the command, with its arguments as written.
    init(_ command: Command, written arguments: [String: String] = [:]) {
        request = .command(command)
        name = command.name
        self.arguments = arguments
    }

    init(_ request: Request, name: String, arguments: [String: String] = [:]) {
        self.request = request
        self.name = name
        self.arguments = arguments
    }

    /// No text at all.
    public static let empty = Reading(
        .notUnderstood(understood: "an empty message", hint: "Write a command at the start of your reply."), name: "empty")

    /// `PENDING`.
    static let pending = Reading(.pending, name: "pending")

    /// Doubt or negation ("not approved", "I can't approve this yet") in `text`: nothing is
    /// applied; the text is kept as a message, and its sender told what was understood and how
    /// to say it. Without text (a subject alone) it is not understood.
    static func unclear(_ text: String, understood: String, hint: String) -> Reading {
        let request: Request =
            text.isEmpty
            ? .notUnderstood(understood: understood, hint: hint) : .command(.unclear(text: text, understood: understood, hint: hint))
        return Reading(request, name: "unclear", arguments: ["understood": understood, "hint": hint])
    }

    /// Whether the text asks to escalate the sender's account rather than a case.
    public var asksForAccount: Bool {
        if case .escalate(let arguments) = command { return arguments.type == .account }
        return false
    }

    /// What was understood and how to say it, for the sender of a text that gives no command
    /// to apply here.
    public var explanation: (understood: String, hint: String) {
        switch request {
        case .notUnderstood(let understood, let hint): (understood, hint)
        case .command(.unclear(_, let understood, let hint)): (understood, hint)
        case .command, .pending: (name, "")
        }
    }

    /// The command of the reading, when it gives one.
    public var command: Command? {
        if case .command(let command) = request { return command }
        return nil
    }
}
