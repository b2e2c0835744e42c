import Foundation
public import Gateway
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle

/// The `[http]` listener of `run`: `/metrics`, `/healthz`, `/readyz` and the staff dashboard
/// (`/`, `DashboardRoutes`), behind `AccessGuard`.
/// It runs on Swift concurrency's threads beside the gateway's own loop and ends when `stop`
/// is called.
public final class OperationsServer: Sendable {
    private let settings: HTTPSettings
    private let endpoint: MetricsEndpoint
    private let users: UsersFile?
    private let logger: Logger
    private let running = RunningGroup()

    /// Sets up the metrics backend; call before the gateway is wired (its handles are made then).
    /// - Throws: when `users_file` cannot be read.
    public init(settings: HTTPSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        users = try settings.usersFile.map(UsersFile.init(contentsOf:))
        endpoint = MetricsEndpoint.bootstrap()
    }

    /// Starts listening for `gateway`; returns once the port is bound, or throws why it cannot be.
    public func start(_ gateway: Gateway) throws {
        let router = Router()
        router.add(middleware: AccessGuard(users: users, proxyHeader: settings.trustedProxyHeader.flatMap { HTTPField.Name($0) }))
        router.get("/healthz") { _, _ in Self.json(["status": "ok"], status: .ok) }
        router.get("/readyz") { [settings] _, _ in
            let report = Readiness(settings: settings).check(gateway, now: Date())
            return Self.json(report, status: report.ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { [endpoint] _, _ in
            let body = try endpoint.scrape(gateway, now: Date())
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        DashboardRoutes.add(to: router, gateway: gateway)
        let bound = BindResult()
        let app = Application(
            router: router, configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { _ in bound.finish(nil) }, logger: logger)
        let listen = "\(settings.host):\(settings.port)"
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        running.start(group) { error in bound.finish(error.map { "\($0)" }) }
        if let error = bound.wait() {
            throw OperationsError("[http] listen = \"\(listen)\": cannot listen there: \(error)")
        }
        logger.notice("http listening", metadata: ["http.listen": "\(listen)", "http.authentication": "\(settings.requiresAuthentication)"])
    }

    /// Stops listening, letting requests in progress finish; returns when it has stopped.
    public func stop() { running.stop() }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }
}

/// Why the listener could not start.
public struct OperationsError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) { self.description = description }
}
