/// Lower-casing and diacritic folding of the words the command reader compares, done on scalars
/// without Foundation (which cost more than the reading itself): "Approuvé" → "approuve",
/// "Schließen" keeps its ß, scripts without Latin diacritics stay as they are.
enum WordFolding {
    /// Lower-cased, with typographic apostrophes straightened.
    static func lowercased(_ word: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if scalar == "’" {
                scalars.append("'")
            } else if scalar.properties.changesWhenLowercased {
                scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The lower-cased text without Latin diacritics.
    static func fold(_ lower: String) -> String {
        guard !lower.utf8.allSatisfy({ $0 < 0x80 }) else { return lower }
        var scalars = String.UnicodeScalarView()
        for scalar in lower.unicodeScalars {
            if scalar == "’" {
                scalars.append("'")
            } else if let plain = plain[scalar] {
                scalars.append(plain)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Each lower-case Latin letter with a diacritic, and the letter without it.
    private static let plain: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"),
            ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöōŏő", "o"), ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"),
            ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (letters, base) in groups {
            for letter in letters.unicodeScalars { table[letter] = base }
        }
        return table
    }()
}
