/// What a tag does, from the character after its opening delimiter.
enum TagKind: Sendable {
    case variable, unescaped, section, inverted, close, comment, partial, parent, block, delimiters

    /// Interpolations always print something in place, so they never make a line standalone.
    var canStandAlone: Bool { self != .variable && self != .unescaped }

    /// How error messages show the tag.
    var sigil: String {
        switch self {
        case .variable: ""
        case .unescaped: "&"
        case .section: "#"
        case .inverted: "^"
        case .close: "/"
        case .comment: "!"
        case .partial: ">"
        case .parent: "<"
        case .block: "$"
        case .delimiters: "="
        }
    }
}

/// A run of text or one tag, as byte offsets into the template's UTF-8.
/// The later passes only adjust these fields; nothing is copied until the tree is built.
struct Token {
    /// nil for text.
    var tag: TagKind?
    /// For text the bytes `start..<end` (narrowed when standalone lines are removed);
    /// for a tag, `start` is its opening delimiter and `end` is just past its closing one.
    var start: Int
    var end: Int
    /// The tag's content without surrounding whitespace.
    var name = ""
    /// The matching close (for an opening tag) or opening tag (for a close); -1 otherwise.
    var partner = -1
    /// The innermost section, parent or block tag this tag is inside; -1 at the top.
    var enclosing = -1
    /// Leading whitespace of a standalone partial, parent or block line.
    var indent: [UInt8] = []
    /// For a block tag that ends its line: the leading whitespace of the next line
    /// (the spec's "intrinsic indentation").
    var intrinsic: [UInt8]?
}

/// Splits a template into text and tags, following set-delimiter tags as it goes.
struct TemplateTokenizer {
    let bytes: [UInt8]
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private(set) var tokens: [Token] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func run() throws(TemplateSyntaxError) {
        var textStart = 0
        var searchFrom = 0
        while let tagStart = find(open, from: searchFrom) {
            if textStart < tagStart { tokens.append(Token(tag: nil, start: textStart, end: tagStart)) }
            let end = try readTag(at: tagStart)
            textStart = end
            searchFrom = end
        }
        if textStart < bytes.count { tokens.append(Token(tag: nil, start: textStart, end: bytes.count)) }
    }

    /// Reads the tag whose opening delimiter is at `tagStart`; returns the offset just past it.
    private mutating func readTag(at tagStart: Int) throws(TemplateSyntaxError) -> Int {
        var contentStart = tagStart + open.count
        var kind = TagKind.variable
        var closer = close
        if contentStart < bytes.count {
            switch bytes[contentStart] {
            case UInt8(ascii: "{"): kind = .unescaped; closer = [UInt8(ascii: "}")] + close
            case UInt8(ascii: "&"): kind = .unescaped
            case UInt8(ascii: "#"): kind = .section
            case UInt8(ascii: "^"): kind = .inverted
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "<"): kind = .parent
            case UInt8(ascii: "$"): kind = .block
            case UInt8(ascii: "="): kind = .delimiters; closer = [UInt8(ascii: "=")] + close
            default: break
            }
            if kind != .variable { contentStart += 1 }
        }
        guard let closerStart = find(closer, from: contentStart) else {
            throw error("unclosed tag: no '\(String(decoding: closer, as: UTF8.self))' after it", at: tagStart)
        }
        let content = trimmed(contentStart..<closerStart)
        let end = closerStart + closer.count
        var token = Token(tag: kind, start: tagStart, end: end)
        switch kind {
        case .comment:
            break
        case .delimiters:
            try setDelimiters(content, tagStart: tagStart)
        default:
            token.name = try name(content, kind: kind, tagStart: tagStart)
        }
        tokens.append(token)
        return end
    }

    private func name(_ range: Range<Int>, kind: TagKind, tagStart: Int) throws(TemplateSyntaxError) -> String {
        guard !range.isEmpty else { throw error("empty tag name in '\(kind.sigil)' tag", at: tagStart) }
        let name = String(decoding: bytes[range], as: UTF8.self)
        if bytes[range].contains(where: Self.isWhitespace) {
            throw error("tag name '\(name)' contains whitespace", at: tagStart)
        }
        switch kind {
        case .partial, .parent:
            if bytes[range.lowerBound] == UInt8(ascii: "*") {
                throw error("dynamic names ('\(name)') are not supported", at: tagStart)
            }
        case .variable, .unescaped, .section, .inverted:
            if name != ".", name.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                throw error("invalid name '\(name)'", at: tagStart)
            }
        default:
            break
        }
        return name
    }

    /// `{{=<% %>=}}`: exactly two delimiters separated by whitespace.
    private mutating func setDelimiters(_ range: Range<Int>, tagStart: Int) throws(TemplateSyntaxError) {
        let parts = bytes[range].split(whereSeparator: Self.isWhitespace)
        guard parts.count == 2 else {
            throw error("bad delimiter change: expected two delimiters separated by whitespace", at: tagStart)
        }
        open = Array(parts[0])
        close = Array(parts[1])
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        let first = needle[0]
        let last = bytes.count - needle.count
        var index = start
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, Self.isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        TemplateSyntaxError(message: message, offset: offset, in: bytes)
    }
}

extension TemplateSyntaxError {
    /// The error at a byte offset, turned into a 1-based line and a 1-based column in Characters.
    init(message: String, offset: Int, in bytes: [UInt8]) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        self.init(message: message, line: line, column: column)
    }
}
