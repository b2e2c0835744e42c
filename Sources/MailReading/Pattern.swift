import Foundation

/// A regular expression compiled once (at first use of the static that holds it), case-insensitive
/// unless told otherwise. `String.range(of:options: .regularExpression)` compiles its pattern on
/// every call, which cost the readers more than the matching itself.
struct Pattern: @unchecked Sendable {
    private let regex: NSRegularExpression?

    init(_ pattern: String, caseSensitive: Bool = false) {
        regex = try? NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        regex?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The range of the first match, or of its capture `group`.
    func firstRange(in text: String, group: Int = 0) -> Range<String.Index>? {
        guard let match = regex?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return Range(match.range(at: group), in: text)
    }

    /// The text of capture `group` of every match, in order (the whole match for group 0).
    func all(in text: String, group: Int = 0) -> [String] {
        guard let regex else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    /// `text` with every match replaced by `template`.
    func replacing(in text: String, with template: String) -> String {
        guard let regex else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
