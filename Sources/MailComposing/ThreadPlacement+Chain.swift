import Foundation

extension ThreadPlacement {
    /// A mail's place on its thread: In-Reply-To the parent, and References (RFC 5322 §3.6.4)
    /// holding the thread's root, the latest mail this recipient got on the thread and the
    /// parent, oldest first, each once. Identifiers longer than `maxIDBytes` are left out (with
    /// at most 250 bytes each, no folded References line passes RFC 5322's 998 octets), and at
    /// most `maxReferences` remain, the root kept first.
    public static func answering(
        parent: String?, root: String?, latestToRecipient: String?, maxIDBytes: Int, maxReferences: Int
    ) -> ThreadPlacement {
        let fits: (String) -> Bool = { !$0.isEmpty && $0.utf8.count <= maxIDBytes }
        var chain: [String] = []
        for id in [root, latestToRecipient, parent].compactMap({ $0 }) where fits(id) && !chain.contains(id) {
            chain.append(id)
        }
        if chain.count > maxReferences, maxReferences > 0 {
            chain = [chain[0]] + chain.suffix(maxReferences - 1)
        }
        return ThreadPlacement(inReplyTo: parent.flatMap { fits($0) ? $0 : nil }, references: maxReferences > 0 ? chain : [])
    }
}
