public import Foundation

/// Finds `../shared/corpus` beside the checkout (or `$CORPUS_DIR`). The corpus is other people's
/// writing: it is read where it is and never copied into the project.
public enum CorpusLocation {
    /// The checkout's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The corpus folder, or nil when it is not beside the checkout.
    public static var root: URL? {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["CORPUS_DIR"], repository.deletingLastPathComponent().appendingPathComponent("shared/corpus").path,
        ]
        return candidates.compactMap { $0 }.map(URL.init(fileURLWithPath:)).first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("README.md").path)
        }
    }

    /// The fixtures of one source's MANIFEST.json.
    public static func manifest(_ source: String) throws -> [[String: Any]] {
        guard let root else { return [] }
        let data = try Data(contentsOf: root.appendingPathComponent(source).appendingPathComponent("MANIFEST.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["fixtures"] as? [[String: Any]] ?? []
    }

    /// The bytes of one fixture file.
    public static func file(_ source: String, _ path: String) throws -> Data {
        guard let root else { throw CocoaError(.fileNoSuchFile) }
        return try Data(contentsOf: root.appendingPathComponent(source).appendingPathComponent(path))
    }

    /// A known-failures list of the project (`source/file <TAB> reason` per line, `#` comments).
    public static func knownFailures(_ relativePath: String) -> [String: String] {
        let text = (try? String(contentsOf: repository.appendingPathComponent(relativePath), encoding: .utf8)) ?? ""
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }
}
