import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// iconv converters to UTF-8, kept by charset for the next mail: opening one sets up the
/// charset's conversion (glibc's gconv) and closing it tears that down, which together cost
/// more than converting a mail's body (`bench pipeline`: 31 of the 33 samples in
/// `Charset.iconvDecode`). A converter is used by one thread at a time and reset before it
/// goes back; at most `idlePerCharset` wait per charset, the rest are closed.
final class IconvConverters: @unchecked Sendable {
    static let shared = IconvConverters()
    private static let idlePerCharset = 4

    /// Idle converters by charset name, as the bit patterns of their `iconv_t`.
    private var idle: [String: [Int]] = [:]
    private let lock = NSLock()

    /// Runs `convert` with a converter from `charset` to UTF-8 of its own; nil when iconv does
    /// not know the charset.
    func withConverter<Result>(from charset: String, _ convert: (iconv_t) -> Result) -> Result? {
        guard let converter = take(charset) else { return nil }
        defer { give(converter, back: charset) }
        return convert(converter)
    }

    private func take(_ charset: String) -> iconv_t? {
        let kept = lock.withLock { idle[charset]?.popLast() }
        if let kept { return iconv_t(bitPattern: kept) }
        let opened = iconv_open("UTF-8", charset)
        return opened == iconv_t(bitPattern: -1) ? nil : opened
    }

    private func give(_ converter: iconv_t, back charset: String) {
        // Back to the initial shift state, so that the next mail starts as a new one would.
        _ = iconv(converter, nil, nil, nil, nil)
        let pattern = Int(bitPattern: converter)
        let kept = lock.withLock {
            guard idle[charset, default: []].count < Self.idlePerCharset else { return false }
            idle[charset, default: []].append(pattern)
            return true
        }
        if !kept { iconv_close(converter) }
    }
}
