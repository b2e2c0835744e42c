public import Foundation

/// What `init DIR` writes: a starter config that works as it is (a folder inbox and outbox, a
/// database beside them, the operations listener on loopback) and an empty directory file.
public enum StarterFiles {
    /// The files, by name within the folder.
    public static let files: [(name: String, text: String)] = [
        ("gateway.toml", config),
        ("directory.json", "{\n  \"accounts\": [],\n  \"contacts\": [],\n  \"staff\": [],\n  \"cases\": []\n}\n"),
    ]

    /// Writes the starter files into `folder` (created when missing) with an `inbox` and an
    /// `outbox` folder; refuses to overwrite an existing file.
    public static func write(into folder: URL) throws {
        let manager = FileManager.default
        for (name, _) in files where manager.fileExists(atPath: folder.appendingPathComponent(name).path) {
            throw ConfigError(file: folder.appendingPathComponent(name).path, key: "", expected: "no file there yet: init never overwrites one")
        }
        for sub in ["inbox", "outbox", "state"] {
            try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    /// Two severities and two reasons, as the starter config and the benchmark's have them.
    package static let severitiesAndReasons = """
        [[severity]]
        name = "high"
        color = "red"
        rank = 1
        response = "1h"
        update = "4h"
        resolution = "2d"

        [[severity]]
        name = "medium"
        color = "orange"
        rank = 2
        response = "4h"
        update = "1d"
        resolution = "5d"

        [[reason]]
        name = "Lack of Progress"
        aliases = ["lack of progress", "no progress", "stalled"]

        [[reason]]
        name = "Customer Imposed Deadline"
        aliases = ["customer imposed deadline", "deadline"]
        """

    private static let config = """
        # Escalation Gateway: a starter config. Edit [gateway] address and domain, the approvers of
        # [[template]], then [inbound]/[outbound] (kind = "imap"/"smtp" for real mail; see README).
        [gateway]
        address = "escalations@support.example"
        domain = "support.example"
        database = "state/gateway.sqlite"

        [inbound]
        kind = "directory"
        path = "inbox"
        poll_interval = "10s"
        batch_size = 200

        [outbound]
        kind = "directory"
        path = "outbox"

        [http]
        listen = "127.0.0.1:9464"

        [log]
        format = "text"
        level = "info"

        \(severitiesAndReasons)

        [[template]]
        name = "case-default"
        type = "case"
        approval = false
        default_severity = "medium"

        [[template]]
        name = "account-default"
        type = "account"
        approval = false
        default_severity = "high"

        """
}
