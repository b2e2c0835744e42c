import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `run` against a Dovecot and Postfix of its own, stopped by SIGTERM (as systemd stops it)
/// and by SIGINT (Ctrl-C) with a batch of mail in hand (`StopMidBatch`).
@Suite(.serialized) struct RealServerShutdownTests {
    @Test func sigtermWithFiveHundredMailsWaitingStopsAfterTheMailInHand() throws {
        let servers = try #require(try PrivateMailServers(), "the mail servers are not running: run Tests/scripts/test.sh")
        try StopMidBatch(mailbox: .imap(servers), count: 500, seed: 5151).run(stoppingWith: SIGTERM)
    }

    @Test func sigintStopsAfterTheMailInHandToo() throws {
        let servers = try #require(try PrivateMailServers(), "the mail servers are not running: run Tests/scripts/test.sh")
        try StopMidBatch(mailbox: .imap(servers), count: 200, seed: 5252).run(stoppingWith: SIGINT)
    }
}
