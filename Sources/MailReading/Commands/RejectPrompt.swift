import MailMessage

/// The text the Reject link pre-fills in the body of its mail (`REJECT [ref:…]` is its subject):
/// a prompt for the approver's reason, which the reader takes out again, so that the requester
/// is told the reason as the approver wrote it and never the prompt.
public enum RejectPrompt {
    /// The prompt, as the link's `body=` carries it.
    public static let text = "Reason for rejecting: "

    /// The text with the prompt taken out where a line starts with it (in any case, as clients
    /// keep it), or nil when no line does.
    static func removed(from text: String) -> String? {
        // Every reply is asked; almost none holds the prompt, and only a text that holds its
        // bytes (ASCII, in any case: no other character lower-cases to one of them) can.
        guard text.hasAny(promptBytes) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: startsWithPrompt) else { return nil }
        let line = lines[index].drop { $0 == " " || $0 == "\t" }
        lines[index] = line.dropFirst(label.count).drop { $0 == " " || $0 == "\t" }
        return lines.joined(separator: "\n").trimmedSpace
    }

    private static let label = text.trimmedBlanks
    private static let promptBytes = NeedleSet([label], ignoringCase: true)

    private static func startsWithPrompt(_ line: Substring) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.prefix(label.count).lowercased() == label.lowercased()
    }
}
