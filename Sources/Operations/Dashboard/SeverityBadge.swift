import EscalationCore
import Foundation

/// A severity as a coloured badge: the configured colour as its background (`[[severity]]
/// color`: a CSS colour name or `#rgb`/`#rrggbb`) and black or white text, whichever contrasts
/// more. Either reaches at least 4.58:1 on any background, so every badge meets WCAG AA.
struct SeverityBadge {
    let background: String
    let foreground: String

    init(color: String?) {
        let rgb = color.flatMap(Self.rgb) ?? (0x5F, 0x63, 0x68)
        background = String(format: "#%02x%02x%02x", rgb.0, rgb.1, rgb.2)
        let luminance = Self.luminance(rgb)
        // Contrast with white (1.05 / (L + 0.05)) against contrast with black ((L + 0.05) / 0.05).
        foreground = 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#000000"
    }

    /// The badge for `name` as the configuration colours it.
    static func html(_ name: String, configuration: EscalationConfiguration) -> String {
        let badge = SeverityBadge(color: configuration.severity(named: name)?.color)
        return "<span class=\"badge\" style=\"background:\(badge.background);color:\(badge.foreground)\">\(HTML.escape(name))</span>"
    }

    /// The colours that severities are usually given, in shades that carry text well; other
    /// names and hex values are used as they are.
    private static let named: [String: (Int, Int, Int)] = [
        "red": (0xC6, 0x28, 0x28), "orange": (0xEF, 0x6C, 0x00), "yellow": (0xFD, 0xD8, 0x35), "amber": (0xFF, 0xB3, 0x00),
        "green": (0x2E, 0x7D, 0x32), "blue": (0x15, 0x65, 0xC0), "purple": (0x6A, 0x1B, 0x9A), "grey": (0x5F, 0x63, 0x68),
        "gray": (0x5F, 0x63, 0x68), "black": (0x00, 0x00, 0x00), "white": (0xFF, 0xFF, 0xFF), "brown": (0x6D, 0x4C, 0x41),
        "pink": (0xD8, 0x1B, 0x60), "teal": (0x00, 0x69, 0x5C),
    ]

    static func rgb(_ color: String) -> (Int, Int, Int)? {
        let text = color.trimmingCharacters(in: .whitespaces).lowercased()
        if let known = named[text] { return known }
        guard text.hasPrefix("#") else { return nil }
        let digits = Array(text.dropFirst())
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        let values = digits.compactMap { $0.hexDigitValue }
        switch values.count {
        case 3: return (values[0] * 17, values[1] * 17, values[2] * 17)
        case 6: return (values[0] * 16 + values[1], values[2] * 16 + values[3], values[4] * 16 + values[5])
        default: return nil
        }
    }

    /// WCAG 2.1 relative luminance.
    static func luminance(_ rgb: (Int, Int, Int)) -> Double {
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2)
    }
}
