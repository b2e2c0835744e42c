import CCurl
import Foundation
import MailTransport

/// Sends mail over SMTP (`[outbound] kind = "smtp"`): one transaction per mail with all its
/// recipients, STARTTLS required on `smtp://`, TLS on `smtps://`. A 4xx or a dropped
/// connection is temporary; a 5xx is permanent.
public struct SMTPSink: MailSink {
    public let credentials: ServerCredentials
    public let helo: String?
    /// The envelope sender (MAIL FROM); the gateway's address when nil.
    public let envelopeFrom: String?

    public init(credentials: ServerCredentials, helo: String?, envelopeFrom: String?) {
        self.credentials = credentials
        self.helo = helo
        self.envelopeFrom = envelopeFrom
    }

    public func deliver(_ envelope: Envelope) throws {
        _ = CurlGlobal.initialized
        guard let handle = curl_easy_init() else { throw DeliveryError(permanent: false, message: "curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }
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
            throw DeliveryError(permanent: reply >= 500, refusedRecipients: reply >= 500 ? envelope.recipients : [], message: error.message)
        }
    }
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
