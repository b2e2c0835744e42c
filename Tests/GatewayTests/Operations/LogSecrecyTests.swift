import Foundation
import GatewayTestSupport
import HummingbirdBcrypt
import Testing

/// The whole log of a full run, at the most verbose level, holds what happened and none of the
/// mail's words, the reply tokens, the token secret, nor the scraper's password or its hash.
@Suite(.serialized) struct LogSecrecyTests {
    @Test func aFullRunsLogTellsWithoutSecrets() throws {
        let password = "Scrape-Pass-91xq"
        let hash = Bcrypt.hash(password, cost: 4)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-secrecy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let users = folder.appendingPathComponent("users")
        try "ops:\(hash)\n".write(to: users, atomically: true, encoding: .utf8)
        let (workspace, port, mails) = try MetricsRunTests.sampleRun(
            extraConfig: "users_file = \"\(users.path)\"\n\n[log]\nformat = \"json\"\nlevel = \"trace\"\n")
        defer { workspace.remove() }
        let gateway = try RunningGateway(config: workspace.configURL.path)
        let authorization = "Basic " + Data("ops:\(password)".utf8).base64EncodedString()
        let settled = waitFor(seconds: 60) { () -> Bool? in
            guard let answer = httpGet("http://127.0.0.1:\(port)/metrics", headers: ["Authorization": authorization]), answer.status == 200 else {
                return nil
            }
            // The replies are sent after the cycle's mails are applied: wait for the first too.
            let series = prometheusSeries(answer.body)
            return metricSum(series, "escalation_gateway_mails_total") == Double(mails.count)
                && metricSum(series, "escalation_gateway_deliveries_total") > 0 ? true : nil
        }
        #expect(settled == true, "the run never finished the samples")
        #expect(gateway.stop() == 0)
        let log = gateway.logText

        let lines = log.split(separator: "\n")
        #expect(lines.filter { $0.contains("\"mail processed\"") || $0.contains("\"mail refused\"") }.count == mails.count, "one line per mail")
        #expect(lines.contains { $0.contains("\"mail delivered\"") && $0.contains("delivery.recipients") })
        #expect(lines.contains { $0.contains("\"mail refused\"") && $0.contains("\"mail.reason\":\"unknown-sender\"") })
        #expect(lines.contains { $0.contains("\"mail processed\"") && $0.contains("\"mail.match\":\"body-number\"") && $0.contains("\"mail.ms\"") })
        #expect(lines.allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") }, "every line is one JSON object")

        var secrets = [password, hash, authorization, Data("ops:\(password)".utf8).base64EncodedString()]
        secrets.append(try String(contentsOf: workspace.folder.appendingPathComponent("state/token.secret"), encoding: .utf8))
        for file in try workspace.outboxFiles() {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            secrets += Self.matches(of: #"escalations\+([A-Za-z0-9._~-]{8,})@"#, in: text)
            secrets += Self.matches(of: #"\[ref:([A-Za-z0-9._~-]{8,})\]"#, in: text)
        }
        #expect(secrets.count > 6, "the run sent mail with reply tokens")
        for secret in secrets { #expect(!log.contains(secret), "a secret in the log: \(secret.prefix(6))…") }
        for mail in mails {
            let text = String(decoding: try Data(contentsOf: mail), as: UTF8.self)
            guard let blank = text.range(of: "\n\n") ?? text.range(of: "\r\n\r\n") else { continue }
            let body = text[blank.upperBound...].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            for line in body where line.count >= 24 && !line.hasPrefix("--") && !line.contains(":") {
                #expect(!log.contains(line), "a mail's words in the log: \(line)")
            }
        }
    }

    private static func matches(of pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
