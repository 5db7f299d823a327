import Foundation
import Testing
@testable import HandbookCore

/// `serve` keeps parses, renders and checking results between rebuilds (`DocumentCache`).
/// Whatever it reuses, a rebuild must find and show exactly what a fresh build would.
@Suite("serve's incremental rebuilds")
struct IncrementalRebuildTests {
    static let pages = [
        Routes.home, Routes.matrix, Routes.process("complaint-intake"), Routes.process("quality-review"),
        Routes.process("new-process"), Routes.department("quality-assurance"), Routes.department("customer-service"),
        Routes.training("quality-assurance", role: "qa-manager"), Routes.page("glossary.md"), SearchIndex.path,
    ]

    /// Stands for a file removed in the edits below.
    static let deleted = "\u{0}deleted"

    @Test("Edit after edit, a rebuild that reuses earlier work reports and serves what a fresh build does")
    func sameAsFresh() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let department = try handbook.source("content/departments/quality-assurance.md")
        let review = try handbook.source("content/processes/quality-review.md")
        let intake = try handbook.source("content/processes/complaint-intake.md")
        let glossary = try handbook.source("content/glossary.md")
        let edits: [(String, [String: String])] = [
            ("nothing changed", [:]),
            ("one process's title", ["content/processes/quality-review.md": review.replacingOccurrences(of: "质量复核流程", with: "质量复核流程（新版）")]),
            // The unchanged process that names the role must now fail.
            ("a role renamed away", ["content/departments/quality-assurance.md": department.replacingOccurrences(of: "qa-manager", with: "qa-lead")]),
            ("the role back", ["content/departments/quality-assurance.md": department]),
            ("a department's description", ["content/departments/quality-assurance.md": department + "\n另有说明。\n"]),
            // quality-review (unchanged) names its owner 品保部.
            ("a department renamed", ["content/departments/quality-assurance.md": department.replacingOccurrences(of: "name: 品保部", with: "name: 品质部")]),
            ("the department's name back", ["content/departments/quality-assurance.md": department]),
            // complaint-intake (unchanged) links to quality-review.md#step-1 in a step's duties.
            ("a step id another process links to", ["content/processes/quality-review.md": review.replacingOccurrences(of: "id: 1", with: "id: check")]),
            ("the step id back", ["content/processes/quality-review.md": review + "\n"]),
            ("a new process", ["content/processes/new-process.md": "---\ntitle: 新流程\nowner: quality-assurance\nstatus: approved\nversion: \"1\"\neffective: 2026-01-01\napproved_by: 经理\nsteps:\n  - id: a\n    name: 开始\n    responsible: quality-assurance/qa-engineer\n    outputs: [记录]\n---\n见[质量复核](quality-review.md)。\n"]),
            // Files that go away, and one that comes back as it was: nothing kept for them may show.
            ("the new process deleted", ["content/processes/new-process.md": Self.deleted]),
            ("the glossary deleted", ["content/glossary.md": Self.deleted]),
            ("the glossary back", ["content/glossary.md": glossary]),
            ("a body link broken", ["content/processes/complaint-intake.md": intake + "\n[坏链接](missing.md)\n"]),
            ("the link mended", ["content/processes/complaint-intake.md": intake]),
            // An unchanged file's link to a heading that comes and goes elsewhere.
            ("a link to a heading not yet written", ["content/processes/complaint-intake.md": intake + "\n见[新术语](../glossary.md#新术语)。\n"]),
            ("the heading written", ["content/glossary.md": glossary + "\n## 新术语\n\n说明。\n"]),
            ("the heading gone again", ["content/glossary.md": glossary]),
            ("only frontmatter changed, the body is the same", ["content/glossary.md": glossary.replacingOccurrences(of: "title: 术语表", with: "title: 术语总表")]),
        ]
        let cache = DocumentCache()
        for (what, files) in edits {
            for (path, text) in files where text == Self.deleted { try FileManager.default.removeItem(at: handbook.root.appendingPathComponent(path)) }
            try handbook.write(files.filter { $0.value != Self.deleted })
            let (kept, keptReport) = await Pipeline.render(handbook.options(), cache: cache)
            let (fresh, freshReport) = await Pipeline.render(handbook.options(), cache: nil)
            #expect(keptReport.diagnostics.map(\.formatted) == freshReport.diagnostics.map(\.formatted), "after \(what)")
            #expect((kept == nil) == (fresh == nil), "after \(what)")
            for page in Self.pages {
                let same = kept?.contents(of: page) == fresh?.contents(of: page)
                #expect(same, "after \(what): \(page) differs")
            }
        }
    }

    @Test("The edits above are ones a rebuild must notice: each changes what a fresh build reports")
    func editsMatter() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        #expect(await handbook.check().diagnostics.filter { $0.severity == .error }.isEmpty)
        let department = try handbook.source("content/departments/quality-assurance.md")
        try handbook.write(["content/departments/quality-assurance.md": department.replacingOccurrences(of: "qa-manager", with: "qa-lead")])
        #expect(await handbook.check().diagnostics.contains { $0.rule == "handbook.reference.unknown-role" && $0.position.path == "content/processes/quality-review.md" })
        try handbook.write(["content/departments/quality-assurance.md": department])
        let review = try handbook.source("content/processes/quality-review.md")
        try handbook.write(["content/processes/quality-review.md": review.replacingOccurrences(of: "id: 1", with: "id: check")])
        #expect(await handbook.check().diagnostics.contains { $0.rule == "handbook.link.broken-anchor" && $0.position.path == "content/processes/complaint-intake.md" })
    }
}
