import Foundation
import MailMessage
import Testing

/// Quoted-printable bodies the gateway writes: lines under 76 characters, only printable ASCII
/// and tabs on the wire, and the text back unchanged (line ends as CRLF) when a reader decodes them.
@Suite struct QuotedPrintableTests {
    @Test func knownTextsEncodeAsWritten() {
        #expect(QuotedPrintable.encode("Grüße = 3\n") == "Gr=C3=BC=C3=9Fe =3D 3\r\n")
        #expect(QuotedPrintable.encode("trailing blank \nand tab\t\r\nend ") == "trailing blank=20\r\nand tab=09\r\nend=20")
        #expect(QuotedPrintable.encode("") == "")
        #expect(QuotedPrintable.encode(String(repeating: "a", count: 80)) == String(repeating: "a", count: 75) + "=\r\n" + "aaaaa")
        #expect(QuotedPrintable.encode(String(repeating: "é", count: 13)) == String(repeating: "=C3=A9", count: 12) + "=C3=\r\n=A9")
    }

    @Test func generatedTextsStayShortPrintableAndReadBack() {
        let pieces: [[UInt8]] = [
            Array("word".utf8), [0x20], [0x09], [0x3D], [0x0A], [0x0D], [0x0D, 0x0A], Array("é".utf8), Array("🚀".utf8), [0x00], [0x7F], [0xFF],
            Array(String(repeating: "x", count: 70).utf8), Array(String(repeating: "=", count: 30).utf8),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) { input += pieces.randomElement(using: &generator)! }
            let wire = Array(QuotedPrintable.encode(bytes: input).utf8)
            var prefixed: [UInt8] = Array("x".utf8)
            QuotedPrintable.append(String(decoding: input, as: UTF8.self), to: &prefixed)
            let lines = wire.split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(lines.allSatisfy { $0.count <= 77 && ($0 == lines.last! || $0.last == 0x0D) }, "\(input)")
            #expect(wire.allSatisfy { ($0 >= 0x20 && $0 <= 0x7E) || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }, "\(input)")
            #expect(QuotedPrintable.decode(wire) == Self.withCRLF(input), "\(input)")
            #expect(wire == Self.encodedByteByByte(input), "\(input)")
            if String(validating: input, as: UTF8.self) != nil { #expect(prefixed == Array("x".utf8) + wire, "\(input)") }
        }
    }

    /// The encoding written one byte at a time, as the gateway first wrote it: the output must
    /// not change by a byte, so that mail rendered before and after reads the same.
    private static func encodedByteByByte(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var lineLength = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                output += [0x0D, 0x0A]
                lineLength = 0
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0x0A
            let endsLine = next == 0x0A || next == 0x0D
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !endsLine)
            let width = literal ? 1 : 3
            if lineLength + width > 75 {
                output += Array("=\r\n".utf8)
                lineLength = 0
            }
            output += literal ? [byte] : Array(String(format: "=%02X", byte).utf8)
            lineLength += width
            index += 1
        }
        return output
    }

    /// `bytes` with LF, CR and CRLF line ends all as CRLF.
    private static func withCRLF(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D || bytes[index] == 0x0A {
                output += [0x0D, 0x0A]
                index += bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
