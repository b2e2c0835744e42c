import EscalationValues
import MailTransportCurl
import Testing

/// Raw bytes an IMAP server sends, and what `IMAPResponseParser` must make of them: every
/// response in order, or the error of the first response that does not follow the grammar.
struct IMAPResponseFixture: Sendable, CustomTestStringConvertible {
    enum Outcome: Equatable, Sendable {
        case responses([IMAPResponse])
        case failure(IMAPParseError)
    }

    var name: String
    var bytes: [UInt8]
    var outcome: Outcome

    init(_ name: String, _ wire: String, _ responses: IMAPResponse...) {
        self.name = name
        bytes = Array(wire.utf8)
        outcome = .responses(responses)
    }

    init(_ name: String, _ wire: String, fails expected: String, at excerpt: String) {
        self.name = name
        bytes = Array(wire.utf8)
        outcome = .failure(IMAPParseError(expected: expected, excerpt: excerpt))
    }

    var testDescription: String { name }

    /// Feeds `chunks` to a parser, takes every response, and checks the bytes ended on a
    /// response's end, as a closed connection does.
    static func parse(_ chunks: [ArraySlice<UInt8>]) -> Outcome {
        var parser = IMAPResponseParser()
        var responses: [IMAPResponse] = []
        do {
            for chunk in chunks {
                parser.append(chunk)
                while let response = try parser.next() { responses.append(response) }
            }
            try parser.finish()
            return .responses(responses)
        } catch {
            return .failure(error)
        }
    }
}

// MARK: Building expected responses

func uid(_ number: UInt32) -> UID { UID(rawValue: number)! }

func tagged(_ tag: String, _ status: IMAPStatus, _ text: String) -> IMAPResponse {
    .tagged(tag: tag, IMAPStatusResponse(status: status, text: text))
}

func tagged(_ tag: String, _ status: IMAPStatus, _ code: IMAPResponseCode, _ text: String) -> IMAPResponse {
    .tagged(tag: tag, IMAPStatusResponse(status: status, code: code, text: text))
}

func condition(_ status: IMAPStatus, _ text: String) -> IMAPResponse {
    .untagged(.condition(IMAPStatusResponse(status: status, text: text)))
}

func condition(_ status: IMAPStatus, _ code: IMAPResponseCode, _ text: String) -> IMAPResponse {
    .untagged(.condition(IMAPStatusResponse(status: status, code: code, text: text)))
}

func fetch(_ sequence: UInt32, _ attributes: IMAPFetchAttributes) -> IMAPResponse {
    .untagged(.fetch(sequence: sequence, attributes))
}

/// `{n}\r\n` and the text: a literal whose size is counted, not typed.
func literal(_ text: String) -> String { "{\(text.utf8.count)}\r\n" + text }
