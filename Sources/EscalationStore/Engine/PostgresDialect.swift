import Foundation

/// The store's SQL as PostgreSQL reads it. The store writes its statements once, in SQL that
/// both engines understand where such a form exists (upserts with `ON CONFLICT`, `CASE` instead
/// of summed comparisons); what is spelled differently is rewritten here, outside string
/// literals:
///
/// - placeholders `?` and `?NNN` become `$1`…, numbered in order (`?NNN` keeps its number);
/// - `INSERT OR IGNORE INTO …` becomes `INSERT INTO … ON CONFLICT DO NOTHING`;
/// - blob literals `X'…'` become `'\x…'::bytea`;
/// - the two-argument `MAX(a, b)` and `MIN(a, b)` become `GREATEST` and `LEAST`.
enum PostgresDialect {
    static func translate(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 32)
        var placeholders = 0
        var ignoresConflicts = false
        var characters = Array(sql)
        if let range = prefixRange(of: "INSERT OR IGNORE INTO", in: characters) {
            characters.replaceSubrange(range, with: Array("INSERT INTO"))
            ignoresConflicts = true
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "'":
                let end = literalEnd(characters, from: index)
                output += String(characters[index..<end])
                index = end
            case "?":
                index += 1
                var digits = ""
                while index < characters.count, characters[index].isASCII, characters[index].isNumber {
                    digits.append(characters[index])
                    index += 1
                }
                if digits.isEmpty {
                    placeholders += 1
                    output += "$\(placeholders)"
                } else {
                    output += "$" + digits
                }
            case let letter
            where (letter == "X" || letter == "x") && index + 1 < characters.count && characters[index + 1] == "'"
                && !isWordCharacter(before: index, in: characters):
                let end = literalEnd(characters, from: index + 1)
                output += "'\\x" + String(characters[(index + 2)..<(end - 1)]) + "'::bytea"
                index = end
            default:
                if let function = twoArgumentExtremum(at: index, in: characters) {
                    output += function.replacement
                    index += function.length
                } else {
                    output.append(character)
                    index += 1
                }
            }
        }
        guard ignoresConflicts else { return output }
        if let returning = output.range(of: " RETURNING ", options: .backwards) {
            output.insert(contentsOf: " ON CONFLICT DO NOTHING", at: returning.lowerBound)
            return output
        }
        return output + " ON CONFLICT DO NOTHING"
    }

    /// The range of `keyword` at the start of `characters` (after blanks), compared without case.
    private static func prefixRange(of keyword: String, in characters: [Character]) -> Range<Int>? {
        let start = characters.firstIndex { !$0.isWhitespace } ?? 0
        let words = keyword.split(separator: " ")
        var index = start
        for word in words {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            let end = index + word.count
            guard end <= characters.count, String(characters[index..<end]).uppercased() == word else { return nil }
            index = end
        }
        return start..<index
    }

    /// The index just after the string literal that opens at `start` (`''` is a quote inside it).
    private static func literalEnd(_ characters: [Character], from start: Int) -> Int {
        var index = start + 1
        while index < characters.count {
            if characters[index] == "'" {
                if index + 1 < characters.count, characters[index + 1] == "'" {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return characters.count
    }

    private static func isWordCharacter(before index: Int, in characters: [Character]) -> Bool {
        index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber || characters[index - 1] == "_")
    }

    /// `MAX(` or `MIN(` at `index` whose parentheses hold two arguments: SQLite's scalar form.
    private static func twoArgumentExtremum(at index: Int, in characters: [Character]) -> (replacement: String, length: Int)? {
        guard index + 4 <= characters.count, !isWordCharacter(before: index, in: characters), characters[index + 3] == "(" else { return nil }
        let name = String(characters[index..<(index + 3)]).uppercased()
        guard name == "MAX" || name == "MIN" else { return nil }
        var depth = 0
        var position = index + 3
        while position < characters.count {
            switch characters[position] {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return nil }
            case "," where depth == 1:
                return ((name == "MAX" ? "GREATEST" : "LEAST") + "(", 4)
            case "'": position = literalEnd(characters, from: position) - 1
            default: break
            }
            position += 1
        }
        return nil
    }
}
