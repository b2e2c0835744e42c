import EscalationCore
import Foundation

/// Reads `[http]`, `[log]` and `[retention]`, the sections that say how the gateway is operated.
struct OperationsConfigParser {
    let root: TOMLReader
    let resolve: (String) -> URL

    /// `[http] listen = "host:port"` with its authentication and readiness keys; nil without `[http]`.
    func parseHTTP() throws -> HTTPSettings? {
        guard let reader = try root.optionalTable("http") else { return nil }
        try reader.allowOnly(["listen", "users_file", "trusted_proxy_header", "ready_after_failed_cycles", "ready_outbox_age"])
        let listen = try reader.string("listen")
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port),
            colon > listen.startIndex
        else {
            throw ConfigError(file: root.file, key: reader.key("listen"), expected: "host:port, e.g. \"127.0.0.1:9464\", got \"\(listen)\"")
        }
        let usersFile = try reader.optionalString("users_file").map(resolve)
        if let usersFile, !FileManager.default.isReadableFile(atPath: usersFile.path) {
            throw ConfigError(
                file: root.file, key: reader.key("users_file"), expected: "a readable file of user:bcrypt-hash lines; \(usersFile.path) is none")
        }
        let failedCycles = try reader.int("ready_after_failed_cycles", default: 3)
        guard failedCycles >= 1 else {
            throw ConfigError(file: root.file, key: reader.key("ready_after_failed_cycles"), expected: "a whole number of at least 1 (default 3)")
        }
        let settings = HTTPSettings(
            host: String(listen[..<colon]), port: port, usersFile: usersFile, trustedProxyHeader: try reader.optionalString("trusted_proxy_header"),
            readyAfterFailedCycles: failedCycles, readyOutboxAge: try reader.span("ready_outbox_age", default: "10m"))
        guard settings.isLoopback || settings.requiresAuthentication else {
            throw ConfigError(
                file: root.file, key: reader.key("listen"),
                expected: "a loopback address (127.0.0.1:\(port)) unless requests are authenticated: set [http] users_file "
                    + "(user:bcrypt-hash lines) or trusted_proxy_header (the header your authenticating proxy sets); \(listen) is reachable from other hosts"
            )
        }
        return settings
    }

    /// `[log] format = "text"|"json"`, `level`.
    func parseLog() throws -> LogSettings {
        guard let reader = try root.optionalTable("log") else { return LogSettings() }
        try reader.allowOnly(["format", "level"])
        let formatName = try reader.optionalString("format") ?? "text"
        guard let format = LogSettings.Format(rawValue: formatName) else {
            throw ConfigError(file: root.file, key: reader.key("format"), expected: "\"text\" or \"json\", got \"\(formatName)\"")
        }
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        let level = try reader.optionalString("level")
        if let level, !levels.contains(level) {
            throw ConfigError(file: root.file, key: reader.key("level"), expected: "one of \(levels.joined(separator: ", ")), got \"\(level)\"")
        }
        return LogSettings(format: format, level: level)
    }

    /// `[retention] raw_mail = "180d"` (or `"none"`); no section: nothing is purged.
    func parseRetention() throws -> RetentionPolicy {
        guard let reader = try root.optionalTable("retention") else { return RetentionPolicy() }
        try reader.allowOnly(["raw_mail"])
        return RetentionPolicy(rawMail: try reader.optionalSpan("raw_mail"))
    }
}
