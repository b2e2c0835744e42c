import EscalationCore
public import EscalationStore
import EscalationValues
public import Foundation
public import Logging
import MailComposing
import MailMessage
import Synchronization

/// The gateway wired once: the services a mail passes through, each with one job, built here
/// and nowhere else, and the entry points the commands call (`Gateway+EntryPoints`).
///
/// A mail flows one way (README, "How a mail flows"): `InboxDrainer` fetches it from its
/// source; `MailProcessor` parses, reads, classifies, decides and stores it, one transaction
/// per batch; `OutboxWriter` turns the decision's notices into outbox rows in that transaction;
/// once the batch committed, `InboxDrainer` settles the mail on its source; `OutboxDispatcher`
/// hands the due rows to the sink. Beside them, `SLATicker` writes what fell due through the
/// same `OutboxWriter`, and `RetentionPurger` removes old raw mail; `Administration` and
/// `Reporting` serve the commands and the dashboard. A service holds only those it hands work
/// to, and none holds one that holds it.
public final class Gateway: Sendable {
    public let config: GatewayConfig
    public let store: Store
    let logger: Logger
    let clock: @Sendable () -> Date
    /// The directory, read from the store record by record; a new import takes effect at the next batch.
    let directory: StoreDirectory
    /// Counters and timings, every handle made here once.
    let metrics: GatewayMetrics
    /// The inbox's last cycles, for `/readyz`.
    public let inboxHealth = InboxHealth()

    let processor: MailProcessor
    let drainer: InboxDrainer
    let dispatcher: OutboxDispatcher
    let slaTicker: SLATicker
    let retention: RetentionPurger
    let administration: Administration
    let reporting: Reporting
    /// Which mailboxes and timed work this instance does when several share the store.
    let leases: LeaseKeeper
    /// Set by each cycle: whether it stopped for its time (`usedItsTime`).
    let lastCycleUsedItsTime = Atomic<Bool>(false)

    /// Wires the gateway once: templates compiled, the directory opened, every service built.
    public convenience init(config: GatewayConfig, store: Store, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        try self.init(config: config, store: store, logger: logger, clock: clock, workers: BatchExecutor.spareCores)
    }

    /// The gateway with batches run on at most `workers` worker threads beside the applying one
    /// (`BatchExecutor`; 0: all on the applying thread).
    init(config: GatewayConfig, store: Store, logger: Logger, clock: @escaping @Sendable () -> Date, workers: Int) throws {
        self.config = config
        self.store = store
        self.logger = logger
        self.clock = clock
        let engine = EscalationEngine(configuration: config.escalation)
        let metrics = GatewayMetrics(severities: config.escalation.severities.map(\.name))
        self.metrics = metrics
        let composer = Composer(
            templates: try TemplateSet(overrides: config.templatesFolder), configuration: config.escalation,
            gateway: MailAddress(name: config.displayName, address: config.address.value), domain: config.domain)
        let directory = try store.directoryLookup()
        self.directory = directory
        let signer = TokenSigner(secret: try SecretFile.loadOrCreate(path: config.security.tokenSecretFile))
        let signature = OutgoingSignature(
            signer: signer, gatewayAddress: config.address, displayName: config.displayName, plusAddressing: config.security.plusAddressing)
        let ownMail = OwnMailCheck(address: config.address, signer: signer)

        let outbox = OutboxWriter(
            config: config, directory: directory, signer: signer, composer: composer, signature: signature, compression: store.outboxCompression)
        processor = MailProcessor(
            config: config, store: store, engine: engine, directory: directory, signer: signer, ownMail: ownMail, outbox: outbox,
            composer: composer, signature: signature, workers: workers, metrics: metrics, logger: logger, clock: clock)
        drainer = InboxDrainer(processor: processor, metrics: metrics, logger: logger)
        dispatcher = OutboxDispatcher(
            config: config, store: store, directory: directory, outbox: outbox, metrics: metrics, logger: logger, clock: clock)
        slaTicker = SLATicker(
            config: config, store: store, engine: engine, directory: directory, outbox: outbox, metrics: metrics, logger: logger, clock: clock)
        retention = RetentionPurger(policy: config.retention, store: store, logger: logger, clock: clock)
        administration = Administration(
            config: config, store: store, directory: directory, templates: composer.templates, processor: processor, logger: logger, clock: clock)
        reporting = Reporting(config: config, store: store, directory: directory, signer: signer, ownMail: ownMail, clock: clock)
        leases = LeaseKeeper(store: store, leaseSeconds: Double(config.leaseTime.seconds), logger: logger)
    }
}
