import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns bytes in a named charset into text, through iconv for everything but UTF-8,
/// US-ASCII and Latin-1. Unknown charsets fall back (UTF-8 if valid, else Windows-1252)
/// and say so, never crash.
public enum Charset {
    /// Decoded text, and a note when the charset was unknown or the bytes invalid.
    public struct Decoded: Sendable {
        public var text: String
        public var fallback: String?
    }

    /// Decodes bytes in the named charset (case-insensitive, aliases accepted).
    public static func decode(_ bytes: [UInt8], charset rawName: String?) -> Decoded {
        let name = normalize(rawName)
        switch name {
        case "UTF-8", "US-ASCII", "":
            if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: text) }
            return Decoded(text: windows1252(bytes), fallback: name.isEmpty ? nil : "invalid \(name); read as Windows-1252")
        case "ISO-8859-1":
            if let text = mislabeledUTF8(bytes) { return Decoded(text: text, fallback: "labelled ISO-8859-1 but valid UTF-8; read as UTF-8") }
            return Decoded(text: windows1252(bytes))
        case _ where name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") || name == "UTF-7":
            if let text = iconvDecode(bytes, from: name) { return Decoded(text: text) }
            return Decoded(text: windows1252(bytes), fallback: "undecodable \(name); read as Windows-1252")
        default:
            if let text = mislabeledUTF8(bytes) { return Decoded(text: text, fallback: "labelled \(name) but valid UTF-8; read as UTF-8") }
            if let text = iconvDecode(bytes, from: name) { return Decoded(text: text) }
            if let text = String(validating: bytes, as: UTF8.self) {
                return Decoded(text: text, fallback: "unknown charset \(rawName ?? ""); read as UTF-8")
            }
            return Decoded(text: windows1252(bytes), fallback: "unknown charset \(rawName ?? ""); read as Windows-1252")
        }
    }

    /// QUIRK: mail often declares a legacy charset over UTF-8 bytes (Discourse's chinese_reply.eml
    /// says Big5). Multi-byte sequences that validate as UTF-8 are practically never legacy text,
    /// so such bytes are read as UTF-8.
    static func mislabeledUTF8(_ bytes: [UInt8]) -> String? {
        guard bytes.contains(where: { $0 >= 0xC2 }), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return text
    }

    /// Header and line bytes: UTF-8 when valid, else Latin-1 (8-bit headers, RFC 6532 or legacy).
    static func text(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self) ?? windows1252(bytes)
    }

    /// The canonical iconv name for a MIME charset label.
    static func normalize(_ raw: String?) -> String {
        let name = (raw ?? "").trimmed(including: "\"'")
            .uppercased()
        switch name {
        case "UTF8", "UTF-8", "UNICODE-1-1-UTF-8": return "UTF-8"
        case "ASCII", "US-ASCII", "ANSI_X3.4-1968", "646", "X-UNKNOWN", "UNKNOWN-8BIT", "DEFAULT": return name.isEmpty ? "" : "US-ASCII"
        case "LATIN1", "LATIN-1", "ISO-8859-1", "ISO8859-1", "ISO_8859-1", "L1", "CP819": return "ISO-8859-1"
        case "GB2312", "EUC-CN", "X-GBK", "CP936": return "GBK"
        case "KS_C_5601-1987", "KSC5601", "KS_C_5601": return "EUC-KR"
        case "SJIS", "X-SJIS", "SHIFT-JIS", "MS_KANJI", "CP932", "WINDOWS-31J": return "SHIFT_JIS"
        case "X-MAC-ROMAN", "MACINTOSH", "MAC": return "MACINTOSH"
        default:
            if name.hasPrefix("CP125") { return "WINDOWS-" + name.dropFirst(2) }
            if name.hasPrefix("ISO8859-") { return "ISO-8859-" + name.dropFirst(8) }
            if name.hasPrefix("ISO_8859-") { return "ISO-8859-" + name.dropFirst(9) }
            return name
        }
    }

    private static let windows1252High: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Latin-1 with Windows-1252's printable characters in 0x80–0x9F, as browsers read it.
    static func windows1252(_ bytes: [UInt8]) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            let value = byte <= 0x9F ? UInt32(windows1252High[Int(byte - 0x80)]) : UInt32(byte)
            utf8.append(contentsOf: (UnicodeScalar(value) ?? "\u{FFFD}").utf8)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static func iconvDecode(_ bytes: [UInt8], from name: String) -> String? {
        IconvConverters.shared.withConverter(from: name) { converter in convert(bytes, with: converter) } ?? nil
    }

    /// `bytes` through `converter`, each undecodable byte as U+FFFD; nil when iconv fails otherwise.
    private static func convert(_ bytes: [UInt8], with converter: iconv_t) -> String? {
        var input = bytes
        var output = [UInt8](repeating: 0, count: max(16, bytes.count * 4 + 16))
        var result: [UInt8] = []
        let converted: Bool = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                while true {
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress)?
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outputBuffer.count
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    if status != -1 || inLeft == 0 {
                        // Stateful and combining charsets (ISO-2022-JP, Windows-1255/1258) hold back
                        // their last character until flushed.
                        _ = iconv(converter, nil, nil, &outPointer, &outLeft)
                    }
                    let produced = outputBuffer.count - outLeft
                    result.append(contentsOf: UnsafeBufferPointer(start: outputBuffer.baseAddress, count: produced))
                    if status != -1 || inLeft == 0 { return true }
                    if errno == E2BIG { continue }
                    guard errno == EILSEQ || errno == EINVAL, inLeft > 0 else { return false }
                    result.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    if inLeft == 0 { return true }
                }
            }
        }
        return converted ? String(decoding: result, as: UTF8.self) : nil
    }
}
