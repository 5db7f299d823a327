import Foundation
import Testing
@testable import HandbookCore

/// What a reader finds in the output of a valid handbook.
@Suite("Site structure")
struct SiteStructureTests {
    @Test("The valid fixture has no diagnostics at all")
    func validFixtureIsClean() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let report = await handbook.check()
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(report.fileCount == 10) // handbook.yml + 9 Markdown files
    }

    @Test("Every kind of page is written")
    func pagesExist() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let site = try await handbook.build()
        #expect(site.report.published)
        #expect(site.errors.isEmpty, "\(site.errors.map(\.formatted))")
        for path in [
            "index.html", "404.html", "handbook.json", "assets/style.css",
            "processes/complaint-intake/index.html", "processes/quality-review/index.html",
            "departments/customer-service/index.html", "departments/quality-assurance/index.html",
            "departments/operations/index.html", "departments/法务部/index.html",
            "training/customer-service/index.html", "training/customer-service/cs-agent/index.html",
            "training/customer-service/cs-supervisor/index.html", "training/customer-service/cs-manager/index.html",
            "training/quality-assurance/qa-engineer/index.html", "training/法务部/index.html",
            "guides/onboarding/index.html", "glossary/index.html", "guides/flow.svg",
        ] {
            #expect(site.exists(path), "missing \(path)")
        }
        let htmlCount = site.files().filter { $0.hasSuffix(".html") }.count
        #expect(site.report.pageCount == htmlCount)
        #expect(!site.files().contains { $0.hasSuffix(".md") }, "Markdown sources are not published")
    }

    @Test("Pages show their titles and the site's")
    func titles() async throws {
        let site = try await TestHandbook(fixture: "valid-basic").build()
        #expect(site.text("processes/complaint-intake/index.html").contains("<title>投诉受理流程 · 测试手册</title>"))
        #expect(site.text("departments/法务部/index.html").contains("<h1>法务部</h1>"))
        #expect(site.text("guides/onboarding/index.html").contains("<title>新员工入门 · 测试手册</title>"))
        #expect(site.text("glossary/index.html").contains("<h1>术语表</h1>"))
        let home = site.text("index.html")
        #expect(home.contains("欢迎使用测试手册"))
        #expect(home.contains("测试公司"))
        #expect(home.contains("href=\"processes/complaint-intake/index.html\""), "changed last")
        #expect(home.contains(">客户服务</a> <span class=\"count\">") && home.contains(">质量管理</a> <span class=\"count\">"))
        let index = site.text(Routes.processIndex)
        #expect(index.contains("<h2 id=\"category-客户服务\">客户服务") && index.contains("<h2 id=\"category-质量管理\">质量管理"))
        #expect(site.text(Routes.departmentIndex).contains("href=\"../departments/%E6%B3%95%E5%8A%A1%E9%83%A8/index.html\""))
    }

    @Test("The process page shows metadata, goals, body, change history and the feedback link")
    func processPage() async throws {
        let site = try await TestHandbook(fixture: "valid-basic").build()
        let html = site.text("processes/complaint-intake/index.html")
        for text in ["客服部", "已批准", "1.2", "2026-01-01", "客服部经理", "当天回复", "增加法务协同", "<h2 id=\"目的\">目的</h2>"] {
            #expect(html.contains(text), "missing \(text)")
        }
        #expect(html.contains("href=\"mailto:process@example.com?subject="))
        #expect(html.contains("<a href=\"../../departments/customer-service/index.html\">客服部</a>"))
        #expect(html.contains("href=\"#step-2\""), "the body's in-page link stays on the page")
    }

    @Test("handbook.json holds the published model")
    func json() async throws {
        let site = try await TestHandbook(fixture: "valid-basic").build()
        let data = try Data(contentsOf: site.url("handbook.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["title"] as? String == "测试手册")
        let processes = try #require(object["processes"] as? [[String: Any]])
        #expect(processes.compactMap { $0["id"] as? String } == ["complaint-intake", "quality-review"])
        let steps = try #require(processes.first?["steps"] as? [[String: Any]])
        #expect(steps.count == 4)
        #expect(steps[1]["responsible"] as? String == "customer-service/cs-supervisor")
        #expect(steps[1]["collaborators"] as? [String] == ["quality-assurance", "法务部"])
        let departments = try #require(object["departments"] as? [[String: Any]])
        #expect(Set(departments.compactMap { $0["id"] as? String }) == ["customer-service", "operations", "quality-assurance", "法务部"])
    }

    @Test("Every link and image of every page leads to an existing file and anchor", arguments: [false, true])
    func linksResolve(drafts: Bool) async throws {
        let site = try await TestHandbook(fixture: "valid-basic").build(drafts: drafts)
        #expect(site.report.published)
        #expect(LinkAudit.problems(in: site.folder).map(\.description) == [])
        let onboarding = site.text("guides/onboarding/index.html")
        #expect(onboarding.contains("src=\"../../guides/flow.svg\""))
        #expect(onboarding.contains("href=\"../../glossary/index.html#raci\""))
        #expect(onboarding.contains("href=\"../../guides/onboarding/index.html#%E5%87%86%E5%A4%87%E5%B7%A5%E4%BD%9C-1\""))
    }

    @Test("An English handbook gets English UI words")
    func english() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        try handbook.write(["handbook.yml": "title: Test Handbook\nlanguage: en\n"])
        let site = try await handbook.build()
        let html = site.text("processes/complaint-intake/index.html")
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("Steps and responsibilities"))
        #expect(site.text("training/customer-service/index.html").contains("Sign-off"))
    }
}
