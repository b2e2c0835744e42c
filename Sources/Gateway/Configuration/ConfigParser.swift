import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailMessage
import MailTransportCurl

/// Reads the sections of the config file into a `GatewayConfig`.
struct ConfigParser {
    let file: URL
    let root: TOMLReader

    private var folder: URL { file.deletingLastPathComponent() }

    private func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardizedFileURL
    }

    func parse() throws -> GatewayConfig {
        try root.allowOnly([
            "gateway", "database", "inbound", "outbound", "severity", "reason", "template", "policy", "limits", "security", "notify", "http", "log",
            "retention",
            "calendar",
        ])
        let gateway = try root.table("gateway")
        try gateway.allowOnly(["address", "domain", "database", "name", "templates", "poll_interval", "batch_size"])
        let calendarParser = CalendarConfigParser(root: root)
        let calendars = try calendarParser.parseCalendars()
        let severities = try parseSeverities(calendars: calendars)
        let reasons = try root.tables("reason").map { reader in
            try reader.allowOnly(["name", "aliases"])
            return EscalationReason(name: try reader.string("name"), aliases: try reader.strings("aliases"))
        }
        guard !reasons.isEmpty else {
            throw ConfigError(file: root.file, key: "reason", expected: "at least one [[reason]] with a name and aliases")
        }
        let templates = try parseTemplates(severities: severities, calendars: calendars)
        let policy = try parsePolicy()
        let inbound = try inboundReaders()
        let database = try DatabaseConfigParser(root: root, resolve: resolve).parse()
        let limits = try root.optionalTable("limits")
        try limits?.allowOnly([
            "max_bytes", "max_parts", "max_depth", "max_attempts", "max_message_id_bytes", "max_references", "max_attachment_bytes",
        ])
        let defaults = ParseLimits()
        let maxAttempts = try limits?.int("max_attempts", default: 5) ?? 5
        if maxAttempts < 1, let limits {
            throw ConfigError(file: root.file, key: limits.key("max_attempts"), expected: "a whole number of at least 1 (default 5)")
        }
        return GatewayConfig(
            file: file, address: try gateway.address("address"), displayName: try gateway.optionalString("name") ?? "Escalations",
            domain: try gateway.string("domain"), database: database.location, leaseTime: database.lease,
            templatesFolder: try parseTemplatesFolder(gateway),
            inbound: try parseInbound(inbound), outbound: try parseOutbound(),
            retryAfter: try root.table("outbound").span("retry_after", default: "30s"),
            pollInterval: try inbound[0].optionalString("poll_interval") != nil
                ? try inbound[0].span("poll_interval") : try gateway.span("poll_interval", default: "10s"),
            batchSize: try inbound[0].optionalInt("batch_size") ?? (try gateway.int("batch_size", default: 200)),
            limits: ParseLimits(
                maxBytes: try limits?.int("max_bytes", default: defaults.maxBytes) ?? defaults.maxBytes,
                maxParts: try limits?.int("max_parts", default: defaults.maxParts) ?? defaults.maxParts,
                maxDepth: try limits?.int("max_depth", default: defaults.maxDepth) ?? defaults.maxDepth,
                maxMessageIDBytes: try limits?.int("max_message_id_bytes", default: defaults.maxMessageIDBytes) ?? defaults.maxMessageIDBytes,
                maxReferences: try limits?.int("max_references", default: defaults.maxReferences) ?? defaults.maxReferences),
            maxAttempts: maxAttempts,
            maxAttachmentBytes: try limits?.int("max_attachment_bytes", default: 10 << 20) ?? 10 << 20,
            escalation: EscalationConfiguration(
                severities: severities, reasons: ReasonCatalog(reasons), templates: templates, policy: policy, notify: try parseNotify(),
                calendars: calendars),
            security: try parseSecurity(database: database.location),
            http: try OperationsConfigParser(root: root, resolve: resolve).parseHTTP(),
            log: try OperationsConfigParser(root: root, resolve: resolve).parseLog(),
            retention: try OperationsConfigParser(root: root, resolve: resolve).parseRetention())
    }

    /// `[gateway] templates`: a folder that must exist (its files replace built-in ones).
    private func parseTemplatesFolder(_ gateway: TOMLReader) throws -> URL? {
        guard let path = try gateway.optionalString("templates") else { return nil }
        let folder = resolve(path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ConfigError(file: root.file, key: gateway.key("templates"), expected: "a folder of mail templates; \(folder.path) is none")
        }
        return folder
    }

    private func parseSeverities(calendars: [WorkingCalendar]) throws -> [Severity] {
        let readers = try root.tables("severity")
        guard !readers.isEmpty else {
            throw ConfigError(
                file: root.file, key: "severity", expected: "at least one [[severity]] with name, color, rank, response, update, resolution")
        }
        var seen = Set<String>()
        return try readers.map { reader in
            try reader.allowOnly(["name", "color", "rank", "response", "update", "resolution", "calendar"])
            let name = try reader.string("name")
            guard seen.insert(name.lowercased()).inserted else {
                throw ConfigError(file: root.file, key: reader.key("name"), expected: "a unique severity name; \"\(name)\" appears twice")
            }
            guard let rank = try reader.optionalInt("rank") else {
                throw ConfigError(file: root.file, key: reader.key("rank"), expected: "a whole number (1 is the most severe; the key is missing)")
            }
            return Severity(
                name: name, rank: rank, color: try reader.string("color"),
                targets: SLATargets(
                    response: try reader.span("response"), update: try reader.span("update"), resolution: try reader.span("resolution")),
                calendar: try CalendarConfigParser(root: root).calendarName(in: reader, calendars: calendars))
        }
    }

    private func parseTemplates(severities: [Severity], calendars: [WorkingCalendar]) throws -> [EscalationTemplate] {
        try root.tables("template").map { reader in
            try reader.allowOnly([
                "name", "type", "approval", "approvers", "add_case_group_manager", "approval_rule", "add_account_team", "assign_to",
                "default_severity",
                "accounts", "approval_reminder", "approval_timeout", "backup_approvers", "calendar",
            ])
            let typeName = try reader.string("type")
            guard let type = EscalationType(rawValue: typeName) else {
                throw ConfigError(file: root.file, key: reader.key("type"), expected: "\"case\" or \"account\", got \"\(typeName)\"")
            }
            let ruleName = try reader.optionalString("approval_rule") ?? "any"
            guard let rule = EscalationTemplate.ApprovalRule(rawValue: ruleName) else {
                throw ConfigError(file: root.file, key: reader.key("approval_rule"), expected: "\"any\" or \"all\", got \"\(ruleName)\"")
            }
            let approvers = try addresses("approvers", of: reader)
            let severity = try reader.string("default_severity")
            guard severities.contains(where: { $0.name.lowercased() == severity.lowercased() }) else {
                throw ConfigError(
                    file: root.file, key: reader.key("default_severity"),
                    expected: "one of the [[severity]] names (\(severities.map(\.name).joined(separator: ", "))), got \"\(severity)\"")
            }
            let assignTo = try reader.optionalString("assign_to").map { text in
                guard let address = EmailAddress(text) else {
                    throw ConfigError(file: root.file, key: reader.key("assign_to"), expected: "a mail address, got \"\(text)\"")
                }
                return address
            }
            let template = EscalationTemplate(
                name: try reader.string("name"), type: type, approvalRequired: try reader.bool("approval", default: false), approvers: approvers,
                approvalRule: rule, addCaseGroupManager: try reader.bool("add_case_group_manager", default: false),
                addAccountTeam: try reader.bool("add_account_team", default: false), assignTo: assignTo, defaultSeverity: severity,
                accounts: try reader.strings("accounts"), approvalReminder: try reader.optionalSpan("approval_reminder"),
                approvalTimeout: try reader.optionalSpan("approval_timeout"), backupApprovers: try addresses("backup_approvers", of: reader),
                calendar: try CalendarConfigParser(root: root).calendarName(in: reader, calendars: calendars))
            if template.approvalRequired, template.approvers.isEmpty, !(template.type == .case && template.addCaseGroupManager) {
                throw ConfigError(
                    file: root.file, key: reader.key("approvers"),
                    expected: "at least one approver when approval = true (an escalation is never approved automatically)")
            }
            return template
        }
    }

    private func addresses(_ key: String, of reader: TOMLReader) throws -> [EmailAddress] {
        try reader.strings(key).enumerated().map { index, text in
            guard let address = EmailAddress(text) else {
                throw ConfigError(file: root.file, key: "\(reader.key(key))[\(index)]", expected: "a mail address, got \"\(text)\"")
            }
            return address
        }
    }

    private func parsePolicy() throws -> EscalationPolicy {
        guard let reader = try root.optionalTable("policy") else { return EscalationPolicy() }
        try reader.allowOnly([
            "reescalation_cooldown", "sla_warning_share", "deescalation_roles", "allow_domain_contacts", "dialog_after_deescalation",
        ])
        let roles = try reader.strings("deescalation_roles").map { name in
            guard let role = DeescalationRole(rawValue: name) else {
                throw ConfigError(
                    file: root.file, key: reader.key("deescalation_roles"),
                    expected: "roles among \(DeescalationRole.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
            }
            return role
        }
        let share = try reader.double("sla_warning_share", default: 0.75)
        guard share > 0, share < 1 else {
            throw ConfigError(file: root.file, key: reader.key("sla_warning_share"), expected: "a share between 0 and 1, e.g. 0.75")
        }
        return EscalationPolicy(
            reescalationCooldown: try reader.span("reescalation_cooldown", default: "30m"), slaWarningShare: share,
            deescalationRoles: roles.isEmpty ? [.requester, .owner, .assignee] : Set(roles),
            allowDomainContacts: try reader.bool("allow_domain_contacts", default: false),
            dialogAfterDeescalation: try reader.span("dialog_after_deescalation", default: "14d"))
    }

    /// `[notify]`: event = [roles], each row replacing its default (`NotifyTable.defaults`).
    private func parseNotify() throws -> NotifyTable {
        guard let reader = try root.optionalTable("notify") else { return NotifyTable() }
        let events = NotifyTable.events.map(\.rawValue)
        try reader.allowOnly(Set(events))
        var rows: [Notice.Kind: [NotifyRole]] = [:]
        for event in NotifyTable.events where reader.has(event.rawValue) {
            rows[event] = try reader.strings(event.rawValue).map { name in
                guard let role = NotifyRole(rawValue: name) else {
                    throw ConfigError(
                        file: root.file, key: reader.key(event.rawValue),
                        expected: "roles among \(NotifyRole.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
                }
                return role
            }
        }
        return NotifyTable(overrides: rows)
    }

    /// `[security]`. The token secret defaults to a file beside a SQLite database; instances
    /// sharing PostgreSQL must each name the same secret, or one instance's approval links would
    /// not open on another.
    private func parseSecurity(database: StoreLocation) throws -> SecurityPolicy {
        let reader = try root.optionalTable("security")
        let secretFile = try reader?.optionalString("token_secret_file").map { resolve($0).path }
        guard
            let tokenSecretFile = secretFile
                ?? database.sqlitePath.map({ URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("token.secret").path })
        else {
            throw ConfigError(
                file: root.file, key: "security.token_secret_file",
                expected:
                    "the token secret file, the same on every instance, with [database] kind = \"postgres\" (instances check each other's approval links)"
            )
        }
        guard let reader else { return SecurityPolicy(tokenSecretFile: tokenSecretFile) }
        try reader.allowOnly([
            "token_secret_file", "plus_addressing", "require_authentication", "authserv_id", "answers_per_sender", "answers_per_thread",
            "unknown_sender_answers", "rate_window", "bounces_before_suppression",
        ])
        let requireAuthentication = try reader.bool("require_authentication", default: false)
        let authservID = try reader.optionalString("authserv_id")
        if requireAuthentication, authservID?.isEmpty ?? true {
            throw ConfigError(
                file: root.file, key: reader.key("authserv_id"),
                expected: "the authserv-id of your receiving server (e.g. \"mx.support.example\") when require_authentication = true")
        }
        return SecurityPolicy(
            tokenSecretFile: tokenSecretFile,
            plusAddressing: try reader.bool("plus_addressing", default: true), requireAuthentication: requireAuthentication,
            authservID: authservID, answersPerSender: try reader.int("answers_per_sender", default: 20),
            answersPerThread: try reader.int("answers_per_thread", default: 50),
            unknownSenderAnswers: try reader.int("unknown_sender_answers", default: 1),
            rateWindowSeconds: try reader.span("rate_window", default: "10m").seconds,
            bouncesBeforeSuppression: try reader.int("bounces_before_suppression", default: 2))
    }

    /// The `[inbound]` table, or each `[[inbound]]`: at least one.
    private func inboundReaders() throws -> [TOMLReader] {
        if root.isTable("inbound") { return [try root.table("inbound")] }
        let readers = try root.tables("inbound")
        guard !readers.isEmpty else { throw ConfigError(file: root.file, key: "inbound", expected: "an [inbound] section (missing)") }
        return readers
    }

    /// Each mailbox with its name; `poll_interval` and `batch_size` are read from the first only.
    private func parseInbound(_ readers: [TOMLReader]) throws -> [GatewayConfig.InboundMailbox] {
        var names = Set<String>()
        return try readers.enumerated().map { index, reader in
            if index > 0, let key = ["poll_interval", "batch_size"].first(where: reader.has) {
                throw ConfigError(
                    file: root.file, key: reader.key(key), expected: "no \(key) here: it is set once, in the first [[inbound]] or in [gateway]")
            }
            let source = try parseInboundSource(reader)
            let name = try reader.optionalString("name") ?? source.folderName
            guard names.insert(name).inserted else {
                throw ConfigError(
                    file: root.file, key: reader.key("name"),
                    expected: "a name of its own for each mailbox; \"\(name)\" is read twice (e.g. name = \"emea\")")
            }
            return GatewayConfig.InboundMailbox(name: name, source: source)
        }
    }

    private func parseInboundSource(_ reader: TOMLReader) throws -> GatewayConfig.Inbound {
        let kind = try reader.string("kind")
        switch kind {
        case "directory":
            try reader.allowOnly(["kind", "name", "path", "retry_after", "poll_interval", "batch_size"])
            return .directory(resolve(try reader.string("path")))
        case "maildir":
            try reader.allowOnly(["kind", "name", "path", "retry_after", "poll_interval", "batch_size"])
            return .maildir(resolve(try reader.string("path")))
        case "imap":
            try reader.allowOnly([
                "kind", "name", "url", "user", "password_file", "password_env", "ca_file", "tls", "processed", "failed", "poll_interval",
                "batch_size",
            ])
            let credentials = try serverCredentials(reader, schemes: ("imaps", "imap"))
            let mailbox = URL(string: credentials.url)?.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")) ?? ""
            return .imap(
                IMAPSettings(
                    credentials: credentials, mailbox: mailbox.isEmpty ? "INBOX" : mailbox,
                    processedFolder: try reader.optionalString("processed") ?? "Processed",
                    failedFolder: try reader.optionalString("failed") ?? "Failed"))
        default:
            throw ConfigError(file: root.file, key: reader.key("kind"), expected: "\"directory\", \"maildir\" or \"imap\", got \"\(kind)\"")
        }
    }

    /// URL, user, password (from a file or the environment, never inline), CA file and TLS mode.
    private func serverCredentials(_ reader: TOMLReader, schemes: (tls: String, plain: String)) throws -> ServerCredentials {
        let url = try reader.string("url")
        let scheme = url.split(separator: ":").first.map { String($0).lowercased() } ?? ""
        guard scheme == schemes.tls || scheme == schemes.plain else {
            throw ConfigError(
                file: root.file, key: reader.key("url"), expected: "\(schemes.tls)://host:port or \(schemes.plain)://host:port, got \"\(url)\"")
        }
        let tls = try reader.optionalString("tls")
        guard tls == nil || tls == "none" || tls == "required" else {
            throw ConfigError(file: root.file, key: reader.key("tls"), expected: "\"required\" (the default) or \"none\" (loopback tests only)")
        }
        let security: ServerCredentials.Security = scheme == schemes.tls ? .implicitTLS : (tls == "none" ? .none : .startTLS)
        return ServerCredentials(
            url: url, user: try reader.optionalString("user"), password: try reader.password(resolve: resolve),
            caFile: try reader.optionalString("ca_file").map { resolve($0).path },
            security: security)
    }

    private func parseOutbound() throws -> GatewayConfig.Outbound {
        let reader = try root.table("outbound")
        let kind = try reader.string("kind")
        switch kind {
        case "directory":
            try reader.allowOnly(["kind", "path", "retry_after"])
            return .directory(resolve(try reader.string("path")))
        case "smtp":
            try reader.allowOnly(["kind", "url", "user", "password_file", "password_env", "ca_file", "tls", "from", "helo", "retry_after"])
            return .smtp(
                SMTPSettings(
                    credentials: try serverCredentials(reader, schemes: ("smtps", "smtp")), helo: try reader.optionalString("helo"),
                    from: try reader.optionalString("from")))
        default:
            throw ConfigError(file: root.file, key: reader.key("kind"), expected: "\"directory\" or \"smtp\", got \"\(kind)\"")
        }
    }
}
