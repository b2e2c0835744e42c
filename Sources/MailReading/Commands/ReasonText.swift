import MailMessage

/// What a rejection or de-escalation reason, or an escalation's justification, keeps of what its
/// sender wrote: not the closing at its end ("Regards\nChris", "Thanks, Ana", "Mit freundlichen
/// Grüßen\nJan Müller") and not the punctuation around it ("REJECT - the fix ships Friday.").
/// The reply text keeps both, because the sender wrote them; a reason quoted back to others
/// reads better without.
enum ReasonText {
    /// Punctuation between a command and its reason, and at the reason's end.
    static let punctuation = ",.;:!-–—"

    /// The text without its closing and the punctuation and whitespace around it.
    static func clean(_ text: String) -> String {
        withoutClosing(text).trimmed(including: punctuation)
    }

    /// A command's text argument as written: without the punctuation between the command and
    /// it, without a leading label ("reason:", "Grund:", "motif :", "motivo:", as the Reject
    /// link pre-fills "REJECT reason: "), without the closing; its final punctuation kept.
    static func argument(_ text: String) -> String {
        var result = withoutLeading(Substring(text))
        // A signature alone after the command's line ("REJECT.\n\nJane") is no reason.
        if text[..<result.startIndex].contains("\n\n") {
            let lines = result.trimmedSpace.split(separator: "\n", omittingEmptySubsequences: false)
            if NameBlock.isBlock(lines[...]) { return "" }
        }
        let unlabelled = String(result)
        if let labelEnd = labelEnd(unlabelled) {
            result = withoutLeading(unlabelled[labelEnd...])
        }
        var kept = withoutClosing(String(result))
        if !kept.contains("\n"), isClosing(Substring(kept)) { return "" }
        while let last = kept.unicodeScalars.last, last.properties.isWhitespace || trailing.contains(last) { kept.unicodeScalars.removeLast() }
        return kept
    }

    /// A reason written around a command phrase: the sender's words before it and after it,
    /// joined as the sender punctuated the gap, the phrase gone without a trace ("All fixed
    /// now, please de-escalate. Thanks for the help" → "All fixed now. Thanks for the help").
    static func around(before: String, rest: String) -> String {
        let after = argument(rest)
        let before = before.trimmed(including: ",;:-–—( \n\t")
        guard !before.isEmpty else { return after }
        let gap = rest.prefix { $0.isWhitespace || leading.contains($0) || $0 == "?" }
        let mark = gap.first { !$0.isWhitespace && $0 != ")" }
        let ended = before.last.map { sentenceEnds.contains($0) } ?? false
        guard !after.isEmpty else {
            guard !ended, let mark else { return before }
            return before + (sentenceEnds.contains(mark) && mark != "?" ? String(mark) : ".")
        }
        let space = gap.contains("\n\n") ? "\n\n" : gap.contains("\n") ? "\n" : " "
        guard !ended, let mark else { return before + space + after }
        switch mark {
        case "-", "–", "—": return before + " \(mark)" + space + after
        case "?": return before + "." + space + after
        default: return before + String(mark) + space + after
        }
    }

    private static let sentenceEnds: Set<Character> = [".", "!", "?", "…"]

    static func withoutLeading(_ text: Substring) -> Substring {
        text.drop { $0.isWhitespace || leading.contains($0) }
    }

    private static let leading: Set<Character> = [",", ".", ";", ":", "!", "?", "-", "–", "—", ">", "*", ")", "…"]
    private static let trailing: Set<Unicode.Scalar> = [",", ";", ":", "-", "–", "—"]
    private static let label = Pattern(
        #"^(reason|reasons|because|grund|begr[uü]ndung|motif|raison|motivo|raz[oó]n|justification|justificaci[oó]n|begr[uü]ndet)\s*:\s*"#)

    /// The labels of `label` spelt in ASCII, in its order.
    private static let asciiLabels = [
        "reason", "reasons", "because", "grund", "begrundung", "motif", "raison", "motivo", "razon", "justification", "justificacion",
        "begrundet",
    ].map { Array($0.utf8) }

    /// Where `label` ends in `text`, read on its bytes (`PlainASCIIReader`) or, where they do
    /// not decide, by the pattern; nil when the text does not start with a label.
    static func labelEnd(_ text: String) -> String.Index? {
        let answer = PlainASCIIReader.read(text) { reader -> Int? in
            for label in asciiLabels {
                guard let wordEnd = reader.literalEnd(label, at: 0) else { continue }
                let colon = reader.spaceEnd(from: wordEnd)
                if reader.byte(at: colon) == UInt8(ascii: ":") { return reader.spaceEnd(from: colon + 1) }
            }
            return nil
        }
        switch answer {
        case .answer(let end): return end.map { text.utf8.index(text.startIndex, offsetBy: $0) }
        case .undecided: return label.firstRange(in: text)?.upperBound
        }
    }

    private static let closings: Set<String> = [
        "thanks", "thank you", "many thanks", "thanks a lot", "thx", "regards", "best regards", "kind regards", "warm regards",
        "best", "best wishes", "cheers", "sincerely", "yours", "br", "mit freundlichen grüßen", "mit freundlichen grüssen",
        "viele grüße", "viele grüsse", "beste grüße", "gruß", "grüße", "lg", "cordialement", "bien cordialement", "merci",
        "salutations", "saludos", "un saludo", "atentamente", "gracias", "groeten", "met vriendelijke groet", "hälsningar",
        "med vänliga hälsningar", "mvh", "med venlig hilsen", "venlig hilsen", "ystävällisin terveisin", "terveisin",
        "cordiali saluti", "saluti", "grazie", "atenciosamente", "obrigado", "obrigada", "abraços", "met vriendelijke groeten",
        "saludos cordiales", "pozdrawiam", "z poważaniem", "pozdrowienia", "с уважением", "спасибо", "всего доброго",
        "vänliga hälsningar", "hilsen", "mvh.", "よろしくお願いします", "よろしくお願いいたします", "敬具", "此致", "谢谢", "감사합니다",
    ]

    /// The text without a closing line and the short lines (name, title) after it, when the
    /// closing stands within the last four lines, or without a signature block (`NameBlock`);
    /// the text unchanged otherwise.
    static func withoutClosing(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { return text }
        let start = max(1, lines.count - 4)
        for index in start..<lines.count where isClosing(lines[index]) {
            let after = lines[(index + 1)...]
            guard after.allSatisfy({ $0.utf8.count <= 60 }) else { continue }
            return lines[..<index].joined(separator: "\n").trimmedSpace
        }
        return NameBlock.removed(from: lines) ?? text
    }

    private static func isClosing(_ line: Substring) -> Bool {
        var words = line.trimmedBlanks.lowercased()
        while let last = words.last, last == "," || last == "." || last == "!" { words.removeLast() }
        if closings.contains(words) { return true }
        guard let comma = words.firstIndex(of: ",") else { return false }
        let closing = words[..<comma].trimmedBlanks
        return closings.contains(closing) && words[words.index(after: comma)...].split(separator: " ").count <= 3
    }
}
