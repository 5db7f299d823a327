import Foundation
import Testing
@testable import HandbookCore

/// axe-core, the accessibility checker, run in Chromium on every page kind of the sample.
/// Its script comes from PyPI's `axe-core-python` (axe 4.4), which `make test` unpacks into
/// `.build/axe/` (or set `AXE_CORE_JS` to an `axe.min.js`).
@Suite("Accessibility (axe-core)", .serialized, .enabled(if: Chromium.path != nil, "chromium is not on PATH; browser tests skipped"))
struct AccessibilityTests {
    static let axeScript: URL = {
        if let path = ProcessInfo.processInfo.environment["AXE_CORE_JS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return TestHandbook.repositoryRoot.appendingPathComponent(".build/axe/axe_core_python/axe.min.js")
    }()

    /// WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
    static let tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

    static let pages: [(kind: String, path: String, query: String?)] = [
        ("home", "index.html", nil),
        ("process", "processes/complaint-handling/index.html", nil),
        ("process", "processes/purchase-approval/index.html", nil),
        ("feedback form", "processes/complaint-handling/feedback.html", nil),
        ("department", "departments/customer-service/index.html", nil),
        ("department", "departments/management/index.html", nil),
        ("training", "training/customer-service/index.html", nil),
        ("training", "training/customer-service/cs-agent/index.html", nil),
        ("matrix", "matrix/index.html", nil),
        ("department matrix", "matrix/departments/customer-service/index.html", nil),
        ("role", "roles/customer-service/cs-agent/index.html", nil),
        ("processes index", "processes/index.html", nil),
        ("departments index", "departments/index.html", nil),
        ("training index", "training/index.html", nil),
        ("review", "review/index.html", nil),
        ("search", "search/index.html", nil),
        ("search results", "search/index.html", "q=投诉"),
        ("plain page", "glossary/index.html", nil),
        ("plain page", "guides/writing-processes/index.html", nil),
        ("folder page", "guides/index.html", nil),
        ("not found", "404.html", nil),
    ]

    struct Violation: Decodable, CustomStringConvertible {
        var id: String
        var nodes: [String]
        var description: String { "\(id): \(nodes.prefix(3).joined(separator: " | "))" }
    }

    @Test("axe finds no WCAG 2.1 A/AA or best-practice violation on any page kind")
    func noViolations() async throws {
        try #require(FileManager.default.fileExists(atPath: Self.axeScript.path),
                     "no axe.min.js at \(Self.axeScript.path): run `make test-deps`")
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(site.report.published)
        try await Self.expectNoViolations(Self.pages, in: site, folder: folder)
    }

    /// The pages only a handbook with approved versions in git has: the history, a comparison,
    /// retraining sheets (one with its date field shown) and the marks on a role's page.
    @Test("axe finds no violation on the version pages (history, comparison, retraining sheet)")
    func versionPages() async throws {
        try #require(FileManager.default.fileExists(atPath: Self.axeScript.path), "no axe.min.js at \(Self.axeScript.path)")
        let site = try await HistoryTests.build(try HistoryTests.repository())
        try #require(site.report.published)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for width in [nil, 390] {
            try await Self.expectNoViolations([
                ("process with its history", "processes/complaints/index.html", nil),
                ("every comparison of a process", "processes/complaints/changes.html", nil),
                ("retraining sheet", "training/customer-service/cs-supervisor/changes/index.html", nil),
                ("retraining sheet since a day (its form shown)", "training/customer-service/cs-agent/changes/index.html", "since=2026-01-01"),
                ("training record with marks", "training/customer-service/cs-supervisor/index.html", nil),
                ("role with marks", "roles/customer-service/cs-supervisor/index.html", nil),
            ], in: site, folder: folder, width: width)
        }
    }

    /// On a phone the tables become cards (headers hidden, cards below the screen laid out when
    /// reached) and the feedback form a card per step: checked as a phone shows them.
    @Test("axe finds no violation at 390 px on the pages whose tables become cards")
    func phonePages() async throws {
        try #require(FileManager.default.fileExists(atPath: Self.axeScript.path), "no axe.min.js at \(Self.axeScript.path)")
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.expectNoViolations(Self.pages.filter {
            ["process", "feedback form", "department", "training", "role"].contains($0.kind)
        }, in: site, folder: folder, width: 390)
    }

    static func expectNoViolations(_ pages: [(kind: String, path: String, query: String?)], in site: BuiltSite,
                                   folder: URL, width: Int? = nil) async throws {
        let tags = Self.tags.map { "'\($0)'" }.joined(separator: ",")
        // After load: search results are drawn by the page's script.
        let script = """
            addEventListener('load', () => setTimeout(() =>
              axe.run(document, { runOnly: { type: 'tag', values: [\(tags)] }, resultTypes: ['violations'] })
                .then(r => report(r.violations.map(v => ({ id: v.id, nodes: v.nodes.map(n => n.target.join(' ')) }))),
                      e => report([{ id: 'axe failed: ' + e, nodes: [] }])), 100));
            """
        for page in pages {
            #expect(site.exists(page.path), "\(page.path) was not built")
            let violations = try await PageProbe.decode([Violation].self, site.url(page.path), script: script, width: width,
                                                        query: page.query, extraScripts: [Self.axeScript], in: folder)
            #expect(violations.isEmpty, "\(page.kind) \(page.path)\(page.query.map { "?" + $0 } ?? "")\(width.map { " at \($0) px" } ?? ""): \(violations)")
        }
    }

    @Test("The check can fail: a link with no name and an image without text are found")
    func findsViolations() async throws {
        try #require(FileManager.default.fileExists(atPath: Self.axeScript.path), "no axe.min.js at \(Self.axeScript.path)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("bad.html")
        try """
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head>
            <body><main><h1>t</h1><a href="x.html"></a><svg role="img" width="10" height="10"><a href="#y"><rect width="5" height="5"/></a></svg></main></body></html>
            """.write(to: page, atomically: true, encoding: .utf8)
        let script = """
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] } })
              .then(r => report(r.violations.map(v => ({ id: v.id, nodes: [] }))));
            """
        let found = try await PageProbe.decode([Violation].self, page, script: script, extraScripts: [Self.axeScript], in: folder)
        let ids = Set(found.map(\.id))
        #expect(ids.contains("link-name"), "\(ids)")
        #expect(ids.contains("svg-img-alt") || ids.contains("nested-interactive"), "\(ids)")
    }
}
