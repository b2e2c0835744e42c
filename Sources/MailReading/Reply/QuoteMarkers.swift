import Foundation
import MailMessage

/// Lines that start quoted history: attribution lines in many languages (also folded over
/// several lines, date-first and mid-line), Outlook's header block, "Original Message" and
/// forward markers, and lines of delimiter characters.
enum QuoteMarkers {
    static let verbList = [
        "wrote", "writes", "schrieb", "a écrit", "a ecrit", "escribió", "escribio", "ha scritto", "schreef", "geschreven", "skrev", "kirjoitti",
        "napisał", "napisal", "pisze", "пишет", "написал", "написала", "пише", "đã viết", "escreveu", "írta", "sent", "yazdı", "写道",
    ]
    private static let verbs = verbList.joined(separator: "|")
    private static let separatorWords = [
        "original", "forwarded", "ursprüngliche", "d'origine", "mensaje", "oorspronkelijk", "messaggio", "mensagem", "alkuperäinen",
        "ursprungligt", "opprinnelig", "oryginalna", "исходное", "пересылаемое", "原始", "vorherige", "previous repl", "reply message",
        "antwort nachricht", "oprindelig",
    ]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let verbBytes = NeedleSet(verbList, ignoringCase: true)
    private static let separatorBytes = NeedleSet(separatorWords, ignoringCase: true)

