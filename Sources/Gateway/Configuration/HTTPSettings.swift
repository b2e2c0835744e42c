public import EscalationCore
public import Foundation

/// `[http]`: the operations listener of `run` (metrics, health). No section: no listener.
public struct HTTPSettings: Sendable, Equatable {
    /// `listen`: host and port, e.g. `127.0.0.1:9464`.
    public var host: String
    public var port: Int
    /// `users_file`: lines `user:bcrypt-hash`; every request then needs HTTP basic authentication.
    public var usersFile: URL?
    /// `trusted_proxy_header`: a header that the fronting proxy sets on the requests it
    /// authenticated (e.g. `X-Authenticated-User`); a request without it is refused.
    public var trustedProxyHeader: String?
    /// `ready_after_failed_cycles`: so many failed inbox cycles in a row make `/readyz` fail (3).
    public var readyAfterFailedCycles: Int
    /// `ready_outbox_age`: a due outbox mail older than this makes `/readyz` fail (10m).
    public var readyOutboxAge: TimeSpan

    public init(
        host: String, port: Int, usersFile: URL? = nil, trustedProxyHeader: String? = nil, readyAfterFailedCycles: Int = 3,
        readyOutboxAge: TimeSpan = TimeSpan(seconds: 600)
    ) {
        self.host = host
        self.port = port
        self.usersFile = usersFile
        self.trustedProxyHeader = trustedProxyHeader
        self.readyAfterFailedCycles = readyAfterFailedCycles
        self.readyOutboxAge = readyOutboxAge
    }

    /// Whether the listener answers on this machine only (127.0.0.0/8, `::1`, `localhost`).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Whether requests must prove who sends them.
    public var requiresAuthentication: Bool { usersFile != nil || trustedProxyHeader != nil }
}

/// `[log]`: how the gateway writes its log (standard error).
public struct LogSettings: Sendable, Equatable {
    /// `format`: one line of text per event, or one JSON object per line.
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
    }

    public var format: Format
    /// `level`: trace, debug, info, notice, warning, error or critical; nil: the command's default.
    public var level: String?

    public init(format: Format = .text, level: String? = nil) {
        self.format = format
        self.level = level
    }
}
