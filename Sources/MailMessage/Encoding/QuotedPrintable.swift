import Foundation

/// Quoted-printable (RFC 2045 §6.7; with `_` as space for RFC 2047 Q words).
public enum QuotedPrintable {
    /// Decodes leniently: soft line breaks (`=` at line end, CRLF or LF) vanish, invalid
    /// escapes are kept as written (RFC 2045 §6.7 note 1), trailing blanks on lines are dropped.
    public static func decode(_ input: [UInt8], underscoreIsSpace: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                if index + 1 < count, input[index + 1] == 0x0A {
                    index += 2
                    continue
                }
                if index + 2 < count, input[index + 1] == 0x0D, input[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                if index + 2 < count, let high = hex(input[index + 1]), let low = hex(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                var probe = index + 1
                while probe < count, input[probe] == 0x20 || input[probe] == 0x09 { probe += 1 }
                if probe >= count || input[probe] == 0x0A || input[probe] == 0x0D {
                    index = probe < count && input[probe] == 0x0D ? probe + 2 : probe + 1
                    continue
                }
                output.append(byte)
            } else if byte == UInt8(ascii: "_"), underscoreIsSpace {
                output.append(0x20)
            } else if byte == 0x0A {
                while let last = output.last, last == 0x20 || last == 0x09 { output.removeLast() }
                output.append(byte)
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// Encodes text for a `quoted-printable` body with CRLF line ends and lines under 76 characters.
    public static func encode(_ text: String) -> String {
        encode(bytes: Array(text.replacingCRLF().utf8))
    }

    /// Encodes text already in its charset's bytes (lines ending in LF or CRLF) the same way.
    public static func encode(bytes: [UInt8]) -> String {
        var output = ""
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            var current = ""
            let bytes = line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : Array(line)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let piece: String
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast) {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = "=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
                if current.utf8.count + piece.utf8.count > 75 {
                    output += current + "=\r\n"
                    current = ""
                }
                current += piece
            }
            output += current
            if lineIndex < lines.count - 1 { output += "\r\n" }
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    /// The text with CRLF and lone CR turned into LF.
    func replacingCRLF() -> String {
        replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
