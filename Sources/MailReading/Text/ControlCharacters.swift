import Foundation

/// Removes control characters from text a mail brings in, so that what the gateway journals and
/// relays is what it read: a NUL ends a C string, and the journal, a work note or a terminal
/// would show less than the mail said (or what a control sequence makes of it).
public enum ControlCharacters {
    /// The text without C0 controls (U+0000–U+001F) but tab, line feed and carriage return, and
    /// without DEL (U+007F) and the C1 controls (U+0080–U+009F); the text itself when it has none.
    public static func removed(from text: String) -> String {
        guard hasControl(text) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isRemoved($0) })
        return String(scalars)
    }

    /// Whether the UTF-8 bytes hold a control: a C0 byte but tab, LF and CR, DEL, or C2 80–9F
    /// (a C1 control; C2 before other bytes, as in a no-break space, is text).
    private static func hasControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if byte < 0x20 ? byte != 0x09 && byte != 0x0A && byte != 0x0D : byte == 0x7F || (previous == 0xC2 && byte <= 0x9F && byte >= 0x80) {
                    return true
                }
                previous = byte
            }
            return false
        }
    }

    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0x7F...0x9F: true
        default: false
        }
    }
}
