import Foundation
import MailMessage

/// `NOTE <text>` at the start of a reply, or a first line `Internal:`: text for the staff only
/// (DESIGN.md, "Commands"). Read before any other command, so that an internal note quoting a
/// command word ("NOTE customer asked us to escalate") is never that command. The word NOTE
/// counts in capitals only: "Note that the fix ships Friday" is written to the customer.
enum InternalNote {
    /// The note's text, or nil when the reply is no internal note.
    static func text(of body: String) -> String? {
        // Every reply is asked: one that starts with neither marker's ASCII bytes (no other
        // character lower-cases to a letter of "internal") is none, without a walk over its first line.
        guard mayStartWithMarker(body) else { return nil }
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

    private static let internalBytes = Array("internal".utf8)

    private static func mayStartWithMarker(_ body: String) -> Bool {
        let head = body.utf8.prefix(internalBytes.count)
        return head.starts(with: "NOTE".utf8) || head.elementsEqual(internalBytes) { $0 | 0x20 == $1 }
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmedSpace
        return trimmed.isEmpty ? nil : trimmed
    }
}
