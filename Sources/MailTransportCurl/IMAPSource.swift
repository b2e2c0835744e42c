internal import EscalationValues
import Foundation
public import MailTransport

/// Inbound mail from an IMAP folder (`[inbound] kind = "imap"`): `UID SEARCH` then batched
/// `UID FETCH … BODY.PEEK[]` over one kept connection; after a mail's transaction committed it
/// is moved to the processed or failed folder (`UID MOVE`, or COPY + `\Deleted` + `UID EXPUNGE`).
/// A broken connection is dropped and made again on the next call.
public final class IMAPSource: MailSource, @unchecked Sendable {
    private let credentials: ServerCredentials
    private let mailbox: String
    private let processedFolder: String
    private let failedFolder: String
    private let lock = NSLock()
    private var session: Session?

    /// An open connection with the mailbox selected, and what the server said it offers.
    private struct Session {
        let connection: IMAPConnection
        let uidValidity: UIDValidity
        let hasMove: Bool
        let hasIdle: Bool
    }

    public init(credentials: ServerCredentials, mailbox: String, processedFolder: String, failedFolder: String) {
        self.credentials = credentials
        self.mailbox = mailbox
        self.processedFolder = processedFolder
        self.failedFolder = failedFolder
    }

    public func fetch(limit: Int) throws -> [InboundMail] {
        try locked { session in
            // A selected session sees mail delivered since the last command only after a sync.
            try session.connection.command("NOOP")
            let uids = try session.connection.command("UID SEARCH ALL").flatMap { response -> [UID] in
                guard case .search(let numbers) = response else { return [] }
                // The parser lets no 0 through, so every number is a UID.
                return numbers.compactMap(UID.init(rawValue:))
            }.sorted().prefix(limit)
            guard !uids.isEmpty else { return [] }
            let responses = try session.connection.command("UID FETCH \(uids.map(\.description).joined(separator: ",")) (UID BODY.PEEK[])")
            let fetched = try responses.compactMap { response -> (uid: UID, raw: [UInt8])? in
                // A FETCH without the message only tells of changed flags.
                guard case .fetch(_, let attributes) = response, let raw = attributes.message else { return nil }
                guard let uid = attributes.uid else { throw CurlError(message: "IMAP UID FETCH: the server sent a message without its UID") }
                return (uid, raw)
            }
            return fetched.sorted { $0.uid < $1.uid }.map { mail in
                InboundMail(
                    raw: mail.raw, mailbox: mailbox, position: "imap:\(mailbox)/\(session.uidValidity)/\(mail.uid)",
                    imapPosition: IMAPPosition(uidValidity: session.uidValidity, uid: mail.uid))
            }
        }
    }

    public func settle(_ mail: InboundMail, as settlement: Settlement) throws {
        guard let position = mail.imapPosition else { return }
        let folder: String
        switch settlement {
        case .processed: folder = processedFolder
        case .failed: folder = failedFolder
        }
        try locked { session in
            // Under another UIDVALIDITY the same UID may be another mail: leave it where it is; the
            // next fetch reads it again and its receipt tells that it was already taken.
            guard position.uidValidity == session.uidValidity else {
                let change = "UIDVALIDITY changed from \(position.uidValidity) to \(session.uidValidity)"
                throw CurlError(message: "IMAP \(mailbox): \(change); UID \(position.uid) not moved")
            }
            let uid = position.uid
            if session.hasMove {
                try session.connection.command("UID MOVE \(uid) \(Self.quoted(folder))")
            } else {
                try session.connection.command("UID COPY \(uid) \(Self.quoted(folder))")
                try session.connection.command("UID STORE \(uid) +FLAGS.SILENT (\\Deleted)")
                try session.connection.command("UID EXPUNGE \(uid)")
            }
        }
    }

    /// Waits in IMAP IDLE where the server offers it, so new mail is seen within milliseconds;
    /// otherwise (or after a failure, which drops the connection) it simply waits.
    /// How long one IDLE lasts before DONE. Dovecot holds back what IDLE pushes by 500 ms
    /// (`NOTIFY_DELAY_MSECS`), but looks at the mailbox at once when IDLE ends: short IDLEs see
    /// new mail within about this slice, at the cost of a few round trips a second.
    static let idleSlice = 0.2

    public func waitForNewMail(seconds: Double, shouldStop: @Sendable () -> Bool) {
        let start = Date()
        do {
            let idled = try locked { session -> Bool in
                guard session.hasIdle else { return false }
                var remaining = seconds
                while remaining > 0, !shouldStop() {
                    if try session.connection.idle(seconds: min(remaining, Self.idleSlice)) { break }
                    remaining = seconds - Date().timeIntervalSince(start)
                }
                return true
            }
            if idled { return }
        } catch {
            // The next fetch reconnects and reports the cause; wait out the rest here.
        }
        let until = start.addingTimeInterval(seconds)
        while !shouldStop(), Date() < until { Thread.sleep(forTimeInterval: 0.1) }
    }

    /// Runs `work` on the open session, opening it first; a failure drops the connection.
    private func locked<T>(_ work: (Session) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            let open = try session ?? connect()
            session = open
            return try work(open)
        } catch {
            session = nil
            throw error
        }
    }

    private func connect() throws -> Session {
        let connection = try IMAPConnection(credentials: credentials)
        let capabilities = Set(
            try connection.command("CAPABILITY").flatMap { response -> [String] in
                guard case .capability(let capabilities) = response else { return [] }
                return capabilities
            })
        for folder in [processedFolder, failedFolder] {
            _ = try? connection.command("CREATE \(Self.quoted(folder))")
        }
        var uidValidity: UIDValidity?
        for response in try connection.command("SELECT \(Self.quoted(mailbox))") {
            if case .condition(let condition) = response, case .uidValidity(let validity) = condition.code { uidValidity = validity }
        }
        // RFC 3501 §6.3.1 requires it: without it no UID could be trusted to name the same mail later.
        guard let uidValidity else { throw CurlError(message: "IMAP SELECT \(mailbox): the server sent no UIDVALIDITY") }
        return Session(
            connection: connection, uidValidity: uidValidity, hasMove: capabilities.contains("MOVE"), hasIdle: capabilities.contains("IDLE"))
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
