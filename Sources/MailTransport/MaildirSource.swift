public import Foundation

/// Reads a Maildir (`new/` then `cur/`), and moves each mail into the Maildir++ folders
/// `.Processed` or `.Failed` once its outcome is committed.
public struct MaildirSource: MailSource {
    public let root: URL

    public init(root: URL) throws {
        self.root = root
        for folder in ["", ".Processed", ".Failed"] {
            for sub in ["new", "cur", "tmp"] {
                try FileManager.default.createDirectory(
                    at: root.appendingPathComponent(folder).appendingPathComponent(sub), withIntermediateDirectories: true)
            }
        }
    }

    public func fetch(limit: Int) throws -> [InboundMail] {
        var mails: [InboundMail] = []
        for sub in ["new", "cur"] {
            let folder = root.appendingPathComponent(sub)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
            for name in names where mails.count < limit {
                let url = folder.appendingPathComponent(name)
                mails.append(InboundMail(raw: Array(try Data(contentsOf: url)), mailbox: root.lastPathComponent, position: url.path))
            }
        }
        return mails
    }

    public func settle(_ mail: InboundMail, as settlement: Settlement) throws {
        let source = URL(fileURLWithPath: mail.position)
        let folder: String
        switch settlement {
        case .processed: folder = ".Processed"
        case .failed: folder = ".Failed"
        }
        let base = source.lastPathComponent.split(separator: ":").first.map(String.init) ?? source.lastPathComponent
        let target = root.appendingPathComponent(folder).appendingPathComponent("cur").appendingPathComponent(base + ":2,S")
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: source, to: target)
        if case .failed(let reason) = settlement {
            try Data((reason + "\n").utf8).write(to: root.appendingPathComponent(".Failed").appendingPathComponent(base + ".reason.txt"))
        }
    }
}
