import Foundation
import Testing
@testable import HandbookCore

/// Links from documents written for other sites: `links_relative_to: file` for trees whose site
/// reads address links from the file's folder, and "did you mean" for the links still broken.
@Suite("Address links from the file's folder, and did you mean")
struct LinkSuggestionTests {
    /// sourcegraph's handbook: `tech-lead.md` links `../../company/rfcs/` as its site reads it,
    /// from the file's folder `departments/engineering/` (its pages have no trailing `/`).
    static let files: [String: String] = [
        "content/departments-of/engineering/tech-lead.md": "# Tech lead\n\nSee [RFCs](../../company/rfcs/) and [k8s](guides/k8s#deploy).\n",
        "content/departments-of/engineering/guides/k8s.md": "# k8s\n\n## Deploy\n\nUp: [release](..).\n",
        "content/departments-of/engineering/index.md": "# Engineering\n",
        "content/company/rfcs/index.md": "# RFCs\n",
    ]

    @Test("With `links_relative_to: file`, address links are read from the file's folder and lead to the page there")
    func fileRelative() async throws {
        let handbook = try TestHandbook(Self.files.merging(["handbook.yml": "title: T\nlinks_relative_to: file\n"]) { $1 })
        let site = try await handbook.build()
        #expect(site.report.diagnostics.filter { $0.severity == .error }.map(\.formatted) == [])
        let lead = site.text("departments-of/engineering/tech-lead/index.html")
        #expect(lead.contains("href=\"../../../company/rfcs/index.html\">RFCs</a>"))
        #expect(lead.contains("href=\"../../../departments-of/engineering/guides/k8s/index.html#deploy\">k8s</a>"))
        #expect(site.text("departments-of/engineering/guides/k8s/index.html")
            .contains("href=\"../../../../departments-of/engineering/index.html\">release</a>"))
    }

    @Test("Without it the same links are reported, naming the file meant and the setting")
    func pageRelativeByDefault() async throws {
        let handbook = try TestHandbook(Self.files.merging(["handbook.yml": "title: T\nlanguage: en\n"]) { $1 })
        let report = await handbook.check()
        let errors = report.diagnostics.filter { $0.severity == .error }
        // `..` on guides/k8s.md is the folder `guides/` there, which has a page (a generated one).
        #expect(errors.count == 2, "\(errors.map(\.formatted))")
        let rfcs = try #require(errors.first { $0.message.contains("../../company/rfcs/") })
        #expect(rfcs.message.contains("departments-of/company/rfcs/") && rfcs.message.contains("company/rfcs/index.md"))
        #expect(rfcs.notes.contains { $0.contains("`links_relative_to: file`") })
        #expect(rfcs.notes(in: .zhCN).contains { $0.contains("`links_relative_to: file`") && $0.contains("文件夹") })
    }

    @Test("`heading_ids: eleventy` makes anchors as the Eleventy site the links were written for; by default they are GitHub's")
    func eleventyHeadingIDs() async throws {
        let files = ["content/laws.md": "# Laws\n\nSee [508](#508-accessibility).\n\n## 508 - Accessibility\n"]
        let eleventy = try TestHandbook(files.merging(["handbook.yml": "title: T\nlanguage: en\nheading_ids: eleventy\n"]) { $1 })
        let site = try await eleventy.build()
        #expect(site.report.diagnostics.filter { $0.severity == .error }.map(\.formatted) == [])
        #expect(site.text("laws/index.html").contains("id=\"508-accessibility\""))
        let github = try TestHandbook(files.merging(["handbook.yml": "title: T\nlanguage: en\n"]) { $1 })
        let report = await github.check()
        #expect(report.diagnostics.map(\.formatted).contains {
            $0.hasPrefix("content/laws.md:3:5: error: `#508-accessibility` is not an anchor of laws.md")
        }, "\(report.diagnostics.map(\.formatted))")
        let wrong = try TestHandbook(["handbook.yml": "title: T\nheading_ids: hugo\n", "content/a.md": "# A\n"])
        #expect(await wrong.check().diagnostics.map { $0.formatted(in: .zhCN) } == [
            "handbook.yml:2:14: error: `heading_ids` 只能写 `github`（GitHub、GitLab、Hugo 的标题锚点）或 `eleventy`（Eleventy 的写法），这里写的是 `hugo` [handbook.config.value]",
        ])
    }

    @Test("A wrong value of `links_relative_to` is an error at its place")
    func wrongValue() async throws {
        let handbook = try TestHandbook(["handbook.yml": "title: T\nlinks_relative_to: folder\n", "content/a.md": "# A\n"])
        let report = await handbook.check()
        #expect(report.diagnostics.map(\.formatted) == [
            "handbook.yml:2:20: error: `links_relative_to` is `page` (links read from the page's published address) or `file` (from the file's folder), not `folder` [handbook.config.value]",
        ])
    }

    @Test("A broken link names the nearest document: same name elsewhere, a letter off, an index file's folder")
    func didYouMean() async throws {
        let handbook = try TestHandbook([
            "content/guides/onboarding.md": "# 入职\n",
            "content/guides/expenses/_index.md": "# 报销\n",
            "content/policies/leave.md": "# 休假\n\n## Half days\n",
            "content/images/logo.png": "png",
            "content/a.md": """
                # A

                [moved](archive/onboarding.md) [typo](guides/onbaording.md) [address](/guides/expense/)
                [index](guides/expenses/index.md) [image](images/lgo.png) [far](guides/nothing-like-it.md)
                [anchor](policies/leave.md#hlaf-days)

                """,
        ])
        let report = await handbook.check()
        let found = report.diagnostics.filter { $0.position.path == "content/a.md" }
        #expect(found.map(\.rule) == Array(repeating: "handbook.link.broken", count: 6) + ["handbook.link.broken-anchor"])
        #expect(found.map(\.notes) == [
            ["did you mean guides/onboarding.md?"], ["did you mean guides/onboarding.md?"], ["did you mean guides/expenses/_index.md?"],
            ["did you mean guides/expenses/_index.md?"], ["did you mean images/logo.png?"], [],
            ["did you mean half-days?"],
        ])
        #expect(found.first?.notes(in: .zhCN) == ["是否指 guides/onboarding.md？"])
    }

    @Test("A link starting with a template variable for the site's address is read from the site root")
    func baseURLVariable() async throws {
        let handbook = try TestHandbook([
            "content/general/software.md": "---\nredirect_from: [/software/]\n---\n# Software\n",
            "content/chapters/design.md": "# Design\n\n[a]({{base.baseurl}}/software/) [b]({{site.baseurl}}/general/software/)\n",
        ])
        let site = try await handbook.build()
        #expect(site.errors.map(\.formatted) == [])
        let design = site.text("chapters/design/index.html")
        #expect(design.contains("href=\"../../general/software/index.html\">a</a>") && design.contains("href=\"../../general/software/index.html\">b</a>"))
        try handbook.write(["content/chapters/design.md": "# Design\n\n[c]({{x}}/nowhere/)\n"])
        #expect(await handbook.check().diagnostics.map(\.message)
            == ["broken link: no page at nowhere/ (`{{x}}/nowhere/` read as a published address from chapters/design/)"])
    }

    @Test("An address in other letter case leads to the one page there, as Hugo publishes Timer.md at timer/")
    func letterCase() async throws {
        let handbook = try TestHandbook([
            "content/functions/debug/Timer.md": "# Timer\n",
            "content/guides/A.md": "# A upper\n", "content/guides/a.md": "# a lower\n",
            "content/index.md": "[t](/functions/debug/timer/) [x](/guides/a/) [y](/guides/A/)\n",
        ])
        let site = try await handbook.build()
        #expect(site.errors.map(\.formatted) == [])
        let home = site.text("index.html")
        #expect(home.contains("href=\"functions/debug/Timer/index.html\">t</a>"))
        #expect(home.contains("href=\"guides/a/index.html\">x</a>") && home.contains("href=\"guides/A/index.html\">y</a>"))
        try handbook.write(["content/index.md": "[z](/GUIDES/a/)\n"])
        #expect(await handbook.check().diagnostics.map(\.rule) == ["handbook.link.broken"], "two pages are guides/a in any case: none is chosen")
    }

    @Test("The name index: a name found anywhere wins over a near one; a name with most folders elsewhere is not suggested")
    func nameIndex() {
        let index = NameIndex(documents: ["handbook/engineering/security/_index.md", "handbook/security/policies.md", "x/y/z/w/policies.md", "a.md"],
                              assets: ["img/a.png"])
        #expect(index.nearest(to: "handbook/engineering/security/policies.md") == "handbook/security/policies.md")
        #expect(index.nearest(to: "handbook/engineering/securty/") == "handbook/engineering/security/_index.md")
        #expect(index.nearest(to: "other/far/away/place/policies.md") == nil)
        #expect(index.nearest(to: "img/a.jpeg") == nil)
        #expect(index.nearest(to: "zzz.md") == nil)
    }
}
