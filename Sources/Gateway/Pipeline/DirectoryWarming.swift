import EscalationCore
import EscalationStore
import EscalationValues
import MailReading

extension PreparedMail {
    /// Reads into the directory's memory the records that applying this mail asks for first:
    /// its sender as a contact and as staff, and the cases and accounts its subject is tagged
    /// with. Run where the mail is prepared, so that a spare core waits for those first reads
    /// instead of the transaction (one per new case or sender, about a twentieth of a mail's
    /// time in the transaction at 10,000 mails); a record read here is the one the
    /// transaction would have read, until the directory is imported again.
    func warm(_ directory: StoreDirectory) {
        guard case .success(let contents) = contents else { return }
        if let sender = contents.sender {
            _ = directory.contact(sender)
            _ = directory.staffMember(sender)
        }
        for case .source(let source) in contents.hints.subjectTags {
            switch source {
            case .supportCase(let number): _ = directory.supportCase(number).map { directory.account($0.account) }
            case .account(let number): _ = directory.account(number)
            }
        }
    }
}
