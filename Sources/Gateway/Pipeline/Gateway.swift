import EscalationCore
public import EscalationStore
import EscalationValues
public import Foundation
public import Logging
import MailComposing
import MailMessage
import MailReading

/// The pipeline: parse → understand → decide → store (with outbox) in one transaction per
/// mail; the outbox dispatcher and the SLA ticker run beside it.
public final class Gateway: Sendable {
    public let config: GatewayConfig
    public let store: Store
    let engine: EscalationEngine
    let composer: Composer
    /// The directory, read from the store record by record; a new import takes effect at the next batch.
    let directory: StoreDirectory
    let clock: @Sendable () -> Date
    let logger: Logger
    let signer: TokenSigner
    /// The signer's part in every outgoing mail, applied where the mail is rendered.
    let signature: OutgoingSignature
    /// Outbox mail of the batch in progress, rendered together before it commits.
    let renderQueue = RenderQueue()
    /// The worker slots that parsing and rendering share beside the applying thread.
    let spareWorkers = SpareWorkers()
    /// Counters and timings, every handle made here once.
    let metrics: GatewayMetrics
    /// The inbox's last cycles, for `/readyz`.
    public let inboxHealth = InboxHealth()
    /// When `[retention]` last ran.
    let retentionSchedule = RetentionSchedule()

    /// Wires the gateway once: templates compiled, the directory opened.
    public init(config: GatewayConfig, store: Store, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.config = config
        self.store = store
        self.logger = logger
        self.clock = clock
        engine = EscalationEngine(configuration: config.escalation)
        metrics = GatewayMetrics(severities: config.escalation.severities.map(\.name))
        composer = Composer(
            templates: try TemplateSet(overrides: config.templatesFolder), configuration: config.escalation,
            gateway: MailAddress(name: config.displayName, address: config.address.value), domain: config.domain)
        directory = try store.directoryLookup()
        signer = TokenSigner(secret: try SecretFile.loadOrCreate(path: config.security.tokenSecretFile))
        signature = OutgoingSignature(
            signer: signer, gatewayAddress: config.address, displayName: config.displayName, plusAddressing: config.security.plusAddressing)
    }

    /// Reads a mail without applying it (for `read`).
    public func understand(_ raw: [UInt8]) throws -> UnderstoodMail {
        let mail = try Mail(parsing: raw, limits: config.limits)
        return try store.read { session in UnderstoodMail(mail: mail, gatewayAddress: config.address, isOwn: ownMailCheck(session)) }
    }

    /// The header that marks the gateway's own mail, signed over its Message-ID.
    static let loopHeader = "X-Escalation-Loop"

    /// Recognises the gateway's own mail: from its address (or a plus-address of it), with a
    /// loop header it signed for that Message-ID, or with a Message-ID it stored when sending.
    /// Never by domain alone: staff share the domain.
    func ownMailCheck(_ session: StoreSession) -> (Mail) -> String? {
        let address = config.address
        let signer = self.signer
        return { mail in
            if let from = mail.from.flatMap({ EmailAddress($0.address) }), from.withoutPlusTag == address { return "from the gateway's address" }
            if let mark = mail.header.raw(Self.loopHeader), let id = mail.messageID, signer.verifyLoopMark(mark, messageID: id) {
                return "signed loop header"
            }
            if let id = mail.messageID, (try? session.isOwnMessageID(id)) == true { return "Message-ID sent by the gateway" }
            return nil
        }
    }
}
