/// What caused outgoing mail: the Message-ID it answers (journal, In-Reply-To) and the key its
/// Message-IDs are derived from. The key is unique per cause (an inbound mail's receipt key, a
/// sent mail's Message-ID, an SLA event), so that two mails that share a Message-ID but come
/// from different senders never derive the same outgoing IDs. Mail back to the cause's sender
/// keeps its `subject` (the conversation's, `ConversationSubject`), so that it joins the
/// sender's conversation of that mail.
struct MailCause {
    var messageID: String
    var key: String
    var subject: String? = nil
}
