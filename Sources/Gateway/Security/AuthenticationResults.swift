import Foundation
import MailMessage

/// Reads `Authentication-Results` (RFC 8601) as the receiving server wrote it: only the topmost
/// header whose authserv-id is the configured one counts (headers of other ids, and headers
/// below it claiming the same id, are ignored: anyone can write them), and only when it stands
/// where the server puts it: above a `Received` line, and below none that the server itself
/// (`by` the authserv-id's host) added. A mail carrying none from our server is not
/// authenticated.
enum AuthenticationResults {
    /// Whether the mail passed DMARC for its From domain, or DKIM with a signing domain aligned
    /// with the From domain. Returns the reason for a failure, nil on pass.
    static func failure(of mail: Mail, authservID: String) -> String? {
        let ours = authservID.lowercased()
        var receivedAbove: [String] = []
        var field: AuthenticationResultsField?
        var receivedBelow = false
        for header in mail.header.fields {
            if header.key == "received" {
                if field == nil { receivedAbove.append(header.rawValue) } else { receivedBelow = true }
            } else if header.key == "authentication-results", field == nil, let parsed = AuthenticationResultsField(header.rawValue),
                parsed.authservID == ours
            {
                field = parsed
            }
        }
        guard let field else { return "no Authentication-Results from \(authservID)" }
        guard receivedBelow, !receivedAbove.contains(where: { byHost(of: $0) == ours }) else {
            return "the Authentication-Results of \(authservID) stand where the sender, not the server, wrote them"
        }
        let fromAddresses = mail.header.rawValues("From").flatMap(MailAddress.parseList)
        guard fromAddresses.count == 1, let fromDomain = fromAddresses.first?.address.split(separator: "@").last.map({ $0.lowercased() })
        else { return "not exactly one From address" }
        for result in field.results where result.result == "pass" {
            switch result.method {
            case "dmarc" where result.properties["header.from"] == fromDomain:
                return nil
            case "dkim":
                let signer = result.properties["header.d"] ?? result.properties["header.i"].map { String($0.split(separator: "@").last ?? "") }
                if let signer, DomainAlignment.isAligned(signer, with: fromDomain) { return nil }
            default: continue
            }
        }
        return "no DMARC pass for \(fromDomain) or aligned DKIM pass from \(authservID)"
    }

    /// The host in the `by` clause of a `Received` header (RFC 5321 §4.4), lower-cased.
    private static func byHost(of received: String) -> String? {
        let words = MailAddress.removingComments(received).text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard let by = words.firstIndex(where: { $0.lowercased() == "by" }), by + 1 < words.count else { return nil }
        return words[by + 1].lowercased()
    }
}

/// One `Authentication-Results` header field (RFC 8601 §2.2): the authserv-id and each method's
/// result with its properties, comments removed, names and results lower-cased.
struct AuthenticationResultsField {
    struct MethodResult {
        var method: String
        var result: String
        /// `ptype.property` → value, e.g. `header.from` → `example.com`.
        var properties: [String: String]
    }

    var authservID: String
    var results: [MethodResult]

    init?(_ value: String) {
        let unfolded = MailAddress.removingComments(value.replacingOccurrences(of: "\r\n", with: " ")).text
        var statements = Self.split(unfolded, at: ";")
        guard !statements.isEmpty, let id = Self.words(statements.removeFirst()).first else { return nil }
        authservID = Self.unquoted(id).lowercased()
        results = statements.compactMap(Self.methodResult)
    }

    /// `method[/version] = result [reason=…] [ptype.property=value…]`; nil for `none` and noise.
    private static func methodResult(_ statement: String) -> MethodResult? {
        let words = Self.words(statement)
        guard let first = words.first, let equals = first.firstIndex(of: "=") else { return nil }
        let method = first[..<equals].split(separator: "/").first.map { $0.lowercased() } ?? ""
        let result = first[first.index(after: equals)...].lowercased()
        guard !method.isEmpty, !result.isEmpty else { return nil }
        var properties: [String: String] = [:]
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "=") else { continue }
            let name = word[..<equals].lowercased()
            if properties[name] == nil { properties[name] = unquoted(String(word[word.index(after: equals)...])).lowercased() }
        }
        return MethodResult(method: method, result: result, properties: properties)
    }

    /// Words separated by blanks, with blanks around `=` and `/` removed and quoted strings kept whole.
    private static func words(_ text: String) -> [String] {
        var compact = text
        for mark in ["=", "/"] {
            while compact.contains(" \(mark)") || compact.contains("\(mark) ") {
                compact = compact.replacingOccurrences(of: " \(mark)", with: mark).replacingOccurrences(of: "\(mark) ", with: mark)
            }
        }
        return split(compact.replacingOccurrences(of: "\t", with: " "), at: " ").filter { !$0.isEmpty }
    }

    /// Splits at `separator` outside quoted strings.
    private static func split(_ text: String, at separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" && quoted {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == separator && !quoted {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    private static func unquoted(_ text: String) -> String {
        text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
    }
}

/// DMARC's relaxed alignment (RFC 7489 §3.1.1): two domains are aligned when they share their
/// organizational domain. Without the Public Suffix List, the organizational domain is taken as
/// the last two labels, or three under a two-letter country code with a generic second level
/// (`example.co.uk`). A parent above the organizational domain (`example` for `support.example`,
/// `co.uk`) never aligns.
enum DomainAlignment {
    private static let genericSecondLevels: Set<String> = ["co", "com", "net", "org", "gov", "edu", "ac", "ne", "or", "go"]

    static func isAligned(_ signer: String, with fromDomain: String) -> Bool {
        let signer = signer.lowercased()
        let from = fromDomain.lowercased()
        guard signer == from || from.hasSuffix("." + signer) || signer.hasSuffix("." + from) else { return false }
        return organizationalDomain(signer) == organizationalDomain(from)
    }

    static func organizationalDomain(_ domain: String) -> String {
        let labels = domain.split(separator: ".")
        let count = labels.count >= 3 && labels[labels.count - 1].count == 2 && genericSecondLevels.contains(String(labels[labels.count - 2])) ? 3 : 2
        return labels.suffix(count).joined(separator: ".")
    }
}
