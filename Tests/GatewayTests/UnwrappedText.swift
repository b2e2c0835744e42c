import Foundation
import MailMessage

extension Mail {
    /// The text part with the lines of each paragraph joined by a blank, as it reads before
    /// the writer wraps it at 78 columns: for finding a sentence, wherever its line breaks fall.
    var unwrappedText: String? {
        textBody.map { text in
            text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").map { $0.split(separator: "\n").joined(separator: " ") }
                .joined(separator: "\n\n")
        }
    }
}
