import Foundation

/// Writes an `Encodable` value straight into compact JSON bytes, for the rows the store
/// rewrites on every decision (escalations, requests): Foundation's `JSONEncoder` builds a tree
/// of boxed values first and cost ~50 µs of the ~300 µs a mail takes on the applying thread.
///
/// The output is the JSON value `JSONEncoder` writes with `.secondsSince1970` dates, read back
/// by `JSONDecoder` as before; keys come in encoding order rather than sorted. It streams, so a
/// container must be filled before its parent goes on, as synthesized `Codable` does; a value
/// that returns to an earlier container is refused with `EncodingError.invalidValue`.
struct StreamingJSONEncoder {
    /// The JSON text of `value`.
    func encode(_ value: some Encodable) throws -> String {
        let writer = JSONStreamWriter()
        try writer.writeValue(value, codingPath: [])
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// The byte buffer and the containers open in it, innermost last.
private final class JSONStreamWriter {
    private struct OpenContainer {
        var id: Int
        var isObject: Bool
        var isEmpty = true
    }

    // One encoding uses a writer, on one thread, and no access to these overlaps another:
    // the runtime's exclusivity check on each append (a sixth of writing a string) is left out.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var open: [OpenContainer] = []
    @exclusivity(unchecked) private var lastID = 0

    init() {
        bytes.reserveCapacity(1024)
    }

    /// How many containers are open: where the next value's own containers begin.
    var height: Int { open.count }

    /// Writes one value at the current position: dates and strings directly, anything else
    /// through its `encode(to:)`, closing the containers it opened once it returns.
    ///
    /// The type is compared, not cast: `value as? Date` on a value of a generic type asks the
    /// runtime for a conformance record each time, and three of those cost more than writing
    /// most values.
    func writeValue<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws {
        if let date = Self.exactly(value, as: Date.self) {
            try writeNumber(date.timeIntervalSince1970, codingPath: codingPath())
        } else if let string = Self.exactly(value, as: String.self) {
            writeString(string)
        } else if let url = Self.exactly(value, as: URL.self) {
            writeString(url.absoluteString)
        } else {
            let height = open.count
            let start = bytes.count
            try value.encode(to: StreamEncoder(writer: self, height: height, codingPath: codingPath()))
            closeAbove(height)
            if bytes.count == start { bytes.append(contentsOf: "{}".utf8) }
        }
    }

    /// `value` as a `U` when its type is exactly `U` (not a subclass or a wrapper), else nil.
    private static func exactly<T, U>(_ value: T, as type: U.Type) -> U? {
        guard T.self == U.self else { return nil }
        return withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: U.self) }
    }

    /// Opens the object or array of the encoder whose containers begin at `height`, or finds
    /// the one it opened before (asking an encoder twice gives the same container); nil when
    /// the encoder's place has passed.
    func container(isObject: Bool, height: Int) -> Int? {
        guard height >= 0 else { return nil }
        if open.count > height, open[height].isObject == isObject {
            closeAbove(height + 1)
            return open[height].id
        }
        guard open.count == height else { return nil }
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        lastID += 1
        open.append(OpenContainer(id: lastID, isObject: isObject))
        return lastID
    }

