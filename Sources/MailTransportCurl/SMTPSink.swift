import CCurl
import Foundation
public import MailTransport

/// Sends mail over SMTP (`[outbound] kind = "smtp"`): one transaction per mail with all its
/// recipients, STARTTLS required on `smtp://`, TLS on `smtps://`. One curl handle is kept, so
/// consecutive mails share one connection (curl reconnects when the server closed it). A 4xx or
/// a dropped connection is temporary; a 5xx is permanent.
public final class SMTPSink: MailSink, @unchecked Sendable {
    public let credentials: ServerCredentials
    public let helo: String?
    /// The envelope sender (MAIL FROM); the gateway's address when nil.
    public let envelopeFrom: String?
    private let lock = NSLock()
    private var handle: UnsafeMutableRawPointer?

    public init(credentials: ServerCredentials, helo: String?, envelopeFrom: String?) {
        self.credentials = credentials
        self.helo = helo
        self.envelopeFrom = envelopeFrom
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
    }

    public func deliver(_ envelope: Envelope) throws -> [RefusedRecipient] {
        lock.lock()
        defer { lock.unlock() }
        _ = CurlGlobal.initialized
        if handle == nil { handle = curl_easy_init() }
        guard let handle else { throw DeliveryError(permanent: false, message: "curl_easy_init failed") }
        curl_easy_reset(handle)
        let url = credentials.url + (helo.map { "/" + $0 } ?? "")
        ccurl_setopt_string(handle, CURLOPT_URL, url)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, 30)
        ccurl_setopt_long(handle, CURLOPT_TIMEOUT, 120)
        if credentials.security == .startTLS { ccurl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let caFile = credentials.caFile { ccurl_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        if let user = credentials.user { ccurl_setopt_string(handle, CURLOPT_USERNAME, user) }
        if let password = credentials.password { ccurl_setopt_string(handle, CURLOPT_PASSWORD, password) }
        ccurl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(envelopeFrom ?? envelope.from)>")
        var recipients: UnsafeMutablePointer<curl_slist>?
        for recipient in envelope.recipients { recipients = curl_slist_append(recipients, "<\(recipient)>") }
        defer { curl_slist_free_all(recipients) }
        ccurl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
        ccurl_setopt_long(handle, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1)
        let dialogue = SMTPDialogue()
        let dialogueReference = Unmanaged.passRetained(dialogue)
        defer { dialogueReference.release() }
        ccurl_setopt_long(handle, CURLOPT_VERBOSE, 1)
        ccurl_setopt_debug_function(handle, recordDialogue)
        ccurl_setopt_pointer(handle, CURLOPT_DEBUGDATA, dialogueReference.toOpaque())
        let body = UploadBody(bytes: envelope.raw)
        let unmanaged = Unmanaged.passRetained(body)
        defer { unmanaged.release() }
        ccurl_setopt_long(handle, CURLOPT_UPLOAD, 1)
        ccurl_setopt_long(handle, CURLOPT_INFILESIZE, envelope.raw.count)
        ccurl_setopt_read_function(handle, uploadRead)
        ccurl_setopt_pointer(handle, CURLOPT_READDATA, unmanaged.toOpaque())
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            var reply = 0
            ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
            let error = CurlError(code, context: "SMTP to \(credentials.url)", replyCode: reply)
            let said = dialogue.lastErrorReply.map { ": \($0)" } ?? ""
            throw DeliveryError(permanent: reply >= 500, refusedRecipients: reply >= 500 ? envelope.recipients : [], message: error.message + said)
        }
        return dialogue.refused
    }
}

/// The SMTP dialogue as curl reports it: each `RCPT TO` paired with the server's reply, so
/// that recipients refused while others were accepted are known.
final class SMTPDialogue {
    private var pendingRecipient: String?
    private(set) var refused: [RefusedRecipient] = []
    /// The server's last 4xx or 5xx reply line, as it wrote it, for the log.
    private(set) var lastErrorReply: String?

    func sent(_ line: String) {
        guard line.uppercased().hasPrefix("RCPT TO:") else { return }
        pendingRecipient = line.dropFirst(8).trimmingCharacters(in: CharacterSet(charactersIn: " <>\r\n"))
    }

    func received(_ line: String) {
        if let code = Int(line.prefix(3)), code >= 400 { lastErrorReply = line.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let recipient = pendingRecipient, let code = Int(line.prefix(3)), line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == " "
        else { return }
        pendingRecipient = nil
        if code >= 400 {
            refused.append(RefusedRecipient(address: recipient, reply: line.trimmingCharacters(in: .whitespacesAndNewlines), permanent: code >= 500))
        }
    }
}

/// curl's debug callback: feeds the commands it sent and the replies it got to the dialogue.
let recordDialogue: curl_debug_callback = { _, type, data, size, userData in
    guard let data, let userData else { return 0 }
    let dialogue = Unmanaged<SMTPDialogue>.fromOpaque(userData).takeUnretainedValue()
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    for line in text.split(separator: "\n") {
        if type == CURLINFO_HEADER_OUT { dialogue.sent(String(line)) } else if type == CURLINFO_HEADER_IN { dialogue.received(String(line)) }
    }
    return 0
}

/// The bytes of one mail being uploaded, read by curl in chunks.
final class UploadBody {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }
}

/// curl's read callback: copies the next chunk of the mail into curl's buffer.
let uploadRead: curl_read_callback = { pointer, size, count, userData in
    guard let pointer, let userData else { return 0 }
    let body = Unmanaged<UploadBody>.fromOpaque(userData).takeUnretainedValue()
    let length = min(size * count, body.bytes.count - body.offset)
    guard length > 0 else { return 0 }
    body.bytes.withUnsafeBytes { source in
        guard let base = source.baseAddress else { return }
        UnsafeMutableRawPointer(pointer).copyMemory(from: base.advanced(by: body.offset), byteCount: length)
    }
    body.offset += length
    return length
}
