import Foundation

/// A Markdown or YAML file of the handbook, decoded: BOM removed, CRLF turned into LF
/// (line numbers stay the same), checked to be UTF-8 without NUL bytes.
public struct SourceFile: Sendable {
    public enum Kind: Sendable, Hashable {
        case department, process, page, home
    }

    /// Path relative to the handbook root, as diagnostics print it.
    public var path: String
    /// Path relative to the content folder, as links between documents use it.
    public var contentPath: String
    public var kind: Kind
    public var text: String

    /// Files above this size are refused rather than loaded (a runaway file is a mistake).
    public static let sizeLimit = 10 * 1024 * 1024

    /// Decodes raw bytes, or explains where they are not a valid handbook text file.
    static func decode(_ data: [UInt8], path: String) -> Result<String, Diagnostic> {
        if data.count > sizeLimit {
            return .failure(.error("handbook.file.too-large",
                Phrase("文件有 \(data.count / 1024 / 1024) MB，超过 \(sizeLimit / 1024 / 1024) MB 的上限", en: "file is \(data.count / 1024 / 1024) MB; the limit is \(sizeLimit / 1024 / 1024) MB"),
                at: SourcePosition(path: path, line: 1, column: 1)))
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            return .failure(.error("handbook.file.nul-byte", Phrase("文件里有 NUL 字节（可能不是文本文件）", en: "file contains a NUL byte"),
                                   at: position(ofByte: nul, in: bytes, path: path)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(in: bytes)
            return .failure(.error("handbook.file.invalid-utf8", Phrase("文件不是有效的 UTF-8 编码（可能存成了 GBK，请另存为 UTF-8）", en: "file is not valid UTF-8"),
                                   at: position(ofByte: bad, in: bytes, path: path)))
        }
        guard text.containsByte(UInt8(ascii: "\r")) else { return .success(text) }
        return .success(text.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// Index of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(in bytes: ArraySlice<UInt8>) -> Int {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let lead = bytes[i]
            let (length, low, high): (Int, UInt8, UInt8) = switch lead {
            case 0x00...0x7F: (1, 0x80, 0xBF)
            case 0xC2...0xDF: (2, 0x80, 0xBF)
            case 0xE0: (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
            case 0xED: (3, 0x80, 0x9F)
            case 0xF0: (4, 0x90, 0xBF)
            case 0xF1...0xF3: (4, 0x80, 0xBF)
            case 0xF4: (4, 0x80, 0x8F)
            default: (0, 0, 0)
            }
            guard length > 0 else { return i }
            for k in 1..<length {
                guard i + k < bytes.endIndex else { return i }
                let byte = bytes[i + k]
                let (min, max): (UInt8, UInt8) = k == 1 ? (low, high) : (0x80, 0xBF)
                guard byte >= min, byte <= max else { return i }
            }
            i += length
        }
        return bytes.endIndex - 1
    }

    /// Line and column (in characters, as editors count) of byte `index`.
    static func position(ofByte index: Int, in bytes: ArraySlice<UInt8>, path: String) -> SourcePosition {
        let prefix = bytes[bytes.startIndex..<index]
        let line = prefix.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.startIndex
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
        return SourcePosition(path: path, line: line, column: column)
    }
}
