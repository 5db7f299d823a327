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
                "file is \(data.count / 1024 / 1024) MB; the limit is \(sizeLimit / 1024 / 1024) MB",
                at: SourcePosition(path: path, line: 1, column: 1)))
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            return .failure(.error("handbook.file.nul-byte", "file contains a NUL byte",
                                   at: position(ofByte: nul, in: bytes, path: path)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(in: bytes)
            return .failure(.error("handbook.file.invalid-utf8", "file is not valid UTF-8",
                                   at: position(ofByte: bad, in: bytes, path: path)))
        }
        guard text.contains("\r") else { return .success(text) }
        return .success(text.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    private static func firstInvalidUTF8(in bytes: ArraySlice<UInt8>) -> Int {
        var low = bytes.startIndex, high = bytes.endIndex
        // The longest valid prefix, by bisection on whole-prefix validation.
        while low < high {
            let mid = (low + high + 1) / 2
            if String(validating: bytes[bytes.startIndex..<mid], as: UTF8.self) != nil
                || isCutInsideScalar(bytes, at: mid) {
                low = mid
            } else {
                high = mid - 1
            }
        }
        return min(low, bytes.endIndex - 1)
    }

    /// A prefix may be invalid only because it ends inside a multi-byte sequence.
    private static func isCutInsideScalar(_ bytes: ArraySlice<UInt8>, at end: Int) -> Bool {
        var start = end
        while start > bytes.startIndex, end - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > bytes.startIndex else { return false }
        let lead = bytes[start - 1]
        guard lead & 0xC0 == 0xC0 else { return false }
        return String(validating: bytes[bytes.startIndex..<(start - 1)], as: UTF8.self) != nil
    }

    private static func position(ofByte index: Int, in bytes: ArraySlice<UInt8>, path: String) -> SourcePosition {
        let prefix = bytes[bytes.startIndex..<index]
        let line = prefix.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.startIndex
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
        return SourcePosition(path: path, line: line, column: column)
    }
}
