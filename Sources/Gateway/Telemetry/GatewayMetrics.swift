import EscalationCore
import EscalationStore
import Metrics

/// The gateway's metrics (swift-metrics), every handle made once when the gateway is wired:
/// counting a mail picks handles by index and adds to them, never building labels or strings.
/// Without a metrics backend (no `[http]`) every handle is a no-op. The names and labels are a
/// contract, listed in the README; every label value comes from a bounded set.
final class GatewayMetrics: Sendable {
    /// `escalation_gateway_mails_total{outcome,reason}`, by outcome, then by reason code.
    private let mails: [ReceiptOutcome: [String: Counter]]
    private let matches: [String: Counter]
    private let intents: [String: Counter]
    /// `escalation_gateway_approvals_total{decision,outcome}`: approve/reject, applied/refused.
    private let approvals: [String: [ReceiptOutcome: Counter]]
    private let refusedDecisions: [String: Counter]
    private let relayed: [String: Counter]
    private let deliveries: [DeliveryResult: [ReplyClass: Counter]]
    private let bounces: [Bool: Counter]
    private let suppressions: Counter
    private let slaEvents: [String: Counter]
    private let batchSize: Recorder
    private let applySeconds: Timer
    private let sendSeconds: Timer
    private let cycleSeconds: Timer
    private let cycles: [Bool: Counter]

    /// The intents as `process --json` names them.
    static let intentNames = [
        "escalate", "escalate-account", "approve", "reject", "de-escalate", "severity", "trend", "watch", "unwatch", "link", "unlink", "assign",
        "comment", "withdraw", "pending", "note", "unclear", "empty", "none",
    ]
    static let matchMethods = ["reply-token", "in-reply-to", "subject-tag", "body-number", "sender-account"]
    static let relayedKinds = [Notice.Kind.customerMessage, .staffMessage, .internalNote].map(\.rawValue)
    static let slaTargets = ["response", "update", "resolution"]

    init(severities: [String]) {
        func counters(_ label: String, _ key: String, _ values: [String]) -> [String: Counter] {
            Dictionary(uniqueKeysWithValues: values.map { ($0, Counter(label: label, dimensions: [(key, $0)])) })
        }
        mails = Dictionary(
            uniqueKeysWithValues: ReceiptOutcome.allCases.map { outcome in
                (
                    outcome,
                    Dictionary(
                        uniqueKeysWithValues: MailReasonCode.all.map {
                            ($0, Counter(label: "escalation_gateway_mails_total", dimensions: [("outcome", outcome.rawValue), ("reason", $0)]))
                        })
                )
            })
        matches = counters("escalation_gateway_thread_matches_total", "method", Self.matchMethods)
        intents = counters("escalation_gateway_intents_total", "intent", Self.intentNames)
        approvals = Dictionary(
            uniqueKeysWithValues: ["approve", "reject"].map { decision in
                (
                    decision,
                    Dictionary(
                        uniqueKeysWithValues: [ReceiptOutcome.applied, .refused].map {
                            (
                                $0,
                                Counter(label: "escalation_gateway_approvals_total", dimensions: [("decision", decision), ("outcome", $0.rawValue)])
                            )
                        })
                )
            })
        refusedDecisions = counters("escalation_gateway_refused_decisions_total", "cause", MailReasonCode.all)
        relayed = counters("escalation_gateway_relayed_messages_total", "kind", Self.relayedKinds)
        deliveries = Dictionary(
            uniqueKeysWithValues: DeliveryResult.allCases.map { result in
                (
                    result,
                    Dictionary(
                        uniqueKeysWithValues: ReplyClass.allCases.map {
                            (
                                $0,
                                Counter(
                                    label: "escalation_gateway_deliveries_total",
                                    dimensions: [("result", result.rawValue), ("reply_class", $0.rawValue)])
                            )
                        })
                )
            })
        bounces = [
            true: Counter(label: "escalation_gateway_bounces_total", dimensions: [("permanent", "true")]),
            false: Counter(label: "escalation_gateway_bounces_total", dimensions: [("permanent", "false")]),
        ]
        suppressions = Counter(label: "escalation_gateway_suppressions_total")
        var slaEvents: [String: Counter] = [:]
        for event in ["warning", "breach"] {
            for severity in severities {
                for target in Self.slaTargets {
                    slaEvents[event + "/" + severity + "/" + target] = Counter(
                        label: "escalation_gateway_sla_events_total", dimensions: [("event", event), ("severity", severity), ("target", target)])
                }
            }
        }
        self.slaEvents = slaEvents
        batchSize = Recorder(label: "escalation_gateway_batch_size", aggregate: true)
        applySeconds = Timer(label: "escalation_gateway_mail_apply_seconds")
        sendSeconds = Timer(label: "escalation_gateway_reply_send_seconds")
        cycleSeconds = Timer(label: "escalation_gateway_inbox_cycle_seconds")
        cycles = [
            true: Counter(label: "escalation_gateway_inbox_cycles_total", dimensions: [("result", "succeeded")]),
            false: Counter(label: "escalation_gateway_inbox_cycles_total", dimensions: [("result", "failed")]),
        ]
    }