    /// "On … wrote:" and kin, possibly wrapped in dashes (Android's "---- X wrote ----").
    static let attribution = Pattern(
        #"^[-\s*]*(on|le|am|el|il|op|em|den|w dniu|dne|vào|pe|en|kl\.|at|в|às|den)\b.{0,250}\b("# + verbs + #")\s*:?[\s-]*$"#)
    /// A start word, a verb anywhere, a colon at the end: "Am 03.02.2016 schrieb X <x@y>:", "Den … skrev:".
    private static let verbInside = Pattern(
        #"^[-\s*]*(on|le|am|el|il|op|em|den|w dniu|dne|vào|pe|en)\b.{0,200}\b("# + verbs + #")\b.{0,200}:\s*$"#)
    /// A line starting with a day and ending in an address and a colon: "23 mar 2017 21:25 "N" <x@y> napisał(a):".
    private static let dayFirst = Pattern(#"^\s*\d{1,2}\.?\s+\S+\s+\d{4}.{0,120}@.{0,80}:\s*$"#)
    /// "Name <x@y> schrieb am …:" and Polish "… napisał(a):".
    private static let namedAttribution = Pattern(#"^[-\s*]*.{1,120}\b("# + verbs + #")(\(a\))?\s*(am .{3,60})?:\s*$"#)
    /// Android's "---- X wrote ----".
    private static let dashedAttribution = Pattern(#"^-{2,}\s*.{1,80}\b("# + verbs + #")\s*-{2,}$"#)
    /// Gmail's Chinese attribution, the verb right after the time: "Name <x@y> 于2026年11月24日周二 10:02写道：".
    private static let chineseAttribution = Pattern(#"^.{1,200}@.{1,120}(写道|寫道)\s*[:：]?\s*$"#)
    /// Gmail's date-first attribution: "2014-10-17 11:28 GMT+03:00 Name <…>:", "02.04.2012 14:20 …".
    private static let dateFirst = Pattern(#"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}),?\s+\d{1,2}:\d{2}"#)
    /// "Thu, 26 Jun 2014 14:00:51 +0400 от Name <x@y>:" and "2011/4/7 Name <x@y>": this date at
    /// the start, and an address at the end (`AddressEnding`).
    private static let dateBeforeAddress = Pattern(#"^\s*((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+\d{1,2}\s+\w+\s+\d{4}|\d{4}/\d{1,2}/\d{1,2})\b"#)
    /// Gmail's Japanese and Korean attributions: "2026年11月24日(火) 10:02 Name <x@y>:",
    /// "2026년 11월 24일 (화) 오전 10:02, Name <x@y>님이 작성:".
    private static let cjkDateFirst = Pattern(#"^\s*\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일].{0,160}(@.{0,80}[:：]|작성\s*:?)\s*$"#)
    /// A time or date first, a year, and an address in brackets before the colon:
    /// "11:00 AM, November 17, 2021, "X" <x@y>:", "30.09.2017, 18.30, "X" <x@y>:".
    private static let numericFirstAddress = Pattern(#"^\s*\d.{0,60}\b\d{4}\b.{0,120}<[^<>\s]+@[^<>\s]+>\s*:\s*$"#)
    /// A weekday, a date with its year, and a verb or an address before the colon, as Gmail writes
    /// it in Norwegian, Danish, Finnish and Russian: "tir. 18. apr. 2017 kl. 13:09 skrev X <x@y>:",
    /// "ср, 30 апр. 2025 г. в 15:19, X <x@y>:".
    private static let weekdayDateFirst = Pattern(
        #"^\s*\p{L}{2,5}\.?,?\s+\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}\b.{0,200}(\b("# + verbs + #")\b.{0,200}|@.{0,80}):\s*$"#)
    /// "On Tue, Apr 11, 2017 at 10:07 PM John Smith" followed by a `<`/`mailto:` line (Polymail).
    private static let onDateTime = Pattern(#"^\s*on\s.{0,60}\d{1,2}:\d{2}"#)
    private static let separators = Pattern(
        #"^[\s>*_=-]*[-_=*]{2,}.{0,5}(original message|reply message|antwort nachricht|oprindelig meddelelse|forwarded message|ursprüngliche nachricht|message d'origine|message original|mensaje original|oorspronkelijk bericht|messaggio originale|mensagem original|alkuperäinen viesti|ursprungligt meddelande|opprinnelig melding|wiadomość oryginalna|исходное сообщение|пересылаемое сообщение|原始邮件|vorherige antworten|oprindelig besked)"#
    )
    private static let markerLine = Pattern(#"^\s*\**\s*(vorherige antworten|previous replies)\s*\**\s*$"#)
    /// Header names that open a quoted or forwarded message's header block.
    private static let headerStartNames: Set<String> = [
        "from", "von", "de", "da", "van", "fra", "från", "lähettäjä", "od", "от", "expéditeur", "date", "datum", "envoyé par", "message du",
    ]
    /// Header names of a quoted or forwarded message's header block.
    private static let headerLineNames: Set<String> = headerStartNames.union([
        "sent", "gesendet", "envoyé", "enviado", "inviato", "verzonden", "sendt", "skickat", "lähetetty", "wysłano", "отправлено", "дата", "to",
        "an", "à", "a", "para", "aan", "til", "till", "vastaanottaja", "do", "кому", "subject", "betreff", "objet", "asunto", "oggetto",
        "onderwerp", "emne", "ämne", "aihe", "assunto", "temat", "тема", "cc", "kopie",
    ])

    /// Characters every history marker has at least one of; lines without them are prose and
    /// skip the patterns (most lines of most mail).
    private static func isMarkerCharacter(_ byte: UInt8) -> Bool {
        byte == 0x3A || byte == 0x2D || byte == 0x5F || byte == 0x2A || byte == 0x3C || byte == 0x40 || byte == 0x3D
    }

    private static let shortMarkerWords = NeedleSet(["antwort", "previous repl"], ignoringCase: true)

    private static func mayBeMarker(_ line: String) -> Bool {
        if line.utf8.contains(where: isMarkerCharacter) { return true }
        if let first = line.utf8.first, first >= 0x30, first <= 0x39 { return true }
        if line.utf8.count < 40 {
            return line.hasAny(shortMarkerWords)
        }
        return line.hasSuffix("wrote")
    }

    /// Every attribution ends in a colon, a dash (Android's "---- X wrote ----") or its verb.
    private static func endsLikeAttribution(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        if last == ":" || last == "-" || last == "：" { return true }
        guard verbEndings.contains(last) else { return false }
        let lower = text.suffix(12).lowercased()
        return verbList.contains { lower.hasSuffix($0) }
    }

    /// The last letters of the verbs, in both cases.
    private static let verbEndings = Set(verbList.compactMap(\.unicodeScalars.last).flatMap { [$0] + String($0).uppercased().unicodeScalars })

    /// The lower-cased name before a colon within the line's first 30 characters (`From`,
    /// `Gesendet`, `*Objet*`…: letters, blanks and asterisks only), or nil.
    private static func headerName(_ line: String) -> String? {
        guard let colon = line.utf8.prefix(90).firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let head = line[..<colon].unicodeScalars
        guard head.count <= 30, head.allSatisfy({ $0.properties.isAlphabetic || $0 == " " || $0 == "\t" || $0 == "*" }) else { return nil }
        let name = String(String.UnicodeScalarView(head.filter { $0 != "*" })).trimmedBlanks.lowercased()
        return name.isEmpty ? nil : name
    }

    private static let foldStartLetters: Set<Unicode.Scalar> = [
        "o", "O", "l", "L", "a", "A", "e", "E", "i", "I", "d", "D", "w", "W", "v", "V", "-", "*",
    ]

    /// Whether a line can begin an attribution folded over the next lines.
    private static func mayStartFold(_ line: String) -> Bool {
        guard let first = line.unicodeScalars.first else { return false }
        if first.properties.numericType != nil || line.utf8.contains(where: { $0 == 0x40 || $0 == 0x3C || $0 == 0x22 }) { return true }
        // A date with its year ("pe 20. lokakuuta 2017 klo 17.50 John Coe"), the address and verb on the next line.
        if line.utf8.count <= 80, hasYear(line) { return true }
        guard foldStartLetters.contains(first) else { return false }
        let lower = line.prefix(8).lowercased()
        return ["on ", "le ", "am ", "el ", "il ", "op ", "em ", "den ", "w dniu", "dne ", "vào ", "-", "*"].contains { lower.hasPrefix($0) }
    }

    /// Characters of a line the start-anchored patterns read: each needs fewer, and a long
    /// line must not make a pattern read all of it.
    private static let headLength = 160
    /// Characters of a marker line at most, beyond which the patterns anchored at both ends
    /// cannot match (their middle parts are bounded): longer lines skip them.
    private static let markerLength = 400

    /// The number of lines of quoted-history header starting at `index`, or nil.
    static func historySpan(lines: ReplyLineBuffer, at index: Int) -> Int? {
        let line = lines[index].trimmedBlanks
        guard !line.isEmpty, !ReplyLines.isQuote(line) else { return nil }
        let startsFold = mayStartFold(line)
        guard mayBeMarker(line) || startsFold && lines[(index + 1)..<min(lines.count, index + 3)].contains(where: mayBeMarker) else { return nil }
        var isShort: Bool { line.utf8.count <= markerLength || line.unicodeScalars.count <= markerLength }
        if line.hasAny(separatorBytes), separators.matches(shortenedDelimiterRun(line)) || isShort && markerLine.matches(line) { return 1 }
        for span in 1...(startsFold ? 3 : 1) where index + span <= lines.count {
            let joined: String
            if span == 1 {
                joined = line
            } else {
                let part = lines[index..<(index + span)].map { $0.trimmedBlanks }
                if part.last?.isEmpty ?? true { break }
                joined = part.joined(separator: " ")
            }
            if joined.utf8.count > 600 { break }
            guard endsLikeAttribution(joined), joined.hasAny(verbBytes) else { continue }
            // The common "On … wrote:" first: each pattern is an ICU match over the line.
            let lead = shortenedLeadingRun(joined)
            if AttributionLine.matches(lead) || verbInside.matches(lead)
                || (namedAttribution.matches(lead) || dashedAttribution.matches(shortenedDashes(joined)))
                    && (joined.has("@") || joined.has("\"") || joined.count < 100)
                || dayFirst.matches(joined) || chineseAttribution.matches(joined) || weekdayDateFirst.matches(joined)
            {
                return span
            }
        }
        let lower = line.prefix(3).lowercased()
        let startsWithDate = line.unicodeScalars.first?.properties.numericType != nil || weekdays.contains(lower)
        if startsWithDate {
            let head = String(line.prefix(headLength))
            if line.containsByte(UInt8(ascii: ":")) && dateFirst.matches(head)
                || line.containsByte(UInt8(ascii: "@")) && AddressEnding.endsWithAddress(line) && dateBeforeAddress.matches(head)
                || isShort && cjkDateFirst.matches(line)
            {
                return 1
            }
        }
        if line.hasSuffix(":"), line.containsByte(UInt8(ascii: "@")), weekdayDateFirst.matches(line) { return 1 }
        if startsWithDate, line.hasSuffix(">:"), numericFirstAddress.matches(line) { return 1 }
        if lower == "on ", onDateTime.matches(String(line.prefix(headLength))) {
            let next = lines[(index + 1)..<min(lines.count, index + 4)].map { $0.trimmedBlanks }
            if next.contains(where: { $0 == "<" || $0.hasPrefix("mailto:") || $0.hasPrefix("<mailto:") }) { return 1 }
        }
        if let name = headerName(line), headerStartNames.contains(name) {
            let following = lines[(index + 1)..<min(lines.count, index + 6)]
            if following.contains(where: isHeaderLine) { return 1 }
        }
        return nil
    }

    /// The line with a leading run of delimiter characters (`[\s>*_=-]`) cut to its last eight:
    /// `separators` reads the run and then at most five characters before its word, so only the
    /// run's last seven characters decide, and a long run cannot make it backtrack over all of
    /// it. Then at most `headLength` characters, as the word stands near the start.
    private static func shortenedDelimiterRun(_ line: String) -> String {
        String(String.UnicodeScalarView(withoutRunHead(line, of: ">*_=-", keeping: 8).prefix(headLength)))
    }

    /// The text with a leading run of `[-\s*]` cut to its last character, for the patterns that
    /// begin `^[-\s*]*`: in `attribution` and `verbInside` a word follows the run, which starts
    /// with a letter, so the run's length never matters; in `namedAttribution` `.{1,120}` and a
    /// verb follow, so it matches when the verb stands at most 120 characters after the run,
    /// whatever its length. A long run only made them try every split of it (ignoring case,
    /// each try costs: a line of 550 dashes cost a millisecond).
    private static func shortenedLeadingRun(_ text: String) -> String {
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == 0x20 || first == 0x09 else {
            return text
        }
        return String(String.UnicodeScalarView(withoutRunHead(text, of: "-*", keeping: 1)))
    }

    /// The text with leading dashes cut to three and the blanks after them to one: in
    /// `dashedAttribution` more of either never lets `.{1,80}` reach further, only makes the
    /// pattern try more splits.
    private static func shortenedDashes(_ text: String) -> String {
        let dashes = text.utf8.prefix { $0 == UInt8(ascii: "-") }.count
        let afterDashes = text.utf8.dropFirst(dashes)
        let blanks = afterDashes.prefix { $0 == 0x20 || $0 == 0x09 }.count
        guard dashes > 3 || blanks > 1 else { return text }
        let rest = Substring(afterDashes.dropFirst(blanks))
        return String(repeating: "-", count: min(dashes, 3)) + (blanks > 0 ? " " : "") + rest
    }

    /// The scalars of `text` after dropping all but the last `keeping` of its leading run of
    /// ASCII white space and the characters of `marks` (ASCII), counted on bytes. A run that
    /// goes on in other white space is cut shorter than it is, which keeps more of it: the
    /// patterns read the same.
    private static func withoutRunHead(_ text: String, of marks: String, keeping: Int) -> Substring.UnicodeScalarView {
        let markBytes = Array(marks.utf8)
        let run = text.utf8.prefix { $0 == 0x20 || (0x09...0x0D).contains($0) || markBytes.contains($0) }.count
        return Substring(text).unicodeScalars.dropFirst(max(0, run - keeping))
    }

    /// Whether the whole line is an attribution that starts where the line starts.
    static func isAnchoredAttribution(_ line: String) -> Bool {
        AttributionLine.matches(line) || verbInside.matches(line)
    }

    /// A line of dashes, underscores or equals signs only (`---`, `______`, `====`), as Outlook,
    /// forums and French webmail put above history.
    static func isDelimiter(_ line: String) -> Bool {
        let marks = line.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
        return marks.count >= 3 && marks.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "=") }
    }

    /// Whether the line holds four digits in a row (a year).
    private static func hasYear(_ line: String) -> Bool {
        var run = 0
        for byte in line.utf8 {
            run = byte >= 0x30 && byte <= 0x39 ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    /// A header line of a quoted or forwarded message (`From:`, `Subject:`, `Kopie:`…).
    static func isHeaderLine(_ line: String) -> Bool {
        headerName(line).map(headerLineNames.contains) ?? false
    }

    private static let sharedLineStarts = NeedleSet([" on ", " le ", " am ", " el ", "-on ", "-le "], ignoringCase: true)

    /// The text before an attribution that shares its line, or nil when the line has none.
    static func splitSharedLine(_ line: String) -> String? {
        guard line.hasAny(sharedLineStarts), line.hasAny(verbBytes) else { return nil }
        guard let prefix = SharedLineAttribution.textBefore(in: line, verbs: verbList) else { return nil }
        let text = prefix.trimmedBlanks
        guard !ReplyLines.isQuote(line), text.contains(where: { $0.isLetter || $0.isNumber }), !isAnchoredAttribution(line) else { return nil }
        return text
    }
}
