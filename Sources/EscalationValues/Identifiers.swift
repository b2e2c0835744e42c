import Foundation

/// A mail address, normalised to lower case so that lookups and comparisons
/// ignore the case differences mail clients introduce.
public struct EmailAddress: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The normalised address, e.g. `jane@acme.example`.
    public let value: String

    /// Accepts `local@domain` (surrounding angle brackets and blanks are dropped).
    /// Returns nil for anything without exactly one `@` and a non-empty local part and domain.
    public init?(_ raw: String) {
        var text =
            raw.utf8.first.map(Self.isSpace) == true || raw.utf8.last.map(Self.isSpace) == true
            ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : raw
        if text.hasPrefix("<"), text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        switch Self.checkASCII(text) {
        case .address(let value):
            self.value = value
            return
        case .notAnAddress: return nil
        case .notASCII: break
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].utf8.contains(UInt8(ascii: ".")),
            !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == "\r" || $0 == "\n" })
        else { return nil }
        value = text.lowercased()
    }

    private enum ASCIICheck {
        /// The address, lower-cased.
        case address(String)
        case notAnAddress
        /// Not ASCII: the Unicode checks decide.
        case notASCII
    }

    /// The checks of `init(_:)` on an ASCII text's bytes: addresses are read from every mail and
    /// every stored row, and taking each apart into Characters was a twentieth of a mail's cost.
    private static func checkASCII(_ text: String) -> ASCIICheck {
        var text = text
        return text.withUTF8 { bytes in
            var at: Int?
            var hasUpper = false
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case 0x80...: return .notASCII
                case UInt8(ascii: "@"):
                    guard at == nil else { return .notAnAddress }
                    at = index
                case 0x09...0x0D, UInt8(ascii: " "), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","): return .notAnAddress
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): hasUpper = true
                default: break
                }
            }
            guard let at, at > 0, bytes[(at + 1)...].contains(UInt8(ascii: ".")) else { return .notAnAddress }
            let lowered = hasUpper ? bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } : Array(bytes)
            return .address(String(decoding: lowered, as: UTF8.self))
        }
    }

    /// Whether a byte may be whitespace to trim (ASCII blanks and line ends, or the lead byte of
    /// a non-ASCII character, which Foundation then judges): most addresses need no trimming.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte >= 0x80
    }

    /// An address known to be well formed (built by the program, not read from mail); lower-cased.
    public init(unchecked: String) {
        value = unchecked.lowercased()
    }

    /// The part after the `@`.
    public var domain: String { String(value[value.index(after: value.firstIndex(of: "@") ?? value.startIndex)...]) }

    /// The address without a `+tag` in its local part (`escalations+abc@x` → `escalations@x`).
    public var withoutPlusTag: EmailAddress {
        let bytes = value.utf8
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), let plus = bytes[..<at].firstIndex(of: UInt8(ascii: "+")) else { return self }
        return EmailAddress(String(value[..<plus]) + String(value[at...])) ?? self
    }

    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let address = EmailAddress(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a mail address: \(raw)"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// A record number with a fixed prefix and seven digits, e.g. `CS0001234`.
public protocol RecordNumber: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    static var prefix: String { get }
    var value: String { get }
    init(unchecked: String)
}

extension RecordNumber {
    /// Accepts the prefix in any case followed by digits (`cs1234` → `CS0001234`).
    public init?(_ raw: String) {
        if let reading = Self.asciiNumber(raw) {
            guard let number = reading else { return nil }
            self.init(unchecked: number)
            return
        }
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard text.hasPrefix(Self.prefix) else { return nil }
        let digits = text.dropFirst(Self.prefix.count)
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let padded = String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        self.init(unchecked: Self.prefix + padded)
    }

    /// The reading of an ASCII text, without Foundation (numbers are read for every mail and
    /// every stored record): nil when the text is not ASCII, else the number, or `.some(nil)`
    /// when it names none.
    private static func asciiNumber(_ raw: String) -> String?? {
        var raw = raw
        return raw.withUTF8 { bytes -> String?? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            var start = 0
            var end = bytes.count
            while start < end, blank(bytes[start]) { start += 1 }
            while end > start, blank(bytes[end - 1]) { end -= 1 }
            let prefix = Array(Self.prefix.utf8)
            let digits = end - start - prefix.count
            guard digits >= 1, digits <= 10 else { return .some(nil) }
            // The prefixes are letters: clearing bit 5 upper-cases a letter and no other byte
            // becomes one.
            for (offset, letter) in prefix.enumerated() where bytes[start + offset] & 0xDF != letter {
                return .some(nil)
            }
            let digitBytes = bytes[(start + prefix.count)..<end]
            guard digitBytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return .some(nil) }
            return Self.prefix + String(repeating: "0", count: max(0, 7 - digits))
                + String(decoding: UnsafeBufferPointer(rebasing: digitBytes), as: UTF8.self)
        }
    }

    /// The number with the given sequence value, e.g. 1001 → `ESC0001001`.
    public init(sequence: Int) {
        let digits = String(sequence)
        self.init(unchecked: Self.prefix + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
    }

    /// The sequence value of this number.
    public var sequence: Int { Int(value.dropFirst(Self.prefix.count)) ?? 0 }

    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let number = Self(raw) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected \(Self.prefix) followed by digits, got \(raw)"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// A support case number, `CS0001234`.
public struct CaseNumber: RecordNumber {
    public static let prefix = "CS"
    public let value: String
    public init(unchecked: String) { value = unchecked }
}

/// An account number, `ACC0001001`.
public struct AccountNumber: RecordNumber {
    public static let prefix = "ACC"
    public let value: String
    public init(unchecked: String) { value = unchecked }
}

/// An escalation record number, `ESC0001001`.
public struct EscalationNumber: RecordNumber {
    public static let prefix = "ESC"
    public let value: String
    public init(unchecked: String) { value = unchecked }
}

/// The identity of an escalation request, `REQ0000001`.
public struct RequestNumber: RecordNumber {
    public static let prefix = "REQ"
    public let value: String
    public init(unchecked: String) { value = unchecked }
}