    /// Counts one processed mail: its outcome and reason, intent, thread match, approval and relays.
    func count(_ outcome: MailOutcome) {
        let reason = MailReasonCode.of(outcome.outcome, reason: outcome.reason)
        mails[outcome.outcome]?[reason]?.increment()
        intents[outcome.intent.isEmpty ? "none" : outcome.intent]?.increment()
        if let method = outcome.matchMethod { matches[method]?.increment() }
        if let approval = approvals[outcome.intent] {
            approval[outcome.outcome]?.increment()
            if outcome.outcome == .refused { refusedDecisions[reason]?.increment() }
        }
        for mail in outcome.sent where Self.relayedKinds.contains(mail.template) { relayed[mail.template]?.increment() }
    }

    /// Counts one delivery attempt by its result and the SMTP reply class (`none`: no reply, e.g.
    /// the connection failed).
    func countDelivery(_ result: DeliveryResult, replyClass: ReplyClass) {
        deliveries[result]?[replyClass]?.increment()
    }

    func countBounce(permanent: Bool) { bounces[permanent]?.increment() }

    func countSuppression() { suppressions.increment() }

    /// Records the size of a batch fetched from the inbox.
    func recordBatch(size: Int) { batchSize.record(size) }

    /// Records one mail's processing time (parse through applying).
    func recordApply(nanoseconds: UInt64) { applySeconds.recordNanoseconds(Int64(truncatingIfNeeded: nanoseconds)) }

    /// Records one delivery attempt's time (the transport's hand-over).
    func recordSend(nanoseconds: UInt64) { sendSeconds.recordNanoseconds(Int64(truncatingIfNeeded: nanoseconds)) }

    /// Records one inbox drain's time.
    func recordCycle(nanoseconds: UInt64) { cycleSeconds.recordNanoseconds(Int64(truncatingIfNeeded: nanoseconds)) }

    /// Counts an SLA warning or breach of `severity`'s `target` clock.
    func countSLA(event: String, severity: String, target: String) {
        slaEvents[event + "/" + severity + "/" + target]?.increment()
    }

    func countCycle(succeeded: Bool) { cycles[succeeded]?.increment() }
}

/// What came of one delivery attempt, for `escalation_gateway_deliveries_total{result}`.
enum DeliveryResult: String, CaseIterable, Sendable {
    case accepted
    case temporaryFailure = "temporary-failure"
    case permanentFailure = "permanent-failure"
}

/// The class of the SMTP server's reply (RFC 5321, 4.2.1), for `{reply_class}`.
enum ReplyClass: String, CaseIterable, Sendable {
    case success = "2xx"
    case transient = "4xx"
    case permanent = "5xx"
    /// No reply: the connection failed, or the sink is a folder that failed.
    case none

    /// The class of a three-digit reply code (nil: none).
    init(code: String?) {
        switch code?.first {
        case "2": self = .success
        case "4": self = .transient
        case "5": self = .permanent
        default: self = .none
        }
    }
}