    /// Starts the next member of container `id`: the separator and, in an object, the key.
    /// Containers opened inside it since are finished and closed; a container already closed
    /// is refused.
    /// `codingPath` is built only for the error.
    func beginMember(of id: Int?, key: String?, codingPath: @autoclosure () -> [any CodingKey]) throws {
        guard let id, let index = open.lastIndex(where: { $0.id == id }) else {
            throw EncodingError.invalidValue(
                key ?? "element", .init(codingPath: codingPath(), debugDescription: "written to a container after a later one began"))
        }
        closeAbove(index + 1)
        if open[index].isEmpty {
            open[index].isEmpty = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        if let key {
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Checks that a single value of the encoder at `height` goes where nothing was written yet.
    func beginSingleValue(height: Int, codingPath: [any CodingKey]) throws {
        guard open.count == height else {
            throw EncodingError.invalidValue(
                "value", .init(codingPath: codingPath, debugDescription: "a single value written beside a container"))
        }
    }

    private func closeAbove(_ height: Int) {
        while open.count > height {
            bytes.append(open.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    func writeNull() {
        bytes.append(contentsOf: "null".utf8)
    }

    func writeBool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Decimal digits written in place (a `String` per number cost more than the rest of it).
    func writeInteger(_ value: some BinaryInteger) {
        guard let number = Int64(exactly: value) else {
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var magnitude = number.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Whole numbers as integers (as `JSONEncoder` writes them), others in Swift's shortest
    /// form that reads back to the same `Double`.
    func writeNumber(_ value: Double, codingPath: @autoclosure () -> [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath(), debugDescription: "JSON has no \(value)"))
        }
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
            writeInteger(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            if !text.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: text)
            } else {
                appendEscaped(text)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(contentsOf: [Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
    }
}

/// The `Encoder` handed to a value's `encode(to:)`; its containers begin at `height`.
private struct StreamEncoder: Encoder {
    let writer: JSONStreamWriter
    let height: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedStreamContainer<Key>(writer: writer, id: writer.container(isObject: true, height: height), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedStreamContainer(writer: writer, id: writer.container(isObject: false, height: height), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueStreamContainer(encoder: self)
    }
}

/// An object's members. `id` is the open container's, nil when it could not be opened (the
/// first write then throws: `Encoder`'s container methods cannot).
private struct KeyedStreamContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let id: Int?
    let codingPath: [any CodingKey]

    private func begin(_ key: Key) throws -> JSONStreamWriter {
        try writer.beginMember(of: id, key: key.stringValue, codingPath: codingPath + [key])
        return writer
    }

    mutating func encodeNil(forKey key: Key) throws { try begin(key).writeNull() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try begin(key).writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try begin(key).writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try begin(key).writeNumber(value, codingPath: codingPath + [key]) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try begin(key).writeNumber(Double(value), codingPath: codingPath + [key]) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try begin(key).writeInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try begin(key).writeInteger(value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key).writeValue(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        memberEncoder(key.stringValue, path: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        memberEncoder(key.stringValue, path: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { memberEncoder("super", path: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { memberEncoder(key.stringValue, path: codingPath + [key]) }

    /// The encoder of a member whose value the caller writes next; its key is written now. When
    /// that fails, the encoder's place is past, and its first write throws.
    private func memberEncoder(_ key: String, path: [any CodingKey]) -> StreamEncoder {
        let placed = (try? writer.beginMember(of: id, key: key, codingPath: path)) != nil
        return StreamEncoder(writer: writer, height: placed ? writer.height : -1, codingPath: path)
    }
}

/// An array's elements; `id` as for `KeyedStreamContainer`.
private struct UnkeyedStreamContainer: UnkeyedEncodingContainer, StreamValuePlacing {
    let writer: JSONStreamWriter
    let id: Int?
    let codingPath: [any CodingKey]
    private(set) var count = 0

    init(writer: JSONStreamWriter, id: Int?, codingPath: [any CodingKey]) {
        self.writer = writer
        self.id = id
        self.codingPath = codingPath
    }

    mutating func placeValue() throws -> JSONStreamWriter {
        try writer.beginMember(of: id, key: nil, codingPath: codingPath)
        count += 1
        return writer
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        memberEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        memberEncoder().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { memberEncoder() }

    private mutating func memberEncoder() -> StreamEncoder {
        let placed = (try? placeValue()) != nil
        return StreamEncoder(writer: writer, height: placed ? writer.height : -1, codingPath: codingPath)
    }
}

/// One value in the encoder's place.
private struct SingleValueStreamContainer: SingleValueEncodingContainer, StreamValuePlacing {
    let encoder: StreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func placeValue() throws -> JSONStreamWriter {
        try encoder.writer.beginSingleValue(height: encoder.height, codingPath: codingPath)
        return encoder.writer
    }
}

/// The values an unkeyed or single-value container writes, each where `placeValue` says (the
/// next element of the array, or the encoder's one value).
private protocol StreamValuePlacing {
    var codingPath: [any CodingKey] { get }
    mutating func placeValue() throws -> JSONStreamWriter
}

extension StreamValuePlacing {
    mutating func encodeNil() throws { try placeValue().writeNull() }
    mutating func encode(_ value: Bool) throws { try placeValue().writeBool(value) }
    mutating func encode(_ value: String) throws { try placeValue().writeString(value) }
    mutating func encode(_ value: Double) throws { try placeValue().writeNumber(value, codingPath: codingPath) }
    mutating func encode(_ value: Float) throws { try placeValue().writeNumber(Double(value), codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: Int8) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: Int16) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: Int32) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: Int64) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: UInt) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { try placeValue().writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { try placeValue().writeInteger(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try placeValue().writeValue(value, codingPath: codingPath)
    }
}
