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
    private var connection: IMAPConnection?
    private var hasMove = false
    private var hasIdle = false
    private(set) var uidValidity = 0

    public init(credentials: ServerCredentials, mailbox: String, processedFolder: String, failedFolder: String) {
        self.credentials = credentials
        self.mailbox = mailbox
        self.processedFolder = processedFolder
        self.failedFolder = failedFolder
    }

    public func fetch(limit: Int) throws -> [InboundMail] {
        try locked { connection in
            // A selected session sees mail delivered since the last command only after a sync.
            try connection.command("NOOP")
            let search = try connection.command("UID SEARCH ALL")
            let uids = search.flatMap { response -> [Int] in
                guard response.text.hasPrefix("* SEARCH") else { return [] }
                return response.text.dropFirst(8).split(separator: " ").compactMap { Int($0) }
            }.sorted().prefix(limit)
            guard !uids.isEmpty else { return [] }
            let responses = try connection.command("UID FETCH \(uids.map(String.init).joined(separator: ",")) (UID BODY.PEEK[])")
            return responses.compactMap { response -> InboundMail? in
                guard response.text.contains(" FETCH "), let raw = response.literals.first, let uid = Self.uid(in: response.text) else { return nil }
                return InboundMail(raw: raw, mailbox: mailbox, position: "imap:\(mailbox)/\(uidValidity)/\(uid)", uidValidity: uidValidity, uid: uid)
            }
            .sorted { ($0.uid ?? 0) < ($1.uid ?? 0) }
        }
    }

    public func settle(_ mail: InboundMail, as settlement: Settlement) throws {
        guard let uid = mail.uid else { return }
        let folder: String
        switch settlement {
        case .processed: folder = processedFolder
        case .failed: folder = failedFolder
        }
        try locked { connection in
            if hasMove {
                try connection.command("UID MOVE \(uid) \(Self.quoted(folder))")
            } else {
                try connection.command("UID COPY \(uid) \(Self.quoted(folder))")
                try connection.command("UID STORE \(uid) +FLAGS.SILENT (\\Deleted)")
                try connection.command("UID EXPUNGE \(uid)")
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
            let idled = try locked { connection -> Bool in
                guard hasIdle else { return false }
                var remaining = seconds
                while remaining > 0, !shouldStop() {
                    if try connection.idle(seconds: min(remaining, Self.idleSlice)) { break }
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

    /// Runs `work` on the open connection, opening it first; a failure drops the connection.
    private func locked<T>(_ work: (IMAPConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            let open = try connection ?? connect()
            connection = open
            return try work(open)
        } catch {
            connection = nil
            throw error
        }
    }

    private func connect() throws -> IMAPConnection {
        let connection = try IMAPConnection(credentials: credentials)
        let capabilities = try connection.command("CAPABILITY").map(\.text).joined(separator: " ").uppercased()
        hasMove = capabilities.contains(" MOVE")
        hasIdle = capabilities.contains(" IDLE")
        for folder in [processedFolder, failedFolder] {
            _ = try? connection.command("CREATE \(Self.quoted(folder))")
        }
        let selected = try connection.command("SELECT \(Self.quoted(mailbox))")
        for response in selected {
            if let range = response.text.range(of: "[UIDVALIDITY ") {
                uidValidity = Int(response.text[range.upperBound...].prefix { $0.isNumber }) ?? 0
            }
        }
        return connection
    }

    private static func uid(in text: String) -> Int? {
        guard let range = text.range(of: "UID ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
