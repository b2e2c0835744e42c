import Foundation
import GatewayTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `escalation-gateway run` as its own process with its log (standard error) in a file, and
/// an HTTP client for its `[http]` listener.
final class RunningGateway: @unchecked Sendable {
    let process = Process()
    let log: URL

    init(config: String, environment: [String: String] = [:]) throws {
        log = URL(fileURLWithPath: config).deletingLastPathComponent().appendingPathComponent("run.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = GatewayCLI.binary
        process.arguments = ["run", "--config", config]
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    /// Stops it as systemd does (SIGTERM) and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The log written so far.
    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// A free port on loopback (bound and let go).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// One HTTP answer.
struct HTTPAnswer {
    var status: Int
    var body: String
}

/// A blocking HTTP/1.1 GET to `127.0.0.1:port` over a plain socket (nil: no answer, e.g. not
/// listening yet), so that no client library's threads stand between the test and the server.
func httpGet(_ url: String, headers: [String: String] = [:]) -> HTTPAnswer? {
    guard let parts = URLComponents(string: url), let port = parts.port else { return nil }
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return nil }
    let target = (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath) + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
    var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for (name, value) in headers { request += "\(name): \(value)\r\n" }
    request += "\r\n"
    guard request.utf8CString.withUnsafeBufferPointer({ send(fd, $0.baseAddress, $0.count - 1, 0) }) == request.utf8.count else { return nil }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = recv(fd, &buffer, buffer.count, 0)
        if count <= 0 { break }
        received += buffer[0..<count]
    }
    let text = String(decoding: received, as: UTF8.self)
    guard let headEnd = text.range(of: "\r\n\r\n"), let status = Int(text.split(separator: " ").dropFirst().first ?? "") else { return nil }
    return HTTPAnswer(status: status, body: String(text[headEnd.upperBound...]))
}

/// Asks `probe` every 0.2 s until it returns a value or `seconds` pass.
func waitFor<T>(seconds: Double, _ probe: () -> T?) -> T? {
    let until = Date().addingTimeInterval(seconds)
    while Date() < until {
        if let value = probe() { return value }
        Thread.sleep(forTimeInterval: 0.2)
    }
    return probe()
}

/// The values of a Prometheus text exposition, by series (`name{labels}`).
func prometheusSeries(_ text: String) -> [String: Double] {
    var series: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
        series[String(line[..<space])] = value
    }
    return series
}

/// The sum of a metric's series whose labels include every pair of `labels`.
func metricSum(_ series: [String: Double], _ name: String, _ labels: [String: String] = [:]) -> Double {
    series.filter { key, _ in
        (key == name || key.hasPrefix(name + "{")) && labels.allSatisfy { key.contains("\($0.key)=\"\($0.value)\"") }
    }.values.reduce(0, +)
}
