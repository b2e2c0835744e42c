import Foundation
import MailMessage

/// Reads `Authentication-Results` (RFC 8601): only the topmost header whose authserv-id is
/// the configured one counts; headers of other ids are ignored (anyone can add them).
enum AuthenticationResults {
    /// Whether the mail passed DMARC, or DKIM with a signing domain aligned with the From domain.
    /// Returns the reason for a failure, nil on pass.
    static func failure(of mail: Mail, authservID: String) -> String? {
        let ours = mail.header.rawValues("Authentication-Results").first { value in
            value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)?.lowercased() == authservID.lowercased() } ?? false
        }
        guard let ours else { return "no Authentication-Results from \(authservID)" }
        let results = ours.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        if results.contains(where: { $0.hasPrefix("dmarc=pass") }) { return nil }
        let fromDomain = mail.from?.address.split(separator: "@").last.map(String.init) ?? ""
        for result in results where result.hasPrefix("dkim=pass") {
            guard let range = result.range(of: "header.d=") else { continue }
            let domain = result[range.upperBound...].prefix { !$0.isWhitespace && $0 != ";" }
            if !fromDomain.isEmpty, fromDomain == domain || fromDomain.hasSuffix("." + domain) || domain.hasSuffix("." + fromDomain) { return nil }
        }
        return "no DMARC pass or aligned DKIM pass from \(authservID)"
    }
}
