internal import EscalationValues

extension IMAPGrammarReader {
    /// `response` (RFC 3501 §9): a continuation request, an untagged or a tagged response.
    mutating func response() throws(IMAPParseError) -> IMAPResponse {
        if skip(.plus) {
            _ = skip(.space)
            let text = text()
            try expectEnd()
            return .continuation(text: text)
        }
        if skip(.asterisk) {
            try expect(.space, "a space after *")
            return .untagged(try untagged())
        }
        let tag = tag()
        guard !tag.isEmpty else { throw error(expected: "a tag, * or + at the start of a response") }
        try expect(.space, "a space after the tag")
        let start = position
        guard let status = IMAPStatus(rawValue: atom().uppercased()), [.ok, .no, .bad].contains(status) else {
            throw error(at: start, expected: "OK, NO or BAD after the tag")
        }
        return .tagged(tag: tag, try statusResponse(status))
    }

    /// `response-data` after `* ` (RFC 3501 §7.1 to §7.4).
    private mutating func untagged() throws(IMAPParseError) -> IMAPUntaggedResponse {
        if let byte = next, byte.isDigit { return try messageData() }
        let name = atom().uppercased()
        if let status = IMAPStatus(rawValue: name) { return .condition(try statusResponse(status)) }
        switch name {
        case "":
            throw error(expected: "the name of a response after * ")
        case "CAPABILITY":
            var capabilities: [String] = []
            while skip(.space), !isAtLineEnd {
                let capability = atom()
                guard !capability.isEmpty else { throw error(expected: "a capability") }
                capabilities.append(capability.uppercased())
            }
            try expectEnd()
            return .capability(capabilities)
        case "FLAGS":
            try expect(.space, "a space after FLAGS")
            let flags = try flagList("( opening the list of flags")
            try expectEnd()
            return .flags(flags)
        case "SEARCH":
            var numbers: [UInt32] = []
            // QUIRK: RFC 3501 §9 has no space after an empty SEARCH; some servers send one.
            while skip(.space), !isAtLineEnd { numbers.append(try nonzeroNumber("a number in SEARCH")) }
            try expectEnd()
            return .search(numbers)
        default:
            skipToEnd()
            return .other(name: name)
        }
    }

    /// `message-data` and the numbered `mailbox-data` (RFC 3501 §9): `4 EXISTS`, `1 RECENT`,
    /// `2 EXPUNGE`, `3 FETCH (…)`.
    private mutating func messageData() throws(IMAPParseError) -> IMAPUntaggedResponse {
        let numberStart = position
        let number = try number("a message number")
        try expect(.space, "a space after the message number")
        let name = atom().uppercased()
        let response: IMAPUntaggedResponse
        switch name {
        case "EXISTS": response = .exists(number)
        case "RECENT": response = .recent(number)
        case "EXPUNGE": response = .expunge(try sequenceNumber(number, at: numberStart))
        case "FETCH":
            let sequence = try sequenceNumber(number, at: numberStart)
            try expect(.space, "a space after FETCH")
            response = .fetch(sequence: sequence, try fetchAttributes())
        case "":
            throw error(expected: "EXISTS, RECENT, EXPUNGE or FETCH after the message number")
        default:
            skipToEnd()
            return .other(name: name)
        }
        try expectEnd()
        return response
    }

    /// `resp-text` (RFC 3501 §9) after a status word: an optional code in brackets, then text.
    private mutating func statusResponse(_ status: IMAPStatus) throws(IMAPParseError) -> IMAPStatusResponse {
        var code: IMAPResponseCode?
        // QUIRK: RFC 3501 §9 wants a space and text after the status; servers send `G3 OK` alone too.
        if skip(.space), next == .openBracket {
            code = try responseCode()
            _ = skip(.space)
        }
        let text = text()
        try expectEnd()
        return IMAPStatusResponse(status: status, code: code, text: text)
    }

    /// `resp-text-code` (RFC 3501 §9): `[UIDVALIDITY 1700000000]`, `[UIDNEXT 18]`, `[READ-WRITE]`…
    private mutating func responseCode() throws(IMAPParseError) -> IMAPResponseCode {
        try expect(.openBracket, "[ opening a response code")
        let name = atom().uppercased()
        guard !name.isEmpty else { throw error(expected: "the name of a response code") }
        let code: IMAPResponseCode
        switch name {
        case "UIDVALIDITY":
            try expect(.space, "a space after UIDVALIDITY")
            code = .uidValidity(try uidValidity())
        case "UIDNEXT":
            try expect(.space, "a space after UIDNEXT")
            code = .uidNext(try uid("UIDNEXT"))
        default:
            var text = ""
            if skip(.space) {
                let start = position
                skip { $0 != .closeBracket && $0 != .cr && $0 != .lf }
                text = String(decoding: consumed(since: start), as: UTF8.self)
            }
            code = .other(name: name, text: text)
        }
        try expect(.closeBracket, "] closing the response code")
        return code
    }

    /// A message sequence number (`nz-number`, RFC 3501 §9) read as `number` at `start`.
    private func sequenceNumber(_ number: UInt32, at start: Int) throws(IMAPParseError) -> UInt32 {
        guard number != 0 else { throw error(at: start, expected: "a message sequence number other than 0") }
        return number
    }

    /// A `uniqueid` (RFC 3501 §9): a nonzero number.
    mutating func uid(_ context: String) throws(IMAPParseError) -> UID {
        let start = position
        guard let uid = UID(rawValue: try number("the \(context) number")) else { throw error(at: start, expected: "a \(context) other than 0") }
        return uid
    }

    private mutating func uidValidity() throws(IMAPParseError) -> UIDValidity {
        let start = position
        guard let validity = UIDValidity(rawValue: try number("the UIDVALIDITY number")) else {
            throw error(at: start, expected: "a UIDVALIDITY other than 0")
        }
        return validity
    }
}
