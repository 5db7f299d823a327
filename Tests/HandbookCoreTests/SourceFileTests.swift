import Foundation
import Testing
@testable import HandbookCore

private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

@Suite("Decoding source files")
struct SourceFileTests {
    @Test("A BOM is removed")
    func removesBOM() throws {
        let text = try SourceFile.decode(bom + Array("标题".utf8), path: "a.md").get()
        #expect(text == "标题")
        #expect(text.unicodeScalars.first != "\u{FEFF}")
    }

    @Test("CRLF becomes LF and lines stay the same")
    func crlf() throws {
        let text = try SourceFile.decode(Array("一\r\n二\r\n\r\n三".utf8), path: "a.md").get()
        #expect(text == "一\n二\n\n三")
        #expect(!text.unicodeScalars.contains("\r"))
    }

    @Test("Plain UTF-8 is returned as it is")
    func plain() throws {
        #expect(try SourceFile.decode(Array("---\nname: 客服部\n---\n".utf8), path: "a.md").get() == "---\nname: 客服部\n---\n")
        #expect(try SourceFile.decode([], path: "a.md").get() == "")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    @Test("Invalid UTF-8 is refused at the line and column of the first bad byte", arguments: [
        Bad(name: "stray continuation byte", bytes: Array("ab\ncd".utf8) + [0x80] + Array("x".utf8), line: 2, column: 3),
        Bad(name: "0xFF after Chinese text", bytes: Array("ab\n中".utf8) + [0xFF] + Array("x".utf8), line: 2, column: 2),
        Bad(name: "GBK-encoded 中文", bytes: Array("title: ".utf8) + [0xD6, 0xD0, 0xCE, 0xC4], line: 1, column: 8),
        Bad(name: "Latin-1 é", bytes: Array("caf".utf8) + [0xE9] + Array("\n".utf8), line: 1, column: 4),
        Bad(name: "lead byte then ASCII", bytes: Array("中文".utf8) + [0xE4, 0x41], line: 1, column: 3),
        Bad(name: "truncated at the end", bytes: Array("ab".utf8) + [0xE4, 0xB8], line: 1, column: 3),
        Bad(name: "overlong slash", bytes: [0xC0, 0xAF], line: 1, column: 1),
        Bad(name: "after a BOM", bytes: bom + Array("a".utf8) + [0x80], line: 1, column: 2),
    ])
    func invalidUTF8(_ bad: Bad) {
        let result = SourceFile.decode(bad.bytes, path: "content/bad.md")
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a diagnostic, got \(result)")
            return
        }
        #expect(diagnostic.rule == "handbook.file.invalid-utf8")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.position.path == "content/bad.md")
        #expect(diagnostic.position.line == bad.line)
        #expect(diagnostic.position.column == bad.column)
    }

    @Test("A NUL byte is refused with its position")
    func nul() {
        let result = SourceFile.decode(Array("第一行\n中文".utf8) + [0] + Array("x".utf8), path: "content/nul.md")
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a diagnostic, got \(result)")
            return
        }
        #expect(diagnostic.rule == "handbook.file.nul-byte")
        #expect(diagnostic.position == SourcePosition(path: "content/nul.md", line: 2, column: 3))
    }

    @Test("A file over the size limit is refused")
    func tooLarge() {
        let result = SourceFile.decode([UInt8](repeating: UInt8(ascii: "a"), count: SourceFile.sizeLimit + 1), path: "big.md")
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a diagnostic")
            return
        }
        #expect(diagnostic.rule == "handbook.file.too-large")
    }

    @Test("A handbook with an invalid file reports it at its path and publishes nothing")
    func endToEnd() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        try handbook.write("content/guides/gbk.md", Data(Array("# 标题\n\ncaf".utf8) + [0xE9]))
        let site = try await handbook.build()
        #expect(!site.report.published)
        let diagnostic = try #require(site.errors.first { $0.rule == "handbook.file.invalid-utf8" })
        #expect(diagnostic.position.path == "content/guides/gbk.md")
        #expect(diagnostic.position.line == 3)
        #expect(diagnostic.position.column == 4)
    }
}

/// Which kind of document a file under content/ is, by where it sits.
@Suite("Content file kinds")
struct ContentKindTests {
    @Test("departments/ and processes/ hold departments and processes directly; index.md is the home; the rest are pages", arguments: [
        ("departments/qa.md", SourceFile.Kind.department), ("processes/投诉处理.md", .process), ("processes/sub/x.md", .page),
        ("departments/sub/x.md", .page), ("index.md", .home), ("guides/index.md", .page), ("processes.md", .page),
        ("glossary.md", .page), ("other/processes/x.md", .page), ("processesx/y.md", .page),
    ])
    func kind(_ path: String, _ kind: SourceFile.Kind) {
        #expect(ContentScanner.kind(of: path) == kind)
    }
}
