import Foundation
import Testing
@testable import HandbookCore

/// Diagnostics point at the file, line and column where the problem is written.
@Suite("Diagnostic positions")
struct DiagnosticTests {
    static func handbook(_ process: String) throws -> TestHandbook {
        try TestHandbook(fixture: "valid-basic", ["content/processes/p.md": process])
    }

    static let header = """
        ---
        title: 定位流程
        owner: customer-service
        status: approved
        version: "1"
        effective: 2026-01-01
        approved_by: 某人
        steps:
        """

    @Test("An unknown department: error at the value, with a suggestion; nothing published")
    func unknownDepartment() async throws {
        let handbook = try Self.handbook(Self.header + """

              - id: 1
                name: 第一步
                responsible: 客服布/客服专员
                duties: 做事
                outputs: [结果]
            ---
            """)
        let site = try await handbook.build()
        #expect(!site.report.published)
        let diagnostic = try #require(site.errors.first)
        #expect(site.errors.count == 1)
        #expect(diagnostic.rule == "handbook.reference.unknown-department")
        #expect(diagnostic.position == SourcePosition(path: "content/processes/p.md", line: 11, column: 18))
        #expect(diagnostic.notes == ["did you mean 客服部?"])
        #expect(diagnostic.formatted.hasPrefix("content/processes/p.md:11:18: error: unknown department `客服布`"))
    }

    @Test("A broken link in a body: error at the link, line counted from the top of the file")
    func brokenBodyLink() async throws {
        let handbook = try Self.handbook(Self.header + """

              - {id: 1, name: 第一步, responsible: customer-service, duties: 做事, outputs: [结果]}
            ---
            ## 目的

            中文说明，见[不存在](nope.md)与[步骤](#step-9)。
            """)
        let site = try await handbook.build()
        #expect(!site.report.published)
        let broken = try #require(site.errors.first { $0.rule == "handbook.link.broken" })
        #expect(broken.position == SourcePosition(path: "content/processes/p.md", line: 13, column: 7))
        let anchor = try #require(site.errors.first { $0.rule == "handbook.link.broken-anchor" })
        #expect(anchor.position == SourcePosition(path: "content/processes/p.md", line: 13, column: 22))
        #expect(anchor.notes == ["did you mean step-1?"])
    }

    @Test("A broken link in a step's duties: error inside the duties value")
    func brokenDutyLink() async throws {
        let handbook = try Self.handbook(Self.header + """

              - id: 1
                name: 第一步
                responsible: customer-service
                duties: 见[不存在](nope.md)
                outputs: [结果]
            ---
            """)
        let site = try await handbook.build()
        let broken = try #require(site.errors.first { $0.rule == "handbook.link.broken" })
        #expect(broken.position == SourcePosition(path: "content/processes/p.md", line: 12, column: 14))
    }

    @Test("A broken link in quoted duties: the column counts past the opening quote")
    func brokenQuotedDutyLink() async throws {
        let handbook = try Self.handbook(Self.header + """

              - id: 1
                name: 第一步
                responsible: customer-service
                duties: "见[不存在](nope.md)"
                outputs: [结果]
            ---
            """)
        let broken = try #require(try await handbook.build().errors.first { $0.rule == "handbook.link.broken" })
        #expect(broken.position == SourcePosition(path: "content/processes/p.md", line: 12, column: 15))
    }

    @Test("A broken link on the second line of block-scalar duties: error on that line")
    func brokenBlockDutyLink() async throws {
        let handbook = try Self.handbook(Self.header + """

              - id: 1
                name: 第一步
                responsible: customer-service
                duties: |
                  第一行
                  见[不存在](nope.md)
                outputs: [结果]
            ---
            """)
        let broken = try #require(try await handbook.build().errors.first { $0.rule == "handbook.link.broken" })
        #expect(broken.position == SourcePosition(path: "content/processes/p.md", line: 14, column: 8))
    }

    @Test("Diagnostics come sorted by file and position")
    func sorted() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/guides/b.md": "[x](nope.md)\n\n[y](nope2.md)\n",
            "content/guides/a.md": "[x](nope.md)\n",
        ])
        let positions = await handbook.check().diagnostics.map(\.position)
        #expect(positions == positions.sorted())
        #expect(positions.map(\.path) == ["content/guides/a.md", "content/guides/b.md", "content/guides/b.md"])
    }

    @Test("A missing required field is an error")
    func missingField() async throws {
        let handbook = try Self.handbook("---\nowner: customer-service\nstatus: approved\nsteps: []\n---\n")
        let errors = try await handbook.build().errors
        #expect(errors.contains { $0.rule == "handbook.frontmatter.missing-field" && $0.message.contains("title") })
    }

    @Test("A value of the wrong type is an error at the value")
    func wrongType() async throws {
        let handbook = try Self.handbook(Self.header.replacingOccurrences(of: "steps:", with: "goals: {a: 1}\nsteps:") + """

              - {id: 1, name: 第一步, responsible: customer-service, duties: 做事, outputs: [结果]}
            ---
            """)
        let errors = try await handbook.build().errors
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.rule == "handbook.yaml.type")
        #expect(error.position == SourcePosition(path: "content/processes/p.md", line: 8, column: 8))
    }
}
