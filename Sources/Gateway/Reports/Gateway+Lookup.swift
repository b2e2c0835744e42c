public import EscalationCore

extension Gateway {
    /// The directory the gateway works with, for the names and titles that reports and the
    /// dashboard show beside numbers and addresses.
    public var directoryLookup: any DirectoryLookup { directory }
}
