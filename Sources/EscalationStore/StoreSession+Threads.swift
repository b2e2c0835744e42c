import Foundation
import GRDB

/// A stored Message-ID on a case's or account's thread.
public struct ThreadMessage: Hashable, Sendable {
    public var messageID: String
    public var source: String
    public var request: String?
    public var recipient: String?
    public var outbound: Bool
}

extension StoreSession {
    /// Records a Message-ID as part of a thread, inbound or outbound, after the thread's latest;
    /// a known ID is kept as it is.
    public func recordThreadMessage(_ messageID: String, source: String, request: String?, recipient: String?, outbound: Bool) throws {
        if try execute(HotPathSQL.threadAppend.rawValue, [messageID, source, request, recipient, outbound, source]) > 0 {
            cache?.appendToThread(source, messageID: messageID, latestCount: Self.cachedThreadLatest)
        }
    }

    /// The first stored message among these IDs (given strongest first). Columns are read by
    /// position (in the statement's order): by name, each lookup lower-cased the names.
    public func threadMessage(amongst messageIDs: [String]) throws -> ThreadMessage? {
        for id in messageIDs {
            if let row = try row(HotPathSQL.threadMessageByID.rawValue, [id]) {
                return ThreadMessage(messageID: row[0], source: row[1], request: row[2], recipient: row[3], outbound: row[4])
            }
        }
        return nil
    }

    /// Whether the gateway itself sent a mail with this Message-ID.
    public func isOwnMessageID(_ messageID: String) throws -> Bool {
        (try value(HotPathSQL.sentMessageExists.rawValue, [messageID]) as Bool?) ?? false
    }

    /// The thread's root and its latest messages, for References (oldest first, at most `limit`).
    /// A write session reads a thread once and then keeps its ends (`StateCache`).
    public func threadReferences(source: String, limit: Int = 12) throws -> [String] {
        let cacheable = limit - 1 == Self.cachedThreadLatest
        let ends: StateCache.ThreadEnds
        if cacheable, let cached = cache?.threadEnds(source) {
            ends = cached
        } else {
            let root = (try value(HotPathSQL.threadRoot.rawValue, [source]) as String?)
            let latest = (try values(HotPathSQL.threadLatest.rawValue, [source, limit - 1]) as [String])
            ends = StateCache.ThreadEnds(root: root, latest: latest.reversed())
            if cacheable { cache?.remember(ends, forThread: source) }
        }
        return ([ends.root].compactMap { $0 } + ends.latest).reduce(into: []) { result, id in if !result.contains(id) { result.append(id) } }
    }

    /// The subject the thread keeps for its whole life, if one was recorded when it started.
    public func threadSubject(source: String) throws -> String? {
        if let cached = cache?.threadSubject(source) { return cached }
        let subject = (try value(HotPathSQL.threadSubject.rawValue, [source]) as String?)
        if let subject { cache?.remember(threadSubject: subject, for: source) }
        return subject
    }

    /// Records `subject` as the thread's subject if the thread has no mail yet: call it before
    /// recording the mail that starts the thread.
    public func startThread(source: String, subject: String) throws {
        if try execute(HotPathSQL.threadSubjectStart.rawValue, [source, subject, source]) > 0 {
            cache?.remember(threadSubject: subject, for: source)
        }
    }

    /// The Message-ID of the latest mail that `recipient` got on the thread under the thread's
    /// subject (the conversation later mail to them joins), or nil.
    public func latestInConversation(source: String, recipient: String) throws -> String? {
        let key = source + "\u{0}" + recipient
        if let cached = cache?.conversationLatest(key) { return cached.isEmpty ? nil : cached }
        let latest = (try value(HotPathSQL.threadReaderLatest.rawValue, [source, recipient]) as String?)
        cache?.remember(conversationLatest: latest ?? "", for: key)
        return latest
    }

    /// Records a mail to `recipient` under the thread's subject as their latest there.
    public func recordConversationMail(_ messageID: String, source: String, recipient: String) throws {
        try execute(
            """
            INSERT INTO thread_reader(source, recipient, message_id) VALUES (?, ?, ?)
            ON CONFLICT(source, recipient) DO UPDATE SET message_id = excluded.message_id
            """, [source, recipient, messageID])
        cache?.remember(conversationLatest: messageID, for: source + "\u{0}" + recipient)
    }

    /// How many latest IDs of a thread the state cache keeps: what `threadReferences` asks for by default.
    private static let cachedThreadLatest = 11
}
