import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// The store's JSON writer must produce the same JSON value as Foundation's `JSONEncoder`
/// (dates as seconds since 1970) and read back to the same record.
@Suite struct StreamingJSONEncoderTests {
    /// A request and an escalation with every optional field set, text that needs escaping
    /// and dates with fractions of a second.
    static let requestJSON = #"""
        {"number":"REQ0000042","source":"ACC1000007","account":"ACC1000007","state":"rejected","requester":"zoë@customer.example",
         "reason":"Lack of \"Progress\"","justification":"line one\nline two\twith tab, back\\slash, bell \u0007, ✓ and 🚀",
         "severity":"critical","template":"account-default","approvers":["a@support.example","b@support.example"],"approvalRule":"all",
         "decisions":[{"approver":"a@support.example","decision":"rejected","reason":"Not yet: </script> & co","at":1795000120.25}],
         "previousRequests":["REQ0000007"],"linkedCases":["CS0000001","CS0000002"],"createdAt":1795000060,"decidedAt":1795000120.5,
         "escalation":"ESC0001001"}
        """#
    static let escalationJSON = #"""
        {"number":"ESC0001001","source":"CS0000001","account":"ACC1000000","state":"deescalated","severity":"high","trend":"improving",
         "linkedCases":[],"assignedTo":"manager@support.example","watchList":["w@support.example"],"requester":"jane@customer0.example",
         "reason":"Lack of Progress","justification":"no progress","request":"REQ0000001","createdAt":-1.5,"deescalatedAt":1795000300,
         "deescalationReason":"Fixed, thanks \r\n","sla":{"attachedTo":"CS0000001",
         "response":{"target":{"seconds":14400},"startedAt":1795000120,"dueAt":1795014520,"warnedAt":1795010000.125,"breachedAt":1795014520,"metAt":1795000180},
         "resolution":{"target":{"seconds":172800},"startedAt":1795000240,"dueAt":1795173040},"updatesMet":1,"updatesBreached":0,"stoppedAt":1795000300}}
        """#

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    @Test func recordsReadBackUnchangedAndMatchFoundation() throws {
        let request = try Self.decoder.decode(EscalationRequest.self, from: Data(Self.requestJSON.utf8))
        let escalation = try Self.decoder.decode(Escalation.self, from: Data(Self.escalationJSON.utf8))
        #expect(try Self.decoder.decode(EscalationRequest.self, from: Data(StreamingJSONEncoder().encode(request).utf8)) == request)
        #expect(try Self.decoder.decode(Escalation.self, from: Data(StreamingJSONEncoder().encode(escalation).utf8)) == escalation)
        try expectSameJSONAsFoundation(request)
        try expectSameJSONAsFoundation(escalation)
    }

    @Test func containersOfEveryKindMatchFoundation() throws {
        try expectSameJSONAsFoundation(Shapes())
        try expectSameJSONAsFoundation([Shapes(), Shapes()])
        try expectSameJSONAsFoundation(["b": 2, "a": 1])
        try expectSameJSONAsFoundation([[Int]]([[], [1, 2], []]))
        try expectSameJSONAsFoundation(Nothing())
        try expectSameJSONAsFoundation([Date(timeIntervalSince1970: 1_795_000_000.25), Date(timeIntervalSince1970: -3)])
        try expectSameJSONAsFoundation([Date?.none, Date(timeIntervalSince1970: 60)])
        try expectSameJSONAsFoundation(["home": URL(string: "https://support.example/a?b=c")!])
        try expectSameJSONAsFoundation([["x"], [String?.none, "y"]])
        #expect(try StreamingJSONEncoder().encode(Nothing()) == "{}")
    }

    @Test func numbersReadBackExactly() throws {
        let numbers: [Double] = [0, -0.0, 1, -1, 0.1, 1e-7, 123_456_789.125, 9_007_199_254_740_994, -1e300, .leastNonzeroMagnitude]
        let text = try StreamingJSONEncoder().encode(numbers)
        #expect(try JSONDecoder().decode([Double].self, from: Data(text.utf8)) == numbers)
        #expect(try StreamingJSONEncoder().encode([Int.min, Int.max]) == "[\(Int.min),\(Int.max)]")
        #expect(try StreamingJSONEncoder().encode([0, -1, 9, 10, -10, 1_795_000_120]) == "[0,-1,9,10,-10,1795000120]")
        #expect(try StreamingJSONEncoder().encode([UInt64.max]) == "[\(UInt64.max)]")
        #expect(try StreamingJSONEncoder().encode([Int8.min, Int8.max]) == "[-128,127]")
    }

    @Test func whatJSONCannotHoldIsRefused() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(Interleaving()) }
    }

    private func expectSameJSONAsFoundation(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let foundation = JSONEncoder()
        foundation.dateEncodingStrategy = .secondsSince1970
        let expected = try JSONSerialization.jsonObject(with: foundation.encode(value), options: [.fragmentsAllowed])
        let streamed = try JSONSerialization.jsonObject(with: Data(StreamingJSONEncoder().encode(value).utf8), options: [.fragmentsAllowed])
        #expect(NSArray(array: [streamed]).isEqual(NSArray(array: [expected])), sourceLocation: sourceLocation)
    }
}

/// A value encoded by hand through nested, unkeyed and super encoders, with nulls and optionals.
private struct Shapes: Encodable {
    enum Keys: String, CodingKey { case name, nested, list, nothing, absent, present, parent, flags, empty, emptyList }
    enum Inner: String, CodingKey { case depth, when }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("Shapes \"quoted\"", forKey: .name)
        var nested = container.nestedContainer(keyedBy: Inner.self, forKey: .nested)
        try nested.encode(2, forKey: .depth)
        try nested.encode(Date(timeIntervalSince1970: 1_795_000_000.5), forKey: .when)
        var list = container.nestedUnkeyedContainer(forKey: .list)
        try list.encode(1)
        try list.encodeNil()
        var inner = list.nestedContainer(keyedBy: Inner.self)
        try inner.encode(3, forKey: .depth)
        try list.encode([true, false])
        try container.encodeNil(forKey: .nothing)
        try container.encodeIfPresent(Int?.none, forKey: .absent)
        try container.encodeIfPresent(Int?.some(7), forKey: .present)
        try ["x", "y"].encode(to: container.superEncoder(forKey: .parent))
        try container.encode([UInt8(1), UInt8(255)], forKey: .flags)
        _ = container.nestedContainer(keyedBy: Inner.self, forKey: .empty)
        _ = container.nestedUnkeyedContainer(forKey: .emptyList)
    }
}

/// Encodes nothing at all.
private struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: Shapes.Keys.self)
    }
}

/// Writes into a nested container after its parent went on: a streaming writer must refuse.
private struct Interleaving: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Shapes.Keys.self)
        var nested = container.nestedContainer(keyedBy: Shapes.Inner.self, forKey: .nested)
        try container.encode("later", forKey: .name)
        try nested.encode(1, forKey: .depth)
    }
}
