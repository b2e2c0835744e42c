import Foundation

extension ActivityReport {
    /// The report as CSV (RFC 4180): a header `section,dimension,key,name,value`, then one line
    /// per figure; rates as decimals, times in seconds.
    public var csv: String {
        var lines = [["section", "dimension", "key", "name", "value"]]
        for (section, breakdown) in [("opened", opened), ("closed", closed)] {
            lines.append([section, "total", "", "", "\(breakdown.total)"])
            for (dimension, counts) in [("reason", breakdown.byReason), ("account", breakdown.byAccount), ("severity", breakdown.bySeverity)] {
                lines += counts.map { [section, dimension, $0.key, $0.name ?? "", "\($0.count)"] }
            }
        }
        let figures: [(String, String)] = [
            ("total", "\(requests.total)"), ("decided", "\(requests.decided)"), ("rejected", "\(requests.rejected)"),
            ("withdrawn", "\(requests.withdrawn)"), ("pending", "\(requests.pending)"), ("reescalations", "\(requests.reescalations)"),
            ("rejection_rate", Self.number(requests.rejectionRate)), ("reescalation_rate", Self.number(requests.reescalationRate)),
        ]
        lines += figures.map { ["requests", $0.0, "", "", $0.1] }
        lines.append(["first_decision", "decided", "", "", "\(timeToFirstDecision.decided)"])
        lines.append(["first_decision", "median_seconds", "", "", Self.number(timeToFirstDecision.medianSeconds)])
        lines.append(["first_decision", "p90_seconds", "", "", Self.number(timeToFirstDecision.p90Seconds)])
        for row in sla {
            lines.append(["sla_met", row.target, row.severity, "", "\(row.met)"])
            lines.append(["sla_breached", row.target, row.severity, "", "\(row.breached)"])
        }
        for account in busiestAccounts {
            lines.append(["busiest_accounts", "escalations", account.account, account.name, "\(account.escalations)"])
            lines.append(["busiest_accounts", "requests", account.account, account.name, "\(account.requests)"])
        }
        return lines.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The report as lines for a person.
    public var text: String {
        var lines = ["Escalation report, \(since) to \(until)", ""]
        for (title, breakdown) in [("Opened", opened), ("Closed", closed)] {
            lines.append("\(title): \(breakdown.total)")
            for (dimension, counts) in [("reason", breakdown.byReason), ("account", breakdown.byAccount), ("severity", breakdown.bySeverity)]
            where !counts.isEmpty {
                let (shown, more) = dimension == "account" ? Self.listed(counts) : (counts[...], nil)
                let rest = more.map { [", and \($0.entries) more accounts (\($0.count) in all)"] } ?? []
                lines.append("  by \(dimension): " + shown.map(Self.line).joined(separator: ", ") + rest.joined())
            }
        }
        lines.append("")
        lines.append(
            "Requests: \(requests.total) (decided \(requests.decided), rejected \(requests.rejected), withdrawn \(requests.withdrawn), pending \(requests.pending), re-escalations \(requests.reescalations))"
        )
        lines.append("  rejection rate \(Self.percent(requests.rejectionRate)), re-escalation rate \(Self.percent(requests.reescalationRate))")
        lines.append(
            "Time to first decision: median \(Self.duration(timeToFirstDecision.medianSeconds)), p90 \(Self.duration(timeToFirstDecision.p90Seconds)) (\(timeToFirstDecision.decided) decided)"
        )
        lines.append("")
        lines.append("SLA (target, severity: met / breached):")
        lines += sla.isEmpty ? ["  none met or breached"] : sla.map { "  \($0.target), \($0.severity): \($0.met) / \($0.breached)" }
        lines.append("")
        lines.append("Busiest accounts (escalations opened, requests):")
        lines += busiestAccounts.isEmpty ? ["  none"] : busiestAccounts.map { "  \($0.name) (\($0.account)): \($0.escalations), \($0.requests)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Acme Corp (ACC0001001) 3`, `high 2`.
    private static func line(_ count: Count) -> String {
        guard let name = count.name else { return "\(count.key) \(count.count)" }
        return "\(name) (\(count.key)) \(count.count)"
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() ? String(Int(value)) : String(format: "%.4f", value)
    }

    /// `20%`, `33.3%`; `–` when there is nothing to divide.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        let percent = (value * 1000).rounded() / 10
        return percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    }

    /// `1m`, `4h 2m`; `–` when nothing was decided.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        let minutes = Int(seconds.rounded()) / 60
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return rest > 0 ? "\(hours)h \(rest)m" : "\(hours)h" }
        return minutes > 0 ? "\(rest)m" : "\(Int(seconds.rounded()))s"
    }

    private static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
