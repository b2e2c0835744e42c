import Foundation

/// Lenient base64 (RFC 2045 §6.8): characters outside the alphabet are skipped, missing
/// padding is tolerated, and decoding stops at the first `=`.
public enum Base64 {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8).enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    public static func decode(_ input: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            if byte == UInt8(ascii: "=") { break }
            let value = table[Int(byte)]
            if value == 0xFF { continue }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Appends `input` as base64 in lines of 76 characters ended by CRLF (RFC 2045 §6.8).
    public static func appendEncoded(_ input: [UInt8], to output: inout [UInt8]) {
        output.reserveCapacity(output.count + input.count * 4 / 3 + input.count / 57 * 2 + 4)
        var index = 0
        while index < input.count {
            let lineEnd = min(index + 57, input.count)
            while index < lineEnd {
                let count = min(3, lineEnd - index)
                let b0 = UInt32(input[index])
                let b1 = count > 1 ? UInt32(input[index + 1]) : 0
                let b2 = count > 2 ? UInt32(input[index + 2]) : 0
                let group = b0 << 16 | b1 << 8 | b2
                output.append(alphabet[Int(group >> 18 & 63)])
                output.append(alphabet[Int(group >> 12 & 63)])
                output.append(count > 1 ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
                output.append(count > 2 ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
                index += count
            }
            output.append(contentsOf: [0x0D, 0x0A])
        }
    }
}
