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
        var output: [UInt8] = []
        append(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes text already in its charset's bytes (lines ending in LF, CRLF or CR) the same way.
    public static func encode(bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { append($0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the encoding of `text` to `output` (a message being written).
    public static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { append($0, to: &output) }
    }

    /// Writes into a buffer sized for the worst case and appends it once, copying runs of bytes
    /// that stand for themselves whole: byte by byte, the encoding was a sixth of rendering a mail.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        // Each byte becomes at most 3 (an escape, or CR LF for a lone LF), and a soft break
        // (3 more) follows at least every 73 bytes written.
        let capacity = 3 * bytes.count + 3 * (3 * bytes.count / 73 + 1)
        let encoded = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, written in
            var writer = LineWriter(buffer: buffer)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0D || byte == 0x0A {
                    writer.lineEnd()
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                    continue
                }
                guard standsForItself(byte) || isBlank(byte) else {
                    writer.escape(byte)
                    index += 1
                    continue
                }
                var end = index + 1
                while end < bytes.count && (standsForItself(bytes[end]) || isBlank(bytes[end])) { end += 1 }
                // A blank right before a line end (or the end) is escaped, or transport would drop it.
                let atLineEnd = end == bytes.count || bytes[end] == 0x0D || bytes[end] == 0x0A
                let literalEnd = atLineEnd && isBlank(bytes[end - 1]) ? end - 1 : end
                writer.literal(UnsafeBufferPointer(rebasing: bytes[index..<literalEnd]))
                if literalEnd < end { writer.escape(bytes[literalEnd]) }
                index = end
            }
            written = writer.count
        }
        output.append(contentsOf: encoded)
    }

    /// Printable ASCII but `=`: written as it is anywhere.
    private static func standsForItself(_ byte: UInt8) -> Bool {
        byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// Encoded lines written into a buffer, broken softly (`=` CRLF) before they pass 75 characters.
    private struct LineWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0
        private var lineLength = 0

        init(buffer: UnsafeMutableBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        mutating func lineEnd() {
            put(0x0D)
            put(0x0A)
            lineLength = 0
        }

        mutating func literal(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let target = buffer.baseAddress, let source = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                if lineLength == 75 { softBreak() }
                let length = min(bytes.count - start, 75 - lineLength)
                (target + count).initialize(from: source + start, count: length)
                count += length
                lineLength += length
                start += length
            }
        }

        mutating func escape(_ byte: UInt8) {
            if lineLength + 3 > 75 { softBreak() }
            let (high, low) = UpperHex.digits(of: byte)
            put(UInt8(ascii: "="))
            put(high)
            put(low)
            lineLength += 3
        }

        private mutating func softBreak() {
            put(UInt8(ascii: "="))
            put(0x0D)
            put(0x0A)
            lineLength = 0
        }

        private mutating func put(_ byte: UInt8) {
            buffer[count] = byte
            count += 1
        }
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
    /// The text with CRLF and lone CR line ends turned into LF.
    public func replacingCRLF() -> String {
        guard containsByte(0x0D) else { return self }
        var text = self
        return text.withUTF8 { bytes in
            // Written into the new string's storage directly: appending byte by byte to an array
            // checked its capacity for every byte of every body read.
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var previous: UInt8 = 0
                for byte in bytes {
                    if byte == 0x0D {
                        output[count] = 0x0A
                        count += 1
                    } else if !(byte == 0x0A && previous == 0x0D) {
                        output[count] = byte
                        count += 1
                    }
                    previous = byte
                }
                return count
            }
        }
    }
}
