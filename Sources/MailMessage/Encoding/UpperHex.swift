/// A byte as two upper-case hexadecimal digits, as quoted-printable (`=3D`) and
/// percent-encoding (`%3D`) write it.
public enum UpperHex {
    private static let digits: StaticString = "0123456789ABCDEF"

    /// The digit of the byte's high four bits, then of its low four.
    public static func digits(of byte: UInt8) -> (high: UInt8, low: UInt8) {
        (digits.utf8Start[Int(byte >> 4)], digits.utf8Start[Int(byte & 0x0F)])
    }
}
