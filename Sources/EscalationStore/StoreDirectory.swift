public import EscalationCore
public import EscalationValues
import Foundation
import Synchronization

/// The directory as the gateway reads it: each record looked up in the directory tables on a
/// connection of its own the first time it is asked for, then kept (misses too) until more
/// than `capacity` records of its kind are kept, or the directory is imported again.
///
/// The whole directory held in memory cost 112 MB of `bench pipeline`'s 164 MB peak at
/// 100,000 mails (21,600 accounts with their contacts and cases); mail about one case asks
/// for the same few records again and again, so all but a record's first use in a while are
/// answered from memory.
public final class StoreDirectory: DirectoryLookup, Sendable {
    private struct Kept {
        var accounts: [AccountNumber: Account?] = [:]
        var cases: [CaseNumber: SupportCase?] = [:]
        var contacts: [EmailAddress: Contact?] = [:]
        var staff: [EmailAddress: StaffMember?] = [:]
        var domains: [String: [Account]] = [:]
        /// The directory's import count when the records were read.
        var generation = 0
    }

    private let connection: any SessionReading
    private let kept = Mutex(Kept())
    let capacity: Int

    /// Reads through `connection`, apart from the store's writer.
    init(connection: any SessionReading, capacity: Int = 8192) throws {
        self.connection = connection
        self.capacity = capacity
        let generation = try connection.read { try $0.directoryGeneration() }
        kept.withLock { $0.generation = generation }
    }

    /// Forgets every kept record when the directory was imported again since they were read,
    /// so that a new import takes effect as a whole; one indexed read.
    public func refresh() throws {
        let generation = try connection.read { try $0.directoryGeneration() }
        kept.withLock { kept in
            guard kept.generation != generation else { return }
            kept = Kept()
            kept.generation = generation
        }
    }

    public func account(_ number: AccountNumber) -> Account? {
        lookUp(\.accounts, number) { try $0.account(number) }
    }

    public func supportCase(_ number: CaseNumber) -> SupportCase? {
        lookUp(\.cases, number) { try $0.supportCase(number) }
    }

    public func contact(_ address: EmailAddress) -> Contact? {
        lookUp(\.contacts, address) { try $0.contact(address) }
    }

    public func staffMember(_ address: EmailAddress) -> StaffMember? {
        lookUp(\.staff, address) { try $0.staffMember(address) }
    }

    public func accounts(withDomain domain: String) -> [Account] {
        let domain = domain.lowercased()
        if let known = kept.withLock({ $0.domains[domain] }) { return known }
        let found = (try? connection.read { try $0.accounts(withDomain: domain) }) ?? []
        kept.withLock { $0.domains.keep(found, for: domain, capacity: capacity) }
        return found
    }

    /// The kept record of `key`, else the one read by `read` (nil: none), kept from now on.
    /// A failed read is not kept: the record is read again the next time.
    private func lookUp<Key: Hashable & Sendable, Record: Sendable>(
        _ map: WritableKeyPath<Kept, [Key: Record?]>, _ key: Key, read: (StoreSession) throws -> Record?
    ) -> Record? {
        if let known = kept.withLock({ $0[keyPath: map][key] }) { return known }
        let found: Record?
        do {
            found = try connection.read(read)
        } catch {
            return nil
        }
        kept.withLock { $0[keyPath: map].keep(found, for: key, capacity: capacity) }
        return found
    }
}

extension Dictionary {
    /// Sets the value of `key`; a new key beyond `capacity` keys first empties the dictionary.
    fileprivate mutating func keep(_ value: Value, for key: Key, capacity: Int) {
        if self[key] == nil, count >= capacity { removeAll(keepingCapacity: true) }
        self[key] = value
    }
}

extension Store {
    /// The directory, read from the store record by record (see `StoreDirectory`).
    public func directoryLookup() throws -> StoreDirectory {
        try StoreDirectory(connection: try engine.directoryReader())
    }
}
