/// A configuration or directory file that cannot be used: names the file, the key (and line
/// where known) and what is expected there.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var key: String
    public var line: Int?
    public var expected: String

    public init(file: String, key: String, line: Int? = nil, expected: String) {
        self.file = file
        self.key = key
        self.line = line
        self.expected = expected
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(location): \(expected)" : "\(location): \(key): \(expected)"
    }
}
