extension EmailAddress {
    /// A plain addr-spec as a person writes one in a command (`local@host.domain`, RFC 5322
    /// §3.4.1): a dot-atom local part (letters, digits and ``!#$%&'*+-/=?^_`{|}~``, dots between
    /// atoms) and a host name of letter, digit and hyphen labels. Quoted strings, comments,
    /// control characters, encoded words (`=?…?=`) and address literals (`[192.0.2.1]`) are
    /// refused: such an address would go raw into a header.
    public init?(plainAddrSpec text: String) {
        let bytes = Array(text.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), bytes.lastIndex(of: UInt8(ascii: "@")) == at,
            Self.isDotAtom(bytes[..<at], allowed: Self.isAtext), Self.isHostName(bytes[(at + 1)...]),
            !text.contains("=?")
        else { return nil }
        self.init(unchecked: text)
    }

    private static func isDotAtom(_ bytes: ArraySlice<UInt8>, allowed: (UInt8) -> Bool) -> Bool {
        let atoms = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return !bytes.isEmpty && atoms.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed) }
    }

    private static func isHostName(_ bytes: ArraySlice<UInt8>) -> Bool {
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.count >= 2 && bytes.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                    && label.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
            }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// RFC 5322 `atext`.
    private static func isAtext(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
    }
}
