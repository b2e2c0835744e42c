import Foundation

/// Splits raw message bytes into header fields and body (RFC 5322 §2.1, §2.2.3).
enum HeaderParser {
    /// Finds the blank line ending the header. Accepts CRLF and bare LF line ends.
    /// QUIRK: mail without a blank line is all header; mail starting with a blank line has none.
    static func split(_ bytes: ArraySlice<UInt8>) -> (header: ArraySlice<UInt8>, body: ArraySlice<UInt8>) {
        var index = bytes.startIndex
        var lineStart = index
        while index < bytes.endIndex {
            if bytes[index] == 0x0A {
                let line = bytes[lineStart..<index]
                if line.isEmpty || (line.count == 1 && line.first == 0x0D) {
                    return (bytes[bytes.startIndex..<lineStart], bytes[(index + 1)...])
                }
                lineStart = index + 1
            }
            index += 1
        }
        let tail = bytes[lineStart...]
        if !tail.isEmpty && !tail.contains(0x3A) && lineStart > bytes.startIndex {
            return (bytes[bytes.startIndex..<lineStart], tail)
        }
        return (bytes, bytes[bytes.endIndex...])
    }

    /// Parses header lines into fields, joining continuation lines. Lines without a colon are
    /// recorded as defects and skipped. 8-bit bytes are read as UTF-8, else as Latin-1.
    static func fields(_ bytes: ArraySlice<UInt8>, defects: inout [String]) -> [HeaderField] {
        var fields: [HeaderField] = []
        var current: (name: String, value: [UInt8])?
        func flush() {
            if let field = current {
                fields.append(HeaderField(name: field.name, rawValue: Charset.text(field.value).trimmedBlanks))
            }
            current = nil
        }
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty { continue }
            if line.first == 0x20 || line.first == 0x09 {
                if current != nil {
                    current?.value.append(0x20)
                    current?.value.append(contentsOf: line.drop { $0 == 0x20 || $0 == 0x09 })
                } else {
                    defects.append("continuation line without a field")
                }
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex else {
                if fields.isEmpty, current == nil, line.starts(with: Array("From ".utf8)) { continue }
                defects.append("header line without a colon")
                continue
            }
            flush()
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).trimmedBlanks
            current = (name, Array(line[(colon + 1)...]))
        }
        flush()
        return fields
    }
}
