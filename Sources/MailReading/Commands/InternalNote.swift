import Foundation
import MailMessage

/// `NOTE <text>` at the start of a reply, or a first line `Internal:`: text for the staff only
/// (DESIGN.md, "Commands"). Read before any other command, so that an internal note quoting a
/// command word ("NOTE customer asked us to escalate") is never that command. The word NOTE
/// counts in capitals only: "Note that the fix ships Friday" is written to the customer.
enum InternalNote {
    /// The note's text, or nil when the reply is no internal note.
    static func text(of body: String) -> String? {
        let firstLine = body.prefix { $0 != "\n" }
        let lowered = firstLine.lowercased()
        for marker in ["internal note:", "internal:"] where lowered.hasPrefix(marker) {
            return nonEmpty(String(body.dropFirst(marker.count)))
        }
        for marker in ["NOTE:", "NOTE ", "NOTE\t"] where firstLine.hasPrefix(marker) {
            return nonEmpty(String(body.dropFirst(marker.count)))
        }
        return nil
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmedSpace
        return trimmed.isEmpty ? nil : trimmed
    }
}
