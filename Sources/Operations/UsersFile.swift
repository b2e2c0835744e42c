import Foundation
import HummingbirdBcrypt

/// `[http] users_file`: one `user:bcrypt-hash` per line (`#` starts a comment), as
/// `htpasswd -B` writes it. Passwords are checked against the hashes only.
struct UsersFile: Sendable {
    private let hashes: [String: String]

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var hashes: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { hashes[String(parts[0])] = String(parts[1]).trimmingCharacters(in: .whitespaces) }
        }
        self.hashes = hashes
    }

    /// Whether `password` is `user`'s.
    func verify(user: String, password: String) -> Bool {
        guard let hash = hashes[user] else { return false }
        return Bcrypt.verify(password, hash: hash)
    }
}
