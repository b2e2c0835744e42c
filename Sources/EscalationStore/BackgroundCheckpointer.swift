import Foundation
import GRDB
import Synchronization

/// Copies committed pages from the write-ahead log into the database file on a connection and
/// thread of its own, after each commit.
///
/// SQLite otherwise checkpoints inside the commit that passes 1,000 log pages: that commit then
/// also writes those pages into the database file and waits for its fsync, while the batch
/// behind it waits. A passive checkpoint runs beside the writer and its readers; the log is
/// restarted by the first write after one that copied everything. Nothing durable depends on
/// it: a commit is durable once its log is synced, and an interrupted checkpoint is redone.
final class BackgroundCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "EscalationStore.checkpoint", qos: .utility)
    private let scheduled = Atomic<Bool>(false)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Schedules a checkpoint unless one is waiting to start; failures (another checkpoint
    /// running, a full disk) leave the pages in the log for the next one.
    func afterCommit() {
        guard scheduled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        queue.async { [self] in
            scheduled.store(false, ordering: .releasing)
            try? connection.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        }
    }

    /// Waits until the checkpoints scheduled so far have run.
    func waitUntilIdle() {
        queue.sync {}
    }
}
