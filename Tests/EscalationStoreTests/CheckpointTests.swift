import Foundation
import GRDB
import Testing

@testable import EscalationStore

/// Commits no longer checkpoint the write-ahead log themselves; the store's background
/// checkpointer must keep the log from growing with every batch, and leave the database file
/// holding what was committed.
@Suite struct CheckpointTests {
    @Test func theLogStaysSmallAndTheFileHoldsTheCommits() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gateway.sqlite").path
        let store = try Store(path: path)
        let batch = 2 * 1024 * 1024
        for round in 0..<12 {
            try store.transaction { session in
                try session.sqlite!.execute(sql: "CREATE TABLE IF NOT EXISTS filler(round INTEGER, bytes BLOB)")
                try session.sqlite!.execute(sql: "INSERT INTO filler VALUES (?, zeroblob(?))", arguments: [round, batch])
            }
            try store.waitForCheckpoints()
            let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            #expect(log < 3 * batch, "the log holds \(log) bytes after \(round + 1) batches of \(batch)")
        }
        let file = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(file > 12 * batch, "the database file holds \(file) bytes: the log was not copied into it")
    }
}
