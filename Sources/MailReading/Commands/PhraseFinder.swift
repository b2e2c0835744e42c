/// A command phrase found in a reply, and whether it stands.
struct Finding {
    enum Status: Equatable {
        /// Nothing governs it: it is a command.
        case stands
        case negated
        case conditional
        case doubtful
        /// Weighed, not given ("should we escalate?"): it is talk, not a command.
        case deliberation
    }

    var kind: CommandKind
    /// The phrase's words: `first..<end`.
    var first: Int
    var end: Int
    /// A command word at the very start of the reply.
    var strict: Bool
    var status: Status
    /// The address, case number, level or trend the phrase names, when it needs one.
    var value: String?
}

/// Finds every command phrase in a reply's words and what governs each: a negation or a doubt
/// in its clause, a condition in its clause (or opening its sentence, or right after it), a
/// question that weighs rather than asks. Also finds where the writer takes something back.
struct PhraseFinder {
    let words: ReplyWords
    private var list: [ReplyWord] { words.words }

    /// Every phrase, in order of appearance.
    func findings() -> [Finding] {
        var result: [Finding] = []
        var index = 0
        if let strict = strictFinding() {
            result.append(strict)
            index = strict.end
        }
        while index < list.count {
            guard let (trigger, length) = CommandPhrases.triggers.match(list, at: index) else {
                index += 1
                continue
            }
            if var finding = accept(trigger, at: index, length: length) {
                finding.status = status(of: finding)
                // A decision word out of place is talk about a decision, unless something governs it.
                let governed = finding.status != .stands && finding.status != .deliberation
                if trigger.placement != .decision || governed || isDecisionPlace(index, end: index + length, clause: clauseRange(of: index)) {
                    result.append(finding)
                }
            }
            index += length
        }
        return result
    }

    /// The first word at which the writer takes back what came before: "Actually, no",
    /// "just kidding", "doch nicht", "es broma", or a bare "NOT!" right after the command.
    func firstReversal(after start: Int) -> Int? {
        guard start > 0 else { return nil }
        let commandClause = list[start - 1].clause
        var index = start
        while index < list.count {
            let word = list[index]
            if GoverningWords.reversals.match(list, at: index) != nil { return index }
            if GoverningWords.reversalLeads.contains(word.folded),
                list[(index + 1)..<min(list.count, index + 3)].contains(where: { GoverningWords.bareNegations.contains($0.lower) })
            {
                return index
            }
            // A bare "no" right after the command, or shouted: "APPROVE – NOT!", "Approve. No."
            if GoverningWords.bareNegations.contains(word.lower),
                words.isFollowed(index, by: "!") || clauseRange(of: index).count == 1 && word.clause == commandClause + 1
            {
                return index
            }
            index += 1
        }
        return nil
    }

    private func strictFinding() -> Finding? {
        guard let first = list.first, words.text[..<first.range.lowerBound].allSatisfy({ $0.isWhitespace || $0.isPunctuation }),
            let (kind, length) = CommandPhrases.strictWords.match(list, at: 0),
            kind != .pending || clauseRange(of: 0).count == length
        else { return nil }
        var finding = Finding(kind: kind, first: 0, end: length, strict: true, status: .stands)
        finding.status = status(of: finding)
        return finding
    }

    private func accept(_ trigger: Trigger, at index: Int, length: Int) -> Finding? {
        let end = index + length
        let clause = clauseRange(of: index)
        var finding = Finding(kind: trigger.kind, first: index, end: end, strict: false, status: .stands)
        switch trigger.kind {
        case .approve where end < clause.upperBound && list[end].lower == "and":
            return nil
        case .escalate where clause.contains(where: { ["account", "konto", "kundenkonto", "compte", "cuenta"].contains(list[$0].folded) }):
            finding.kind = .escalateAccount
        case .severity, .trend:
            guard end < clause.upperBound else { return nil }
            finding.value = words.written(list[end].range)
        case .watch, .assign:
            guard let address = clause.first(where: { list[$0].lower.contains("@") }) else { return nil }
            finding.value = words.written(list[address].range)
            if trigger.kind == .watch, clause.contains(where: { GoverningWords.removals.contains(list[$0].folded) }) { finding.kind = .unwatch }
        case .link, .unlink:
            guard let number = clause.first(where: { Self.isCaseNumber(list[$0].lower) }) else { return nil }
            finding.value = words.written(list[number].range).uppercased()
        default:
            break
        }
        return finding
    }

