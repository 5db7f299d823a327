import Foundation
import Testing
@testable import HandbookCore

/// Where diagnostics point, whatever the file's line endings, BOM or characters: columns count
/// characters as an editor shows them.
@Suite("Review rules: positions")
struct ReviewRulePositionTests {
    // MARK: The MarkedText helper itself

    @Test("MarkedText: markers are removed and located by line and character column", arguments: [
        ("name: 客服布1️⃣x", "name: 客服布x", 1, 10),
        ("a\nb\n1️⃣c", "a\nb\nc", 3, 1),
        ("👨‍👩‍👧1️⃣x", "👨‍👩‍👧x", 1, 2),
        ("e\u{301}1️⃣x", "e\u{301}x", 1, 2),
        ("\u{FEFF}ab1️⃣c", "\u{FEFF}abc", 1, 3),
        ("a\r\nb1️⃣c", "a\r\nbc", 2, 2),
        ("1️⃣", "", 1, 1),
    ])
    func markedText(_ marked: String, _ clean: String, _ line: Int, _ column: Int) {
        let text = MarkedText(marked)
        #expect(text.text == clean)
        #expect(text.markers == ["1️⃣": MarkedText.Location(line: line, column: column)])
    }

    @Test("MarkedText: several markers, side by side, in one text; text without markers is kept as is")
    func severalMarkers() {
        let text = MarkedText("甲1️⃣2️⃣乙\n  3️⃣丙9️⃣")
        #expect(text.text == "甲乙\n  丙")
        #expect(text.markers == ["1️⃣": .init(line: 1, column: 2), "2️⃣": .init(line: 1, column: 2),
                                 "3️⃣": .init(line: 2, column: 3), "9️⃣": .init(line: 2, column: 4)])
        let plain = MarkedText("no markers: 1 2 3 ①")
        #expect(plain.text == "no markers: 1 2 3 ①")
        #expect(plain.markers.isEmpty)
    }

    // MARK: Line endings and BOM

    static let process = """
        ---
        title: 换行与BOM
        owner: 1️⃣客服布
        status: draft
        goals: 2️⃣{a: 1}
        steps:
          - id: 1
            name: 接收投诉
            responsible: "3️⃣客服布/客服专员"
            duties: |
              第一行说明
              见4️⃣[规范](nope.md)
            outputs: [工单]
        ---
        ## 说明

        中文见5️⃣[不存在](nope.md)与6️⃣[步骤](#step-9)。
        """
    static let config = "title: 手册\nlanguage: 7️⃣fr\n"

    enum Encoding: String, CaseIterable, Sendable {
        case lf, crlf, bomLF, bomCRLF

        func data(_ text: String) -> Data {
            var text = text
            if self == .crlf || self == .bomCRLF { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
            if self == .bomLF || self == .bomCRLF { text = "\u{FEFF}" + text }
            return Data(text.utf8)
        }
    }

    static func positions(_ encoding: Encoding) async throws -> [String] {
        let process = MarkedText(Self.process), config = MarkedText(Self.config)
        let handbook = try TestHandbook()
        try handbook.write("content/processes/p.md", encoding.data(process.text))
        try handbook.write("handbook.yml", encoding.data(config.text))
        let report = await Pipeline.check(handbook.options())
        return report.diagnostics.map { "\($0.position.path):\($0.position.line):\($0.position.column) [\($0.rule)]" }
    }

    @Test("YAML value errors and body link errors point at the same places with LF, CRLF and a BOM",
          arguments: Encoding.allCases)
    func lineEndings(_ encoding: Encoding) async throws {
        let process = MarkedText(Self.process), config = MarkedText(Self.config)
        let expected = [
            "content/processes/p.md:\(process["1️⃣"]) [handbook.reference.unknown-department]",
            "content/processes/p.md:\(process["2️⃣"]) [handbook.yaml.type]",
            "content/processes/p.md:\(process["3️⃣"]) [handbook.reference.unknown-department]",
            "content/processes/p.md:\(process["4️⃣"]) [handbook.link.broken]",
            "content/processes/p.md:\(process["5️⃣"]) [handbook.link.broken]",
            "content/processes/p.md:\(process["6️⃣"]) [handbook.link.broken-anchor]",
            "handbook.yml:\(config["7️⃣"]) [handbook.config.language]",
        ]
        #expect(try await Self.positions(encoding) == expected)
    }

    @Test("A CRLF file with a BOM reports exactly what its LF twin reports")
    func crlfBOMTwin() async throws {
        let lf = try await Self.positions(.lf)
        #expect(!lf.isEmpty)
        #expect(try await Self.positions(.bomCRLF) == lf)
    }

    // MARK: Characters, not bytes or scalars

    /// Where `rule`'s diagnostics point when the marked files are checked as a handbook.
    static func positions(of rule: String, in marked: MarkedFiles) async throws -> [SourcePosition] {
        let handbook = try TestHandbook(marked.files)
        let report = await Pipeline.check(handbook.options())
        return report.diagnostics.filter { $0.rule == rule }.map(\.position)
    }

    @Test("Body and duties links: columns count an emoji family or an accent as one character")
    func markdownColumns() async throws {
        let marked = MarkedFiles([
            "content/guide.md": "# 指南\n\n👨‍👩‍👧e\u{301}见1️⃣[不存在](nope.md)\n",
            "content/processes/p.md": """
                ---
                title: 列
                owner: cs
                status: draft
                steps:
                  - id: 1
                    name: 接收
                    responsible: cs
                    duties: 👨‍👩‍👧e\u{301}见2️⃣[规范](nope.md)
                    outputs: [工单]
                ---
                """,
            "content/departments/cs.md": "---\nname: 客服部\n---\n",
        ])
        #expect(try await Self.positions(of: "handbook.link.broken", in: marked) == [marked.positions["1️⃣"]!, marked.positions["2️⃣"]!])
    }

    static let continued = [
        "content/processes/p.md": """
            ---
            title: 续行
            owner: cs
            status: draft
            steps:
              - id: 1
                name: 平写续行
                responsible: cs
                duties: 记录投诉详情，生成工单
                  并编号，详见 1️⃣[指南](nope1.md)
              - id: 2
                name: 折叠
                responsible: cs
                duties: >
                  折叠的第一行
                    更深的一行 2️⃣[坏](nope2.md)
              - id: 3
                name: 单引号
                responsible: cs
                duties: 'it''s ''x'' 3️⃣[坏](nope3.md)'
              - id: 4
                name: 转义
                responsible: cs
                duties: "a\\t\\u4e2d\\\\ 4️⃣[坏](nope4.md)"
              - id: 5
                name: 双引号续行
                responsible: cs
                duties: "第一行
                  第二行 5️⃣[坏](nope5.md)"
              - id: 6
                name: 字面
                responsible: cs
                duties: |
                  字面一行
                  字面二行 6️⃣[坏](nope6.md)
            ---
            """,
        "content/page.md": """
            ---
            title: 页
            ---
            - 项目
            7️⃣[x](nope7.md)

            > 引用
            续行 8️⃣[y](nope8.md)

            段落第一行
                缩进续行 9️⃣![z](nope9.png)
            """,
        "content/departments/cs.md": "---\nname: 客服部\n---\n",
    ]

    @Test("A link on a continued line is reported where it is: YAML texts over several lines, folded, quoted, with escapes; a body's indented and lazy lines",
          arguments: [false, true])
    func continuedLines(_ crlf: Bool) async throws {
        let marked = MarkedFiles(Self.continued)
        let handbook = try TestHandbook()
        for (path, text) in marked.files {
            try handbook.write(path, Data((crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text).utf8))
        }
        let report = await Pipeline.check(handbook.options())
        let broken = report.diagnostics.filter { $0.rule == "handbook.link.broken" }
        #expect(broken.count == 9, "\(broken.map(\.formatted))")
        let expected = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"].map { marked.positions[$0]! }
        #expect(broken.map(\.position).sorted { ($0.path, $0.line) < ($1.path, $1.line) }
                == expected.sorted { ($0.path, $0.line) < ($1.path, $1.line) })
    }

    @Test("Several links on an indented continuation line, to different places and to the same one, each at its own place")
    func severalOnALine() async throws {
        let marked = MarkedFiles([
            "content/page.md": "---\ntitle: 页\n---\nfirst line\n        1️⃣[b](nope0.md) 2️⃣[c](nope1.md)\n\npara\n          x 3️⃣[g](nope6.md) 4️⃣[h](nope6.md)\n",
        ])
        #expect(try await Self.positions(of: "handbook.link.broken", in: marked) == ["1️⃣", "2️⃣", "3️⃣", "4️⃣"].map { marked.positions[$0]! })
    }

    @Test("A quoted text's leading escapes, trimmed from its value, are stepped over to find a link")
    func leadingEscapes() async throws {
        let marked = MarkedFiles([
            "content/processes/p.md": """
                ---
                title: 转义
                owner: cs
                status: draft
                steps:
                  - id: 1
                    name: 开头的转义
                    responsible: cs
                    duties: "\\t\\n 1️⃣[坏](nope1.md) \\u4e2d 2️⃣[坏](nope2.md)"
                ---
                """,
            "content/departments/cs.md": "---\nname: 客服部\n---\n",
        ])
        #expect(try await Self.positions(of: "handbook.link.broken", in: marked) == [marked.positions["1️⃣"]!, marked.positions["2️⃣"]!])
    }

    @Test("YAML values: columns count an emoji family or an accent before them as one character")
    func yamlColumns() async throws {
        let marked = MarkedFiles([
            "content/processes/p.md": """
                ---
                title: 列
                owner: cs
                status: draft
                steps:
                  - {id: 1, name: 👨‍👩‍👧接收, responsible: 1️⃣客服布, duties: 做, outputs: [甲]}
                  - {id: 2, name: e\u{301}回复, responsible: 2️⃣客服布, duties: 做, outputs: [乙]}
                ---
                """,
            "content/departments/cs.md": "---\nname: 客服部\n---\n",
        ])
        #expect(try await Self.positions(of: "handbook.reference.unknown-department", in: marked) == [marked.positions["1️⃣"]!, marked.positions["2️⃣"]!])
    }
}
