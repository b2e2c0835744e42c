import Foundation

extension TOMLReader {
    /// A server password from `password_file` (a path, resolved by `resolve`; its last line
    /// break dropped) or `password_env` (an environment variable); nil when neither key is set.
    /// A password is never written inline in the config.
    func password(resolve: (String) -> URL) throws -> String? {
        if let path = try optionalString("password_file") {
            guard let data = FileManager.default.contents(atPath: resolve(path).path) else {
                throw ConfigError(file: file, key: key("password_file"), expected: "a readable file holding the password, got \"\(path)\"")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        if let variable = try optionalString("password_env") {
            guard let value = ProcessInfo.processInfo.environment[variable] else {
                throw ConfigError(file: file, key: key("password_env"), expected: "an environment variable that is set, got \"\(variable)\" (unset)")
            }
            return value
        }
        return nil
    }
}
