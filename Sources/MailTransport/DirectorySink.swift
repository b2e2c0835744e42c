import CFileSync
public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes each outgoing mail as an `.eml` file exactly as it would go on the wire, with an
/// added `X-Envelope-To:` header listing every envelope recipient. The file name carries the
/// outbox sequence and the Message-ID, so a resend after a crash overwrites, never duplicates;
/// files are made durable together, by one `syncfs` per batch.
public struct DirectorySink: MailSink {
    public let folder: URL

    public init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    public var redeliveryReplaces: Bool { true }

    public func deliver(_ envelope: Envelope) throws -> [RefusedRecipient] {
        let safeID = String(envelope.messageID.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        let name = String(format: "%06d-", envelope.sequence) + safeID + ".eml"
        let header = "X-Envelope-To: " + envelope.recipients.joined(separator: ", ") + "\r\n"
        let temporary = folder.appendingPathComponent("." + name + ".tmp")
        try (Data(header.utf8) + Data(envelope.raw)).write(to: temporary)
        guard rename(temporary.path, folder.appendingPathComponent(name).path) == 0 else {
            throw DeliveryError(permanent: false, message: "cannot rename \(temporary.path): \(String(cString: strerror(errno)))")
        }
        return []
    }

    /// Flushes the file system holding the folder: every file written and renamed so far.
    public func makeDurable() throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else {
            throw DeliveryError(permanent: false, message: "cannot open \(folder.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard syncfs(descriptor) == 0 else {
            throw DeliveryError(permanent: false, message: "syncfs \(folder.path): \(String(cString: strerror(errno)))")
        }
    }
}
