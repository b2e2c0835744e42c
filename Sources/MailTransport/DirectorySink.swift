import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes each outgoing mail as an `.eml` file exactly as it would go on the wire, with an
/// added `X-Envelope-To:` header listing every envelope recipient. The file name carries the
/// outbox sequence and the Message-ID, so a resend after a crash overwrites, never duplicates.
public struct DirectorySink: MailSink {
    public let folder: URL

    public init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    public func deliver(_ envelope: Envelope) throws -> [RefusedRecipient] {
        let safeID = String(envelope.messageID.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        let name = String(format: "%06d-", envelope.sequence) + safeID + ".eml"
        let header = "X-Envelope-To: " + envelope.recipients.joined(separator: ", ") + "\r\n"
        let bytes = Data(header.utf8) + Data(envelope.raw)
        let temporary = folder.appendingPathComponent("." + name + ".tmp")
        try bytes.write(to: temporary)
        let descriptor = open(temporary.path, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
        let target = folder.appendingPathComponent(name)
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: temporary, to: target)
        return []
    }
}
