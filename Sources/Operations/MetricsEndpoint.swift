import EscalationStore
import Foundation
import Gateway
import Metrics
import Prometheus

/// `/metrics`: the registry that the gateway's swift-metrics handles write into, in the
/// Prometheus text format. The outbox gauges are read from the database when scraped.
final class MetricsEndpoint: Sendable {
    let registry: PrometheusCollectorRegistry
    private let outboxDepth: Metrics.Gauge
    private let oldestDueAge: Metrics.Gauge

    /// Makes the registry the process's metrics backend: call before the gateway is wired, which
    /// makes its handles.
    static func bootstrap() -> MetricsEndpoint {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let seconds: [Duration] = [
            .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
        ]
        factory.defaultDurationHistogramBuckets = seconds
        factory.defaultValueHistogramBuckets = [1, 5, 10, 50, 100, 200, 500, 1000]
        MetricsSystem.bootstrap(factory)
        return MetricsEndpoint(registry: registry)
    }

    private init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        outboxDepth = Metrics.Gauge(label: "escalation_gateway_outbox_depth")
        oldestDueAge = Metrics.Gauge(label: "escalation_gateway_outbox_oldest_due_age_seconds")
    }

    /// The scrape: the outbox read now, then every metric.
    func scrape(_ gateway: Gateway, now: Date) throws -> [UInt8] {
        let outbox = try gateway.store.read { try $0.outboxHealth(at: now) }
        outboxDepth.record(outbox.depth)
        oldestDueAge.record(outbox.oldestDueQueuedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16_384)
        registry.emit(into: &buffer)
        return buffer
    }
}
