import Dispatch
import EscalationCore
import EscalationStore
import EscalationValues
import MailMessage
import MailTransport
import Synchronization

/// A batch whose mails are prepared (parsed and read) on the other cores while the
/// transaction applies the ones already prepared, in order: applying mail 1 need not wait for
/// mail 500 to be parsed. The thread that applies prepares mails itself whenever it would
/// otherwise wait for one nobody has started, and whenever no spare worker is free. Whoever
/// prepares a mail also reads the directory records applying it will ask for (`warm`).
final class PreparingBatch: Sendable {
    private let inbound: [InboundMail]
    private let limits: ParseLimits
    private let gatewayAddress: EmailAddress
    private let directory: StoreDirectory
    /// The next mail nobody has started preparing.
    private let next = Atomic<Int>(0)
    private let slots: Slots<PreparedMail>
    private let ready: [DispatchSemaphore]

    /// Starts preparing `inbound` on the spare workers free now.
    init(_ inbound: [InboundMail], limits: ParseLimits, gatewayAddress: EmailAddress, directory: StoreDirectory, workers: SpareWorkers) {
        self.inbound = inbound
        self.limits = limits
        self.gatewayAddress = gatewayAddress
        self.directory = directory
        slots = Slots(count: inbound.count)
        ready = inbound.map { _ in DispatchSemaphore(value: 0) }
        for _ in inbound.indices {
            guard workers.start({ [self] in while let index = claim() { prepare(index) } }) else { break }
        }
    }

    var count: Int { inbound.count }

    /// Mail `index`, prepared; each index is asked for once, in order.
    func mail(at index: Int) -> PreparedMail {
        while next.load(ordering: .acquiring) <= index, let claimed = claim() { prepare(claimed) }
        ready[index].wait()
        return slots.take(index)
    }

    private func claim() -> Int? {
        let index = next.add(1, ordering: .acquiringAndReleasing).oldValue
        return index < inbound.count ? index : nil
    }

    private func prepare(_ index: Int) {
        let mail = PreparedMail(inbound: inbound[index], limits: limits, gatewayAddress: gatewayAddress)
        mail.warm(directory)
        slots.set(index, mail)
        ready[index].signal()
    }
}
