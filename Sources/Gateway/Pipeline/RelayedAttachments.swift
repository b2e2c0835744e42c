import Foundation
import MailComposing
import MailMessage

/// The files of an inbound mail that travel with its relayed words: in order while their bytes
/// fit in `[limits] max_attachment_bytes`; the rest are named to the recipient as left out.
struct RelayedAttachments {
    var kept: [OutgoingAttachment] = []
    /// "name (size)" of each file left out.
    var leftOut: [String] = []

    static let none = RelayedAttachments()

    init() {}

    init(_ mail: Mail, maxBytes: Int) {
        var used = 0
        for (index, part) in mail.attachments.enumerated() {
            let name = part.filename ?? "attachment-\(index + 1)"
            guard used + part.content.count <= maxBytes else {
                leftOut.append("\(name) (\(Self.size(part.content.count)))")
                continue
            }
            used += part.content.count
            kept.append(OutgoingAttachment(filename: name, contentType: part.contentType.value, content: part.content))
        }
    }

    /// A size as people read it: `820 bytes`, `14 KB`, `12.5 MB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1 << 20 { return "\(bytes / 1024) KB" }
        return String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }
}
