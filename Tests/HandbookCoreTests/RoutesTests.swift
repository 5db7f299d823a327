import Foundation
import Testing
@testable import HandbookCore

@Suite("Routes")
struct RoutesTests {
    static let hostileIDs = ["..", ".", "a/b", "%", "%2E%2E", "../../etc", ".hidden", "a\\b", "", " ", "a b", "?#",
                             "中文", "客服部/客服专员", "...", "a..b", "\u{0}", "CON", "~", "-"]

    @Test("A segment never names a parent, the folder itself, a hidden file or a subfolder", arguments: hostileIDs)
    func segmentIsSafe(_ id: String) {
        let segment = Routes.segment(id)
        #expect(!segment.isEmpty)
        #expect(segment != "." && segment != "..")
        #expect(!segment.hasPrefix("."))
        #expect(!segment.contains("/"))
        #expect(!segment.contains("\\"))
        #expect(!segment.unicodeScalars.contains { $0.properties.generalCategory == .control })
        // Every `%` starts an escape, so segments decode back to their ids and never collide.
        if !id.isEmpty { #expect(segment.removingPercentEncoding == id) }
    }

    @Test("Distinct ids get distinct segments")
    func injective() {
        let ids = Self.hostileIDs.filter { !$0.isEmpty } + ["%25", "%2E.", "_"]
        #expect(Set(ids.map(Routes.segment)).count == Set(ids).count)
    }

    @Test("Readable ids stay readable", arguments: [
        ("complaint-handling", "complaint-handling"), ("客服部", "客服部"), ("v2.1", "v2.1"), ("a_b", "a_b"),
    ])
    func readable(_ id: String, _ expected: String) {
        #expect(Routes.segment(id) == expected)
    }

    @Test("Every route stays inside the output folder", arguments: hostileIDs)
    func routesStayInside(_ id: String) {
        let output = URL(fileURLWithPath: "/srv/site", isDirectory: true)
        for route in [Routes.process(id), Routes.department(id), Routes.training(id), Routes.training(id, role: id),
                      Routes.page(id + ".md"), Routes.page("guides/\(id)/\(id).md")] {
            let resolved = output.appendingPathComponent(route).standardizedFileURL.path
            #expect(resolved.hasPrefix("/srv/site/"), "\(route)")
            #expect(route.hasSuffix("index.html") || route.hasSuffix(".html"))
            let components = route.split(separator: "/")
            #expect(!components.contains { $0.hasPrefix(".") }, "\(route)")
        }
    }

    @Test("Output paths of each page kind")
    func paths() {
        #expect(Routes.process("complaint-handling") == "processes/complaint-handling/index.html")
        #expect(Routes.department("customer-service") == "departments/customer-service/index.html")
        #expect(Routes.training("hr") == "training/hr/index.html")
        #expect(Routes.training("hr", role: "hr-manager") == "training/hr/hr-manager/index.html")
        #expect(Routes.page("guides/onboarding.md") == "guides/onboarding/index.html")
        #expect(Routes.page("guides/index.md") == "guides/index.html")
        #expect(Routes.page("glossary.md") == "glossary/index.html")
        #expect(Routes.process("..") == "processes/%2E./index.html")
        #expect(Routes.department("a/b") == "departments/a%2Fb/index.html")
        #expect(Routes.stepAnchor("3") == "step-3")
    }

    @Test("href percent-encodes what a URL cannot carry, once", arguments: [
        ("processes/客服/index.html", "processes/%E5%AE%A2%E6%9C%8D/index.html"),
        ("processes/%2E./index.html", "processes/%252E./index.html"),
        ("a b\"<>.html#step-1", "a%20b%22%3C%3E.html#step-1"),
        ("x/index.html#步骤", "x/index.html#%E6%AD%A5%E9%AA%A4"),
    ])
    func href(_ path: String, _ expected: String) {
        #expect(Routes.href(path) == expected)
        #expect(Routes.href(path).removingPercentEncoding == path)
    }

    @Test("rootPrefix climbs one folder per level")
    func rootPrefix() {
        #expect(Routes.rootPrefix(of: "index.html") == "")
        #expect(Routes.rootPrefix(of: "processes/x/index.html") == "../../")
        #expect(Routes.rootPrefix(of: "training/hr/hr-manager/index.html") == "../../../")
    }

    @Test("Hostile ids build into folders inside the output, and nothing is written elsewhere")
    func hostileIDsEndToEnd() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/departments/dots.md": "---\nid: \"..\"\nname: 点部\nroles:\n  - {id: \".\", name: 点岗}\n---\n",
            "content/processes/percent.md": """
                ---
                id: "%"
                title: 百分号流程
                owner: ".."
                status: approved
                version: "1"
                effective: 2026-01-01
                approved_by: 某人
                steps:
                  - {id: 1, name: 点岗的步骤, responsible: "../.", duties: 做事, outputs: [结果]}
                ---
                """,
        ])
        let before = BuiltSite.files(in: handbook.root)
        let site = try await handbook.build()
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        #expect(site.exists("departments/%2E./index.html"))
        #expect(site.exists("training/%2E./%2E/index.html"))
        #expect(site.exists("processes/%25/index.html"))
        // No id makes a hidden file; the build's own marker is the one dot-file.
        for path in site.files() where path != OutputSafety.marker {
            #expect(!path.split(separator: "/").contains { $0.hasPrefix(".") }, "\(path)")
        }
        #expect(BuiltSite.files(in: handbook.root) == before, "the build wrote into the handbook folder")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: handbook.folder.path).sorted()
        #expect(siblings == ["handbook", "site"])
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
    }
}
