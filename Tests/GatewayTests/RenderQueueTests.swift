import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import GatewayTestSupport
import MailComposing
import Testing

@testable import Gateway

/// The batch's outbox mail rendered beside it: every row that counts gets its rendering exactly
/// once, whether taken between mails or at the end, and a row rolled back gets none, also when a
/// worker had rendered it already.
@Suite struct RenderQueueTests {
    /// An unknown-sender answer to customer `index`, as the engine writes them.
    private static func job(_ index: Int) -> RenderQueue.Job {
        let notice = Notice(.unknownSender, to: [EmailAddress("customer-\(index)@acme.example")!], source: nil)
        return RenderQueue.Job(
            notice: notice, messageID: "m\(index)@support.example", placement: ThreadPlacement(inReplyTo: nil, references: []), replyTo: nil,
            context: [:], extraHeaders: [], date: Date(timeIntervalSince1970: 1_795_000_000))
    }

    private func withQueue(_ body: (RenderQueue) throws -> Void) throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let gateway = try workspace.gateway()
        let queue = RenderQueue()
        queue.begin(
            composer: gateway.processor.composer, directory: gateway.directory, signature: gateway.processor.signature,
            workers: SpareWorkers(count: 1))
        defer { queue.stop() }
        try body(queue)
    }

    @Test func everyRowIsFilledOnceWhetherTakenBetweenMailsOrAtTheEnd() throws {
        try withQueue { queue in
            var filled: [Int64] = []
            for index in 0..<40 {
                queue.add(Self.job(index), outboxID: Int64(index))
                if index % 5 == 4 { filled += queue.takeFinished().map(\.outboxID) }
            }
            queue.finish { filled.append($0.outboxID) }
            #expect(filled.sorted() == (0..<40).map(Int64.init))
        }
    }

    @Test func rowsRolledBackGetNoRenderingEvenWhenAlreadyRendered() throws {
        try withQueue { queue in
            for index in 0..<24 { queue.add(Self.job(index), outboxID: Int64(index)) }
            let kept = 10
            // The worker started at the eighth job renders all that wait, most before the
            // rollback below; whatever it had not rendered yet is dropped unrendered.
            Thread.sleep(forTimeInterval: 0.5)
            queue.truncate(to: kept)
            #expect(queue.count == kept)
            var filled = queue.takeFinished()
            queue.finish { filled.append($0) }
            #expect(filled.map(\.outboxID).sorted() == (0..<Int64(kept)).map { $0 })
            #expect(filled.allSatisfy { $0.messageID == "m\($0.outboxID)@support.example" && !$0.rendered.body.stored.isEmpty })
        }
    }
}
