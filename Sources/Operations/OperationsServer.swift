import Foundation
public import Gateway
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle
import Synchronization

/// The `[http]` listener of `run`: `/metrics`, `/healthz`, `/readyz` and the staff dashboard
/// (`/`, `DashboardRoutes`), behind `AccessGuard`, as a service of `run`'s service group beside
/// the mail loop: it binds when the group starts and, when the group shuts down, lets requests
/// in progress finish and stops.
public final class OperationsServer: Sendable {
    private let settings: HTTPSettings
    private let endpoint: MetricsEndpoint
    private let users: UsersFile?
    private let logger: Logger

    /// Sets up the metrics backend; call before the gateway is wired (its handles are made then).
    /// - Throws: when `users_file` cannot be read.
    public init(settings: HTTPSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        users = try settings.usersFile.map(UsersFile.init(contentsOf:))
        endpoint = MetricsEndpoint.bootstrap()
    }

    /// The listener for `gateway`, to run in a service group. Running, it throws
    /// `OperationsError` when it cannot bind its address.
    public func service(for gateway: Gateway) -> some Service {
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
        let listen = "\(settings.host):\(settings.port)"
        let bound = BindFlag()
        let application = Application(
            router: router, configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { [logger, settings] _ in
                bound.set()
                logger.notice("http listening", metadata: ["http.listen": "\(listen)", "http.authentication": "\(settings.requiresAuthentication)"])
            }, logger: logger)
        return HTTPListener(application: application, listen: listen, bound: bound)
    }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }
}

/// The Hummingbird application, with a failure to bind said in the config's words.
private struct HTTPListener: Service {
    let application: any Service
    let listen: String
    let bound: BindFlag

    func run() async throws {
        do {
            try await application.run()
        } catch  where !bound.isSet {
            throw OperationsError("[http] listen = \"\(listen)\": cannot listen there: \(error)")
        }
    }
}

/// Whether the listener has bound its address: set once, from the server's thread.
private final class BindFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }

    var isSet: Bool { value.load(ordering: .acquiring) }
}

/// Why the listener could not start.
public struct OperationsError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) { self.description = description }
}
