import EscalationValues
import MailTransportCurl
import Testing

/// The IMAP grammar apart from I/O: raw server bytes in, typed responses or a typed error out.
@Suite struct IMAPResponseParserTests {
    @Test(arguments: wellFormedResponses + malformedResponses)
    func bytesBecomeTheirResponses(_ fixture: IMAPResponseFixture) {
        #expect(IMAPResponseFixture.parse([fixture.bytes[...]]) == fixture.outcome)
    }

    /// The network splits responses anywhere, also inside a literal's size or its line end.
    @Test(arguments: wellFormedResponses + malformedResponses)
    func bytesArrivingOneByOneBecomeTheSameResponses(_ fixture: IMAPResponseFixture) {
        let chunks = fixture.bytes.indices.map { fixture.bytes[$0...$0] }
        #expect(IMAPResponseFixture.parse(chunks) == fixture.outcome)
    }

    @Test func theTablesHoldEveryFixture() {
        #expect(wellFormedResponses.count == 40)
        #expect(malformedResponses.count == 22)
    }

    @Test func aResponseThatBreaksTheGrammarIsSkippedAndTheNextIsRead() throws {
        var parser = IMAPResponseParser()
        parser.append(Array("* 3 FETCH (UID x)\r\n* 4 EXISTS\r\n".utf8))
        #expect(throws: IMAPParseError(expected: "the UID number", excerpt: "x)\\r\\n")) { try parser.next() }
        #expect(try parser.next() == .untagged(.exists(4)))
        #expect(try parser.next() == nil)
    }

    @Test func nothingIsHandedOutBeforeTheResponseIsComplete() throws {
        var parser = IMAPResponseParser()
        parser.append(Array("* 1 FETCH (UID 9 BODY[] {5}\r\nhel".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.hasPendingBytes)
        parser.append(Array("lo)\r".utf8))
        #expect(try parser.next() == nil)
        parser.append(Array("\n".utf8))
        #expect(try parser.next() == fetch(1, IMAPFetchAttributes(uid: uid(9), message: Array("hello".utf8))))
        #expect(!parser.hasPendingBytes)
    }

    /// A batch of large mails in network-sized chunks: every byte arrives in its mail, also
    /// after the parser dropped the bytes it had handed out.
    @Test func aBatchOfLargeMailsInChunksArrivesWhole() throws {
        let mails = (1...20).map { number in (0..<(200_000 + number)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ number) } }
        var wire: [UInt8] = []
        for (index, mail) in mails.enumerated() {
            wire += Array("* \(index + 1) FETCH (UID \(100 + index) BODY[] {\(mail.count)}\r\n".utf8) + mail + Array(")\r\n".utf8)
        }
        wire += Array("G7 OK Fetch completed.\r\n".utf8)
        let chunks = stride(from: 0, to: wire.count, by: 16_384).map { wire[$0..<min(wire.count, $0 + 16_384)] }
        let expected = mails.enumerated().map { index, mail in
            fetch(UInt32(index + 1), IMAPFetchAttributes(uid: uid(UInt32(100 + index)), message: mail))
        }
        #expect(IMAPResponseFixture.parse(chunks) == .responses(expected + [tagged("G7", .ok, "Fetch completed.")]))
    }

    @Test func anErrorSaysWhatWasExpectedAndWhere() {
        let error = IMAPParseError(expected: "a UID other than 0", excerpt: "0 BODY[] {2}")
        #expect(error.description == "IMAP response not understood: expected a UID other than 0 at \"0 BODY[] {2}\"")
    }

    @Test func aStatusResponseReadsAsTheServerWroteIt() {
        let status = IMAPStatusResponse(status: .no, code: .other(name: "ALREADYEXISTS", text: ""), text: "Mailbox already exists")
        #expect(status.description == "NO [ALREADYEXISTS] Mailbox already exists")
        #expect(IMAPStatusResponse(status: .ok, code: .uidNext(uid(18)), text: "").description == "OK [UIDNEXT 18]")
    }
}
