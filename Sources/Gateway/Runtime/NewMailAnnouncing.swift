import MailTransport
import MailTransportCurl

/// A source that can wait for new mail itself and return as soon as some arrives (IMAP IDLE),
/// or once `shouldStop` says so. `run` waits in such a source between cycles; for any other it
/// sleeps out the poll interval, and a graceful shutdown cuts the sleep short.
protocol NewMailAnnouncing: MailSource {
    /// Waits up to `seconds` for new mail, asking `shouldStop` between short waits.
    func waitForNewMail(seconds: Double, shouldStop: @Sendable () -> Bool)
}

extension IMAPSource: NewMailAnnouncing {}
