import Foundation
import MailMessage
import Testing

/// Every charset issue 3 names decodes (through iconv where Foundation has none).
@Suite struct CharsetTests {
    static let samples: [(String, [UInt8], String)] = [
        ("iso-8859-2", [90, 97, 191, 243, 179, 230], "Zażółć"),
        ("iso-8859-5", [191, 224, 216, 210, 213, 226], "Привет"),
        ("iso-8859-7", [202, 225, 235, 231, 236, 221, 241, 225], "Καλημέρα"),
        ("iso-8859-15", [164, 117, 114, 111], "€uro"),
        ("windows-1250", [90, 97, 191, 243, 179, 230], "Zażółć"),
        ("windows-1251", [207, 240, 232, 226, 229, 242], "Привет"),
        ("windows-1253", [202, 225, 235, 231, 236, 221, 241, 225], "Καλημέρα"),
        ("windows-1254", [221, 115, 116, 97, 110, 98, 117, 108], "İstanbul"),
        ("windows-1255", [249, 236, 229, 237], "שלום"),
        ("windows-1256", [227, 209, 205, 200, 199], "مرحبا"),
        ("windows-1257", [192, 254, 117, 111, 108, 97, 115], "Ąžuolas"),
        ("windows-1258", [88, 105, 110, 32, 99, 104, 224, 111], "Xin chào"),
        ("koi8-r", [240, 210, 201, 215, 197, 212], "Привет"),
        ("koi8-u", [240, 210, 201, 215, 166, 212], "Привіт"),
        ("iso-2022-jp", [27, 36, 66, 36, 51, 36, 115, 36, 75, 36, 65, 36, 79, 27, 40, 66], "こんにちは"),
        ("shift_jis", [130, 177, 130, 241, 130, 201, 130, 191, 130, 205], "こんにちは"),
        ("euc-jp", [164, 179, 164, 243, 164, 203, 164, 193, 164, 207], "こんにちは"),
        ("gb2312", [196, 227, 186, 195], "你好"),
        ("gbk", [196, 227, 186, 195], "你好"),
        ("gb18030", [196, 227, 186, 195], "你好"),
        ("big5", [167, 65, 166, 110], "你好"),
        ("euc-kr", [190, 200, 179, 231, 199, 207, 188, 188, 191, 228], "안녕하세요"),
        ("utf-16", [255, 254, 72, 0, 101, 0, 108, 0, 108, 0, 111, 0, 32, 0, 252, 0], "Hello ü"),
        ("utf-16le", [72, 0, 101, 0, 108, 0, 108, 0, 111, 0, 32, 0, 252, 0], "Hello ü"),
        ("us-ascii", [72, 101, 108, 108, 111], "Hello"),
    ]

    @Test(arguments: samples.indices)
    func decodes(_ index: Int) {
        let (charset, bytes, text) = Self.samples[index]
        let decoded = Charset.decode(bytes, charset: charset)
        #expect(decoded.text == text, "\(charset)")
        #expect(decoded.fallback == nil, "\(charset)")
    }

    /// Converters are kept for the next mail: one left in a shifted state by a mail cut off
    /// inside Japanese text reads the next mail from the initial state, as a new one would.
    @Test func aConverterKeptForTheNextMailStartsAfresh() {
        let cutOff: [UInt8] = [27, 36, 66, 36, 51, 36, 115]
        let ascii: [UInt8] = [72, 101, 108, 108, 111]
        for _ in 0..<3 {
            #expect(Charset.decode(cutOff, charset: "iso-2022-jp").text == "こん")
            #expect(Charset.decode(ascii, charset: "iso-2022-jp").text == "Hello")
        }
    }

    @Test(arguments: [
        ("=?utf-8?B?w6k=?==?utf-8?B?w6k=?=", "éé"),
        ("\"=?UTF-8?Q?Jos=C3=A9?=\" <jose@x.example>", "\"José\" <jose@x.example>"),
        ("=?iso-8859-1?q?Fran=E7ois?= Dupont", "François Dupont"),
        ("=?UTF-8?B?SGVsbG8gd29ybGQ?=", "Hello world"),
        ("=?shift_jis?B?grGC8YLJgr+CzQ==?=", "こんにちは"),
        ("=?unknown-8bit?Q?caf=C3=A9?=", "café"),
        ("not =?encoded", "not =?encoded"),
    ])
    func malformedButCommonEncodedWords(_ raw: String, _ expected: String) {
        #expect(EncodedWord.decode(raw) == expected)
    }
}
