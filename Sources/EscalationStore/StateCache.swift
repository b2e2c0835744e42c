import EscalationCore
import EscalationValues
import Synchronization

/// The decoded requests and escalation of recently decided cases and accounts, the ends of
/// their mail threads, the next free numbers and the suppressed addresses, as the writer
/// connection last wrote them: a mail about a subject decided a moment ago needs no query and
/// no JSON decoding, its answers are placed on the thread without reading it again, and their
/// recipients are checked against the suppression list without a query each.
///
/// Only write transactions use it, so it never shows a reader what is not committed. It is
/// emptied whenever what it holds may differ from the database: a savepoint or transaction
/// that rolled back, a commit that failed, or another connection's commit (SQLite's
/// `data_version`). It keeps at most `capacity` subjects (and threads), and as many readers'
/// latest mails as a thread has readers, several per subject, and starts a map again empty past
/// that: sized so that a busy day's cases stay in it, where one key per case filled it before.
final class StateCache: Sendable {
    struct Subject: Sendable {
        var requests: [EscalationRequest]
        var escalation: Escalation?
    }

    /// The ends of one thread: its first Message-ID and its latest ones, oldest first.
    struct ThreadEnds: Sendable {
        var root: String?
        var latest: [String]
    }

    private struct Contents {
        var subjects: [EscalationSource: Subject] = [:]
        var threads: [String: ThreadEnds] = [:]
        var threadSubjects: [String: String] = [:]
        /// The latest mail under a thread's subject per thread and recipient ("": none).
        var conversationLatest: [String: String] = [:]
        var counters: [String: Int] = [:]
        /// Every suppressed address, once read (nil before, or when there are more than `capacity`).
        var suppressed: Set<String>?
        /// SQLite's `data_version` when the contents were last known to match the file.
        var dataVersion: Int?
    }

    let capacity: Int
    /// Readers' latest mails kept per subject of `capacity`.
    private static let readersPerSubject = 4
    private let contents = Mutex(Contents())

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    func subject(_ source: EscalationSource) -> Subject? {
        contents.withLock { $0.subjects[source] }
    }

    func remember(_ subject: Subject, for source: EscalationSource) {
        contents.withLock { $0.subjects.set(subject, for: source, capacity: capacity) }
    }

    /// The ends of a thread as last read or written.
    func threadEnds(_ source: String) -> ThreadEnds? {
        contents.withLock { $0.threads[source] }
    }

    func remember(_ ends: ThreadEnds, forThread source: String) {
        contents.withLock { $0.threads.set(ends, for: source, capacity: capacity) }
    }

    /// Adds a Message-ID just appended to a thread to the thread's ends, if they are known,
    /// keeping at most `latestCount` latest.
    func appendToThread(_ source: String, messageID: String, latestCount: Int) {
        contents.withLock { contents in
            guard var ends = contents.threads[source] else { return }
            if ends.root == nil { ends.root = messageID }
            ends.latest.append(messageID)
            if ends.latest.count > latestCount { ends.latest.removeFirst(ends.latest.count - latestCount) }
            contents.threads[source] = ends
        }
    }

    /// A thread's subject as last read or written.
    func threadSubject(_ source: String) -> String? {
        contents.withLock { $0.threadSubjects[source] }
    }

    func remember(threadSubject subject: String, for source: String) {
        contents.withLock { $0.threadSubjects.set(subject, for: source, capacity: capacity) }
    }

    /// The latest mail a recipient got under the thread's subject: nil when not known here,
    /// "" when they got none.
    func conversationLatest(_ key: String) -> String? {
        contents.withLock { $0.conversationLatest[key] }
    }

    func remember(conversationLatest messageID: String, for key: String) {
        contents.withLock { $0.conversationLatest.set(messageID, for: key, capacity: capacity * Self.readersPerSubject) }
    }

    func counter(_ name: String) -> Int? {
        contents.withLock { $0.counters[name] }
    }

    func remember(counter name: String, _ value: Int) {
        contents.withLock { $0.counters[name] = value }
    }

    /// Every suppressed address, if the whole list is held.
    func suppressedAddresses() -> Set<String>? {
        contents.withLock { $0.suppressed }
    }

    func remember(suppressed addresses: Set<String>) {
        contents.withLock { $0.suppressed = addresses }
    }

    /// Adds an address just suppressed to the list, if the list is held.
    func noteSuppressed(_ address: String) {
        contents.withLock { contents in
            contents.suppressed?.insert(address)
            if let count = contents.suppressed?.count, count > capacity { contents.suppressed = nil }
        }
    }

    /// Empties the cache unless `dataVersion` is the one it was last validated with (no other
    /// connection committed since), and records `next` (by default the same: SQLite's
    /// `data_version` does not count the writer's own commits, PostgreSQL's `store_write` does).
    func validate(dataVersion: Int, advancingTo next: Int? = nil) {
        contents.withLock { contents in
            if contents.dataVersion != dataVersion { contents = Contents() }
            contents.dataVersion = next ?? dataVersion
        }
    }

    /// Forgets everything: what it held may have been rolled back.
    func clear() {
        contents.withLock { $0 = Contents() }
    }
}

extension Dictionary {
    /// Sets the value of `key`; a new key beyond `capacity` keys first empties the dictionary.
    fileprivate mutating func set(_ value: Value, for key: Key, capacity: Int) {
        if self[key] == nil, count >= capacity { removeAll(keepingCapacity: true) }
        self[key] = value
    }
}
