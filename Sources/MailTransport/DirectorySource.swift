public import Foundation

/// Reads `*.eml` files from a folder in name order, and moves each to `processed/` or
/// `failed/` (with a `.reason.txt` beside it) once its outcome is committed.
public struct DirectorySource: MailSource {
    public let folder: URL

    public init(folder: URL) throws {
        self.folder = folder
        for sub in ["", "processed", "failed"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    public func fetch(limit: Int) throws -> [InboundMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.prefix(limit).map { name in
            let url = folder.appendingPathComponent(name)
            return InboundMail(raw: Array(try Data(contentsOf: url)), mailbox: folder.lastPathComponent, position: url.path)
        }
    }

    public func settle(_ mail: InboundMail, as settlement: Settlement) throws {
        let source = URL(fileURLWithPath: mail.position)
        let target: URL
        switch settlement {
        case .processed:
            target = folder.appendingPathComponent("processed").appendingPathComponent(source.lastPathComponent)
        case .failed(let reason):
            target = folder.appendingPathComponent("failed").appendingPathComponent(source.lastPathComponent)
            try Data((reason + "\n").utf8).write(to: target.appendingPathExtension("reason.txt"))
        }
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: source, to: target)
    }
}
