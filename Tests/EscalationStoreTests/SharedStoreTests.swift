import Foundation
import Testing

@testable import EscalationStore

/// Two instances on one PostgreSQL database, as two `Store`s: each sees the other's writes,
/// a mailbox's lease is held by one at a time and taken over once it runs out, work under a
/// lost lease commits nothing, and due outbox rows are sent by whichever instance claims them.
@Suite(.serialized) struct SharedStoreTests {
    /// Two stores on one new database (nil when no server runs; the caller drops it).
    private static func twoInstances() throws -> (database: PostgresTestDatabase, first: Store, second: Store)? {
        guard let database = try PostgresTestDatabase.make() else { return nil }
        return (database, try Store(location: .postgres(database.location)), try Store(location: .postgres(database.location)))
    }

    @Test func anAddressSuppressedByAnotherInstanceIsSeenAtOnce() throws {
        guard let (database, first, second) = try Self.twoInstances() else { return }
        defer { database.drop() }
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(try first.transaction { try $0.isSuppressed("gone@acme.example") } == false)
        _ = try second.transaction { try $0.suppress(address: "gone@acme.example", reason: "5.1.1", at: now) }
        #expect(try first.transaction { try $0.isSuppressed("gone@acme.example") } == true)
    }

    @Test func aMailboxIsLeasedToOneInstanceAtATime() throws {
        guard let (database, first, second) = try Self.twoInstances() else { return }
        defer { database.drop() }
        let ours = StoreLease(name: "mailbox:INBOX", owner: "first", seconds: 60)
        let theirs = StoreLease(name: "mailbox:INBOX", owner: "second", seconds: 60)
        #expect(try first.take(ours))
        #expect(try second.take(theirs) == false)
        #expect(try first.take(ours), "its holder renews it")
        try first.transaction(renewing: ours) { _ in }
        try first.release(ours)
        #expect(try second.take(theirs), "a released lease is free at once")
    }

    @Test func workUnderALeaseThatRanOutCommitsNothing() throws {
        guard let (database, first, second) = try Self.twoInstances() else { return }
        defer { database.drop() }
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let expired = StoreLease(name: "mailbox:INBOX", owner: "first", seconds: 0)
        #expect(try first.take(expired))
        #expect(try second.take(StoreLease(name: "mailbox:INBOX", owner: "second", seconds: 60)), "an expired lease is taken over")
        #expect {
            try first.transaction(renewing: expired) { session in
                _ = try session.suppress(address: "late@acme.example", reason: "5.1.1", at: now)
            }
        } throws: { $0 is StoreLeaseLost }
        #expect(try second.read { try $0.isSuppressed("late@acme.example") } == false)
    }

    @Test func dueOutboxRowsAreClaimedByOneInstanceEach() throws {
        guard let (database, first, second) = try Self.twoInstances() else { return }
        defer { database.drop() }
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        try first.transaction { session in
            for index in 1...5 {
                try session.enqueue(
                    NewOutboxMessage(
                        messageID: "m\(index)@support.example", kind: "work-note", source: nil, request: nil, recipients: ["jane@acme.example"],
                        subject: "Re: [CS0001234] Login fails", body: OutboxBody(compressing: Array("Subject: \(index)\r\n\r\nbody\r\n".utf8))),
                    at: now)
            }
        }
        let claimedFirst = try first.claimDueOutbox(at: now, for: 60, limit: 2).map(\.messageID)
        let claimedSecond = try second.claimDueOutbox(at: now, for: 60, limit: 10).map(\.messageID)
        #expect(claimedFirst == ["m1@support.example", "m2@support.example"])
        #expect(claimedSecond == ["m3@support.example", "m4@support.example", "m5@support.example"])
        #expect(try first.claimDueOutbox(at: now, for: 60, limit: 10).isEmpty, "claimed rows are nobody else's until the claim runs out")
        let later = now.addingTimeInterval(61)
        #expect(try second.claimDueOutbox(at: later, for: 60, limit: 10).count == 5, "rows of a claim that ran out are due again")
    }
}
