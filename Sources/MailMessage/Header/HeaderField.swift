import Foundation

/// One header field as it arrived: the name and the unfolded raw value (RFC 5322 §2.2).
public struct HeaderField: Hashable, Sendable {
    public var name: String {
        didSet { key = name.lowercased() }
    }
    /// The value with folding removed, not yet RFC 2047-decoded.
    public var rawValue: String
    /// The lower-cased name, for lookups.
    public private(set) var key: String

    public init(name: String, rawValue: String) {
        self.name = name
        self.rawValue = rawValue
        self.key = name.lowercased()
    }

    /// Whether the field is called `name`, ignoring ASCII case (header names are ASCII), without a copy.
    func hasName(_ name: String) -> Bool {
        key.utf8.count == name.utf8.count && key.utf8.elementsEqual(name.utf8.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
    }

    /// The value with RFC 2047 encoded words decoded.
    public var value: String { EncodedWord.decode(rawValue) }
}

/// An ordered list of header fields with case-insensitive lookup.
public struct MessageHeader: Hashable, Sendable {
    public var fields: [HeaderField]

    public init(_ fields: [HeaderField] = []) { self.fields = fields }

    /// The decoded value of the first field with this name.
    public subscript(name: String) -> String? {
        raw(name).map(EncodedWord.decode)
    }

    /// The raw (undecoded) value of the first field with this name.
    public func raw(_ name: String) -> String? {
        fields.first { $0.hasName(name) }?.rawValue
    }

    /// Every raw value of fields with this name, in order.
    public func rawValues(_ name: String) -> [String] {
        fields.filter { $0.hasName(name) }.map { $0.rawValue }
    }

    public func contains(_ name: String) -> Bool { raw(name) != nil }
}