    private static func isCaseNumber(_ word: String) -> Bool {
        word.hasPrefix("cs") && word.utf8.count >= 6 && word.utf8.dropFirst(2).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A decision word counts first in its clause, after a subject or auxiliary, or ending a short clause.
    private func isDecisionPlace(_ index: Int, end: Int, clause: Range<Int>) -> Bool {
        if index == clause.lowerBound || GoverningWords.decisionLeads.contains(list[index - 1].lower) { return true }
        // "Please approve" asks for a decision; it does not give one.
        if GoverningWords.politeness.contains(list[index - 1].folded) { return false }
        return end == clause.upperBound && clause.count <= 5
    }

    private func clauseRange(of index: Int) -> Range<Int> { span(of: index, \.clause) }

    private func sentenceRange(of index: Int) -> Range<Int> { span(of: index, \.sentence) }

    /// The words around `index` that share its clause or sentence.
    private func span(of index: Int, _ part: KeyPath<ReplyWord, Int>) -> Range<Int> {
        let number = list[index][keyPath: part]
        var start = index
        while start > 0, list[start - 1][keyPath: part] == number { start -= 1 }
        var end = index + 1
        while end < list.count, list[end][keyPath: part] == number { end += 1 }
        return start..<end
    }

    private func effects(in range: Range<Int>) -> [GoverningWords.Effect] {
        var result: [GoverningWords.Effect] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if list[index].lower.hasSuffix("n't") {
                result.append(.negation)
                index += 1
            } else if let (effect, length) = GoverningWords.governing.match(list, at: index), !isPoliteCondition(effect, at: index + length) {
                result.append(effect)
                index += length
            } else {
                index += 1
            }
        }
        return result
    }

    /// "if possible", "wenn möglich", "si possible", "si es posible": politeness, not a condition.
    private func isPoliteCondition(_ effect: GoverningWords.Effect, at next: Int) -> Bool {
        guard effect == .condition, next < list.count else { return false }
        let following = list[next..<min(list.count, next + 3)].map(\.folded)
        guard let first = following.first else { return false }
        if ["possible", "moglich", "posible"].contains(first) { return true }
        if first == "es", following.dropFirst().first == "posible" { return true }
        return ["you", "vous", "du", "sie"].contains(first)
            && following.dropFirst().first.map { ["can", "could", "pouvez", "kannst", "konnen"].contains($0) } == true
    }

    private func status(of finding: Finding) -> Finding.Status {
        let clause = clauseRange(of: finding.first)
        // Asking what waits is never conditional, and a question is its natural form ("my approvals?").
        if finding.kind == .pending {
            return effects(in: clause.lowerBound..<finding.end).contains(.negation) ? .negated : .stands
        }
        let sentence = sentenceRange(of: finding.first)
        if isDeliberation(finding, sentence: sentence) { return .deliberation }
        let before = effects(in: clause.lowerBound..<finding.first)
        let after = effects(in: finding.end..<min(clause.upperBound, finding.end + 3))
        let inside = effects(in: finding.first..<finding.end)
        // A rejection's reason may start with a negation ("REJECT not now", "Rejected, not urgent").
        if before.contains(.negation) || inside.contains(.negation) || finding.kind != .reject && after.contains(.negation) { return .negated }
        if before.contains(.doubt) || after.contains(.doubt) { return .doubtful }
        if before.contains(.condition) || after.contains(.condition)
            || effects(in: sentence.lowerBound..<(sentence.lowerBound + 1)).contains(.condition)
        {
            return .conditional
        }
        // A condition opening the clause right after it: "Approved, pending…", "Bitte deeskalieren, falls…".
        if finding.end < list.count, list[finding.end].clause != list[finding.end - 1].clause,
            effects(in: finding.end..<(finding.end + 1)).contains(.condition)
        {
            return .conditional
        }
        return .stands
    }

    private func isDeliberation(_ finding: Finding, sentence: Range<Int>) -> Bool {
        let lead = sentence.lowerBound..<finding.first
        let clause = list[finding.first].clause
        var weighs = false
        var weighsInStatement = false
        var asks = false
        for index in lead {
            switch GoverningWords.deliberations.match(list, at: index)?.value {
            case .question: weighs = true
            case .sentence: weighsInStatement = true
            case .clause where list[index].clause == clause: weighsInStatement = true
            default: break
            }
            if GoverningWords.requestMarkers.match(list, at: index) != nil { asks = true }
        }
        if words.isQuestion[list[finding.first].sentence] { return weighs || weighsInStatement || !asks }
        return weighsInStatement
    }
}
