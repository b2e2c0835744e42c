import CCurl

/// A libcurl failure with curl's words and, where the server answered, its reply code.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    public var message: String
    /// The server's last reply code (SMTP 451, 550…), 0 when none.
    public var replyCode: Int

    init(_ code: CURLcode, context: String, replyCode: Int = 0) {
        self.code = Int(code.rawValue)
        self.replyCode = replyCode
        self.message = "\(context): " + String(cString: curl_easy_strerror(code)) + (replyCode > 0 ? " (server said \(replyCode))" : "")
    }

    init(message: String) {
        code = -1
        replyCode = 0
        self.message = message
    }

    public var description: String { message }
}

/// One-time global initialisation of libcurl, before any handle is made.
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
