import Foundation
import Testing
@testable import HandbookCore

/// `severity:` in handbook.yml: a warning's rule kept a warning under `--strict`, turned off, or
/// made an error; errors are never lowered; a wrong setting is reported where it is.
@Suite("Rule severity")
struct SeverityTests {
    /// The basic fixture with a process whose review fell due before the build's day (2026-01-01).
    static func handbook(_ severity: String) throws -> TestHandbook {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/processes/overdue.md": """
                ---
                title: 逾期流程
                owner: operations
                status: approved
                version: "1.0"
                effective: 2025-01-01
                approved_by: 运营总监
                review_due: 2025-06-30
                steps:
                  - {id: 1, name: 盘点, responsible: operations/ops-director, duties: 盘点, outputs: [盘点表]}
                ---
                """,
        ])
        try handbook.write(["handbook.yml": try handbook.source("handbook.yml") + "\n" + severity])
        return handbook
    }

    func found(_ site: BuiltSite, _ rule: String) -> [Diagnostic.Severity] {
        site.report.diagnostics.filter { $0.rule == rule }.map(\.severity)
    }

    @Test("--strict makes the overdue review an error unless severity keeps it a warning")
    func keptWarning() async throws {
        let plain = try Self.handbook("")
        let strict = try await plain.build(strict: true)
        #expect(found(strict, "handbook.process.review-overdue") == [.error] && !strict.report.published)

        let kept = try await Self.handbook("severity:\n  handbook.process.review-overdue: warning\n").build(strict: true)
        #expect(found(kept, "handbook.process.review-overdue") == [.warning])
        #expect(kept.report.published, "\(kept.errors.map(\.formatted))")
    }

    @Test("off drops the warning; error makes it one without --strict")
    func offAndError() async throws {
        let off = try await Self.handbook("severity: {handbook.process.review-overdue: off}\n").build()
        #expect(found(off, "handbook.process.review-overdue").isEmpty && off.report.published)
        let error = try await Self.handbook("severity: {handbook.process.review-overdue: error}\n").build()
        #expect(found(error, "handbook.process.review-overdue") == [.error] && !error.report.published)
    }

    @Test("An error is never lowered")
    func errorsStay() async throws {
        let handbook = try Self.handbook("severity: {handbook.link.broken: off}\n")
        try handbook.write(["content/guides/bad.md": "# 坏链接\n\n见[不存在](nope.md)。\n"])
        let site = try await handbook.build()
        #expect(found(site, "handbook.link.broken") == [.error] && !site.report.published)
    }

    @Test("A wrong level or rule id is an error where it is written")
    func wrongSetting() async throws {
        let marked = MarkedText("""
            title: 手册
            severity:
              handbook.process.review-overdue: 1️⃣warnig
              2️⃣review-overdue: off
            """)
        let handbook = try TestHandbook(fixture: "valid-basic", ["handbook.yml": marked.text])
        let report = await handbook.check()
        let found = report.diagnostics.filter { $0.position.path == "handbook.yml" }.map { "\($0.position.line):\($0.position.column) \($0.rule)" }
        #expect(Set(found) == ["\(marked.markers["1️⃣"]!) handbook.config.severity", "\(marked.markers["2️⃣"]!) handbook.config.severity"],
                "\(report.diagnostics.map(\.formatted))")
        #expect(report.diagnostics.contains { $0.notes == ["did you mean warning?"] })
    }
}
