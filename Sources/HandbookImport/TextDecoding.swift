import Foundation
#if canImport(CoreFoundation)
import CoreFoundation
#endif

/// Text files as Chinese offices save them: UTF-8 with or without a byte order mark, UTF-16
/// with one (Excel's "Unicode text"), else GB18030 (what Excel on a Chinese Windows writes as
/// "CSV"). UTF-8 is tried first: a GB18030 file is almost never valid UTF-8, and the reverse
/// guess would read any UTF-8 file as mojibake without an error.
enum TextDecoding {
    enum Encoding: String, Sendable { case utf8 = "UTF-8", utf16 = "UTF-16", gb18030 = "GB18030" }

    static let gb18030 = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(
        CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))

    static func decode(_ bytes: [UInt8]) -> (text: String, encoding: Encoding)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(validating: bytes.dropFirst(3), as: UTF8.self).map { ($0, .utf8) }
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return String(data: Data(bytes), encoding: .utf16).map { (String($0.drop { $0 == "\u{FEFF}" }), .utf16) }
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        // NUL bytes are no text in either encoding (a binary file named .csv).
        guard !bytes.contains(0), let text = String(data: Data(bytes), encoding: gb18030) else { return nil }
        return (text, .gb18030)
    }
}
