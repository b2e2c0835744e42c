import EscalationStore
import Foundation
import GRDB
import GatewayTestSupport
import Testing

/// The writer keeps the ends of the threads it placed mail on; the References it gives are
/// always those the database holds: after many appends and known IDs, after a transaction that
/// rolled back, after another process wrote to the thread.
@Suite struct ThreadEndsTests {
    private struct Rollback: Error {}

    private func fresh(_ store: Store, _ source: String) throws -> [String] {
        try store.read { try $0.threadReferences(source: source) }
    }

    @Test func referencesFollowTheDatabase() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let store = try Store(path: workspace.folder.appendingPathComponent("threads.sqlite").path)
        let source = "CS0001234"
        try store.transaction { session in
            #expect(try session.threadReferences(source: source).isEmpty)
            for index in 1...20 {
                try session.recordThreadMessage("m\(index)@x", source: source, request: nil, recipient: nil, outbound: index.isMultiple(of: 2))
                try session.recordThreadMessage("m1@x", source: source, request: nil, recipient: nil, outbound: false)
                #expect(try session.threadReferences(source: source) == ["m1@x"] + (max(1, index - 10)...index).filter { $0 > 1 }.map { "m\($0)@x" })
            }
            try session.recordThreadMessage("other@x", source: "CS0009999", request: nil, recipient: nil, outbound: true)
        }
        #expect(try store.transaction { try $0.threadReferences(source: source) } == (try fresh(store, source)))
        #expect(try fresh(store, source) == ["m1@x"] + (10...20).map { "m\($0)@x" })

        #expect(throws: Rollback.self) {
            try store.transaction { session in
                try session.recordThreadMessage("lost@x", source: source, request: nil, recipient: nil, outbound: true)
                #expect(try session.threadReferences(source: source).last == "lost@x")
                throw Rollback()
            }
        }
        #expect(try store.transaction { try $0.threadReferences(source: source) }.last == "m20@x")

        let other = try DatabaseQueue(path: workspace.folder.appendingPathComponent("threads.sqlite").path)
        try other.write { db in
            try db.execute(
                sql: "INSERT INTO thread_message(message_id, source, outbound, sequence) VALUES ('elsewhere@x', ?, 1, 100)", arguments: [source])
        }
        try other.close()
        #expect(try store.transaction { try $0.threadReferences(source: source) }.last == "elsewhere@x")
        #expect(try store.transaction { try $0.threadReferences(source: source) } == (try fresh(store, source)))
    }
}
