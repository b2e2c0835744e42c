import Foundation

/// Finds `../shared/corpus` beside the checkout (or `$CORPUS_DIR`). The corpus is other people's
/// writing: it is read where it is and never copied into the project.
enum CorpusLocation {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var root: URL? {
        let candidates: [String?] = [ProcessInfo.processInfo.environment["CORPUS_DIR"], repository.deletingLastPathComponent().appendingPathComponent("shared/corpus").path]
        return candidates.compactMap { $0 }.map(URL.init(fileURLWithPath:)).first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("README.md").path) }
    }

    /// The fixtures of one source's MANIFEST.json.
    static func manifest(_ source: String) throws -> [[String: Any]] {
        guard let root else { return [] }
        let data = try Data(contentsOf: root.appendingPathComponent(source).appendingPathComponent("MANIFEST.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["fixtures"] as? [[String: Any]] ?? []
    }

    static func file(_ source: String, _ path: String) throws -> Data {
        guard let root else { throw CocoaError(.fileNoSuchFile) }
        return try Data(contentsOf: root.appendingPathComponent(source).appendingPathComponent(path))
    }
}
