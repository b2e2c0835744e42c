import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The token secret: read from its file, or created there with mode 0600 on first run.
enum SecretFile {
    static func loadOrCreate(path: String) throws -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count >= 32 else {
                throw ConfigError(
                    file: path, key: "security.token_secret_file",
                    expected: "a secret of at least 32 characters (delete the file to have one generated)")
            }
            return Array(text.utf8)
        }
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let text = bytes.map { String(format: "%02x", $0) }.joined()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw ConfigError(file: path, key: "security.token_secret_file", expected: "a writable place for the token secret")
        }
        defer { close(descriptor) }
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
        fsync(descriptor)
        return Array(text.utf8)
    }
}
