import CorpusSupport
import Foundation
import MailMessage
import Testing

/// Every fixture file of `../shared/corpus` parses without a crash; where a source states the
/// subject, the sender or the part structure, the parse gives it. Mismatches must be listed in
/// `mime-known-failures.txt` with their reason (the list may only shrink).
@Suite struct CorpusMIMETests {
    static let sources = [
        "apache-james-mime4j", "crisp-oss-email-reply-parser", "discourse-discourse", "discourse-email_reply_trimmer",
        "github-email_reply_parser", "mailgun-talon", "mikel-mail", "nodemailer-mailparser", "postalsys-postal-mime",
        "python-cpython-test_email", "sisimai-set-of-emails", "stalwartlabs-mail-parser", "zapier-email-reply-parser",
    ]

    static func knownFailures() -> [String: String] {
        CorpusLocation.knownFailures("Tests/MailMessageTests/Corpus/mime-known-failures.txt")
    }

    /// Parts as stalwart counts them: depth first, an embedded message counts as one part.
    static func flatParts(_ part: MIMEPart) -> [MIMEPart] {
        if part.contentType.value == "message/rfc822" || part.contentType.value == "message/global" { return [part] }
        return [part] + part.children.flatMap(flatParts)
    }

    @Test func everyFixtureParsesWithinLimits() throws {
        guard CorpusLocation.root != nil else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "missing in CI, where it must run")
            print("corpus not found beside the checkout (../shared/corpus): MIME corpus test skipped")
            return
        }
        var parsed = 0
        var listed = 0
        for source in Self.sources {
            for entry in try CorpusLocation.manifest(source) {
                guard let file = entry["file"] as? String else { continue }
                listed += 1
                let bytes = Array(try CorpusLocation.file(source, file))
                let mail = try Mail(parsing: bytes)
                _ = (mail.subject, mail.from, mail.textBody, mail.htmlBody, mail.attachments.count, mail.root.structure)
                parsed += 1
            }
        }
        print("MIME corpus: \(parsed) of \(listed) fixture files parsed without a crash")
        #expect(listed > 900 && parsed == listed)
    }

    @Test func statedSubjectSenderAndStructure() throws {
        guard CorpusLocation.root != nil else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "missing in CI, where it must run")
            print("corpus not found beside the checkout (../shared/corpus): MIME stated-facts test skipped")
            return
        }
        let known = Self.knownFailures()
        var checked = 0
        var mismatches: [String] = []
        for entry in try CorpusLocation.manifest("stalwartlabs-mail-parser") {
            guard let file = entry["file"] as? String, let expected = entry["expected"] as? [String: Any] else { continue }
            let mail = try Mail(parsing: Array(try CorpusLocation.file("stalwartlabs-mail-parser", file)))
            var problems: [String] = []
            if let subject = expected["subject"] as? String, mail.subject != HeaderSafety.singleLine(subject) {
                problems.append("subject \(mail.subject.debugDescription) ≠ \(subject.debugDescription)")
            }
            if let from = expected["from"] as? [String: Any] {
                let address = from["address"] as? String
                if let address, mail.from?.address != address.lowercased() { problems.append("from \(mail.from?.address ?? "nil") ≠ \(address)") }
                if let name = from["name"] as? String, !name.isEmpty, mail.from?.name != name {
                    problems.append("name \(mail.from?.name ?? "nil") ≠ \(name)")
                }
            }
            let parts = Self.flatParts(mail.root)
            if let count = expected["part_count"] as? Int, parts.count != count { problems.append("\(parts.count) parts ≠ \(count)") }
            if let types = expected["part_content_types"] as? [Any], types.count == parts.count {
                for (part, type) in zip(parts, types) {
                    if let type = type as? String, part.contentType.value != type.lowercased() {
                        problems.append("\(part.contentType.value) ≠ \(type)")
                    }
                }
            }
            checked += 1
            let key = "stalwartlabs-mail-parser/\(file)"
            if problems.isEmpty {
                #expect(known[key] == nil, "\(key) passes now: take it off mime-known-failures.txt")
            } else {
                mismatches.append("\(key)\t\(problems.joined(separator: "; "))")
                #expect(known[key] != nil, "\(key): \(problems.joined(separator: "; "))")
            }
        }
        for entry in try CorpusLocation.manifest("python-cpython-test_email") {
            guard let file = entry["file"] as? String, let expected = entry["expected"] as? [String: Any],
                let structure = expected["structure"] as? String
            else { continue }
            let mail = try Mail(parsing: Array(try CorpusLocation.file("python-cpython-test_email", file)))
            let key = "python-cpython-test_email/\(file)"
            if Self.indented(mail.root) == structure {
                #expect(known[key] == nil, "\(key) passes now: take it off mime-known-failures.txt")
            } else {
                mismatches.append("\(key)\tstructure differs")
                #expect(known[key] != nil, "\(key): structure \(Self.indented(mail.root))")
            }
            checked += 1
        }
        let nodemailer = try Mail(parsing: Array(try CorpusLocation.file("nodemailer-mailparser", "nodemailer.eml")))
        #expect(nodemailer.subject == "Nodemailer is unicode friendly ✔ (1476358788189)")
        #expect(nodemailer.to.map(\.address) == ["andris+123@kreata.ee", "andris.reinman@gmail.com"])
        print("MIME corpus: \(checked) fixtures with stated facts checked, \(mismatches.count) listed mismatches")
        #expect(checked == 110, "every fixture of the two manifests with stated facts is checked")
        try? mismatches.joined(separator: "\n").write(
            to: FileManager.default.temporaryDirectory.appendingPathComponent("mime-corpus-mismatches.txt"), atomically: true, encoding: .utf8)
    }

    /// Python's `_structure()` layout: one content type per line, four spaces per level.
    static func indented(_ part: MIMEPart, level: Int = 0) -> String {
        String(repeating: "    ", count: level) + part.contentType.value + "\n" + part.children.map { indented($0, level: level + 1) }.joined()
    }
}
