import Foundation

/// One mail read from standard input, as an MTA pipe delivers it. Settling does nothing:
/// the MTA owns the message, and the receipt in the database records the outcome.
public final class StandardInputSource: MailSource, @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [InboundMail]

    public init(raw: [UInt8]) {
        pending = [InboundMail(raw: raw, mailbox: "stdin", position: "stdin")]
    }

    public func fetch(limit: Int) throws -> [InboundMail] {
        lock.lock()
        defer { lock.unlock() }
        let taken = Array(pending.prefix(limit))
        pending.removeFirst(taken.count)
        return taken
    }

    public func settle(_ mail: InboundMail, as settlement: Settlement) throws {}
}
