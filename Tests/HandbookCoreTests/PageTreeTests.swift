import Foundation
import Testing
@testable import HandbookCore

/// Plain pages as a tree: statuses, folder pages, links written as addresses, old addresses,
/// frontmatter of other tools, breadcrumbs, sidebar, previous / next, search over whole pages.
@Suite("Plain pages and their tree")
struct PageTreeTests {
    static let secret = "SECRET-草稿-7731"

    static let files: [String: String] = [
        "handbook.yml": "title: 手册\nexclude: [CODENOTIFY, \"_category_.yml\", \"**/drafts/**\"]\n",
        "content/best-practices.md": "# 总的最佳实践\n",
        "content/pt/_index.md": "---\ntitle: 葡语区\nweight: 2\n---\n本节说明。\n",
        "content/pt/community.md": "---\ntitle: 社区\nweight: 1\nredirect_from: [/old-community/]\n---\n见[实践](../best-practices/)与[本节](../)。\n",
        "content/pt/best-practices.md": "---\ntitle: 葡语最佳实践\nweight: 2\n---\n正文。\n",
        "content/guides/README.md": "---\nweight: 1\n---\n# 指南\n\n[第一篇](a.markdown)\n",
        "content/guides/a.markdown": "---\naliases: [/guides/old-a/]\ndescription: 第一篇的说明\n---\n# 第一篇\n",
        "content/guides/b.md": "---\ntitle: 第二篇\nlang: ar\n---\nنص\n",
        "content/guides/secret.md": "---\ndraft: true\n---\n# \(secret)\n\n\(secret)正文\n",
        "content/guides/retired.md": "---\nstatus: retired\n---\n# \(secret)废止\n",
        "content/guides/drafts/x.md": "# \(secret)排除\n",
        "content/guides/CODENOTIFY": "\(secret) @owner\n",
        "content/guides/_category_.yml": "label: \(secret)\n",
        "content/loose/deep/page.md": "# 深处的页面\n",
    ]

    func build(_ extra: [String: String] = [:], drafts: Bool = false) async throws -> BuiltSite {
        let handbook = try TestHandbook(Self.files.merging(extra) { _, new in new })
        return try await handbook.build(drafts: drafts)
    }

    @Test("Pages without a weight are in a reader's order: numbers by value, case ignored")
    func naturalOrder() {
        let titles = ["指南 10", "指南 2", "Zeta", "指南 1", "alpha", "指南 02b"]
        let pages = titles.enumerated().map { index, title in
            Page(contentPath: "g/\(index).md", title: title, bodyHTML: "", source: SourcePosition(path: "g/\(index).md", line: 1, column: 1))
        }
        let tree = PageTree(pages: pages)
        let order = tree.sections.flatMap(\.entries).compactMap { entry -> String? in
            if case .page(let index) = entry { return titles[index] }
            return nil
        }
        #expect(order == ["alpha", "Zeta", "指南 1", "指南 2", "指南 02b", "指南 10"])
    }

    @Test("A draft or retired page's text is in no output file; excluded files are neither read nor published")
    func draftsNowhere() async throws {
        let site = try await build()
        #expect(site.report.published, "\(site.errors.map(\.formatted))")
        #expect(site.filesContaining(Self.secret) == [])
        #expect(!site.exists("guides/secret/index.html"))
        #expect(!site.text(Routes.home).contains("secret"))
        #expect(!site.exists("guides/CODENOTIFY") && !site.exists("guides/_category_.yml"))
        #expect(!site.exists("guides/drafts/x/index.html"))
    }

    @Test("With --drafts a draft page is published and marked; a retired one never is")
    func draftsPublished() async throws {
        let site = try await build(drafts: true)
        #expect(site.report.published)
        let html = site.text("guides/secret/index.html")
        #expect(html.contains(Self.secret) && html.contains("draft-banner"))
        #expect(site.filesContaining(Self.secret + "废止") == [])
    }

    @Test("A published page linking to a draft page is an error; status: must be known")
    func linkToDraft() async throws {
        let site = try await build(["content/guides/b.md": "---\nstatus: aproved\n---\n[草稿](secret.md)\n"])
        // b.md, its status unknown, is not published: its own link to the draft is no error.
        #expect(site.errors.map(\.rule) == ["handbook.page.unknown-status"])
        #expect(site.errors.first { $0.rule == "handbook.page.unknown-status" }?.notes == ["did you mean approved?"])
        let linking = try await build(["content/guides/c.md": "[草稿](secret.md)\n"])
        #expect(linking.errors.map(\.rule) == ["handbook.link.unpublished-page"])
        #expect(linking.errors.first?.position.path == "content/guides/c.md")
    }

    @Test("`../best-practices/` on pt/community.md is pt/best-practices, as a browser reads it on the published page")
    func addressLinks() async throws {
        let site = try await build()
        let html = site.text("pt/community/index.html")
        #expect(html.contains("href=\"../../pt/best-practices/index.html\">实践</a>"))
        #expect(html.contains("href=\"../../pt/index.html\">本节</a>"))
        #expect(!html.contains("href=\"../../best-practices/index.html\">实践"))
    }

    @Test("An address link that would have been sent to another document is reported, not followed")
    func addressNotRetargeted() async throws {
        let handbook = try TestHandbook([
            "content/best-practices.md": "# 顶层\n",
            "content/pt/community.md": "# 社区\n\n见[实践](../best-practices/)。\n",
            "content/guides/a.md": "# A\n\n[B](b)\n",
            "content/guides/b.md": "# B\n",
        ])
        let report = await handbook.check()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.rule) == ["handbook.link.broken", "handbook.link.broken"])
        let guide = try #require(errors.first { $0.position.path == "content/guides/a.md" })
        #expect(guide.message.contains("guides/a/b/") && guide.message.contains("guides/b.md"))
        let community = try #require(errors.first { $0.position.path == "content/pt/community.md" })
        #expect(community.message.contains("pt/best-practices/"))
    }

    @Test("aliases and redirect_from publish a page at the old address that leads to the new one")
    func redirects() async throws {
        let site = try await build()
        let old = site.text("old-community/index.html")
        #expect(old.contains("<meta http-equiv=\"refresh\" content=\"0; url=../pt/community/index.html\">"))
        #expect(old.contains("<a href=\"../pt/community/index.html\">社区</a>"))
        #expect(site.text("guides/old-a/index.html").contains("url=../../guides/a/index.html"))
        // The address a refresh leads to exists, relative to the old page, as from file://.
        #expect(site.exists("old-community/../pt/community/index.html"))
        // An old address that is the page's own (a Jekyll permalink moved it) is no collision.
        let own = try await build(["content/guides/b.md": "---\nredirect_from: [/guides/b/]\n---\n# B\n"])
        #expect(own.report.published, "\(own.errors.map(\.formatted))")
    }

    @Test("index.md, _index.md and README.md are their folder's page; .markdown files are pages")
    func folderPages() async throws {
        let site = try await build()
        #expect(site.exists("pt/index.html") && !site.exists("pt/_index/index.html"))
        #expect(site.text("guides/index.html").contains("<h1 id=\"指南\">指南</h1>") || site.text("guides/index.html").contains(">指南</h1>"))
        #expect(!site.exists("guides/README/index.html"))
        #expect(site.text("guides/index.html").contains("href=\"../guides/a/index.html\">第一篇</a>"))
        // A folder without a page of its own gets one listing what it holds.
        let loose = site.text("loose/index.html")
        // Named as the folder is written in a Chinese handbook (not made an English title).
        #expect(loose.contains("<h1>loose</h1>") && loose.contains("href=\"../loose/deep/index.html\">deep</a>"))
        #expect(site.text("loose/deep/index.html").contains("href=\"../../loose/deep/page/index.html\">深处的页面</a>"))
    }

    @Test("A folder without a page is named as written in a Chinese handbook, as an English title in an English one")
    func generatedNames() async throws {
        let files = ["content/best-practices/a.md": "# 甲\n", "content/指南/b.md": "# 乙\n"]
        let zh = try await TestHandbook(files.merging(["handbook.yml": "title: 手册\n"]) { $1 }).build()
        #expect(zh.text("best-practices/index.html").contains("<h1>best-practices</h1>"))
        #expect(zh.text("index.html").contains(">best-practices</a>"))
        let en = try await TestHandbook(files.merging(["handbook.yml": "title: H\nlanguage: en\n"]) { $1 }).build()
        #expect(en.text("best-practices/index.html").contains("<h1>Best practices</h1>"))
        #expect(en.text("指南/index.html").contains("<h1>指南</h1>"))
    }

    @Test("Breadcrumbs, the section's sidebar with the page marked, in this section, previous and next")
    func tree() async throws {
        let site = try await build()
        let page = site.text("pt/community/index.html")
        #expect(page.contains("<li><a href=\"../../pt/index.html\">葡语区</a></li><li><span aria-current=\"page\">社区</span>"))
        let sidebar = try #require(page.components(separatedBy: "class=\"page-sidebar\"").dropFirst().first)
        #expect(sidebar.contains("aria-current=\"page\">社区</a>"))
        // weight 1 before weight 2.
        #expect(sidebar.range(of: ">社区<")!.lowerBound < sidebar.range(of: ">葡语最佳实践<")!.lowerBound)
        #expect(page.contains("rel=\"prev\"><span>上一篇</span> 葡语区</a>"))
        #expect(page.contains("rel=\"next\"><span>下一篇</span> 葡语最佳实践</a>"))
        let folder = site.text("pt/index.html")
        #expect(folder.contains("<h2 id=\"in-section\">本节内容</h2>"))
        // Sections by weight: guides (1), pt (2), then the others by name; top-level pages among them.
        let home = site.text(Routes.home)
        let list = try #require(home.components(separatedBy: "<h2 id=\"pages\">").dropFirst().first)
        #expect(list.contains(">指南</a> <span class=\"count\">3 篇</span>"))
        #expect(!list.contains("第一篇"), "the home page lists sections, not every page")
        #expect(list.range(of: ">指南<")!.lowerBound < list.range(of: ">葡语区<")!.lowerBound)
        // The header: the first top-level sections, the page's own marked.
        #expect(page.contains("<li><a href=\"../../pt/index.html\" aria-current=\"true\">葡语区</a></li>"))
    }

    @Test("A page's lang sets <html lang>, right to left for Arabic; a title falls back to the first # heading")
    func language() async throws {
        let site = try await build()
        #expect(site.text("guides/b/index.html").hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"))
        #expect(site.text("pt/community/index.html").contains("<html lang=\"zh-CN\">"))
        #expect(site.text("guides/a/index.html").contains("<title>第一篇 · 手册</title>"))
    }

    @Test("Keys of other tools: one warning per key with its count and first place; ignore_keys silences them")
    func foreignKeys() async throws {
        var files = (1...30).reduce(into: [String: String]()) { files, n in
            files["content/p\(n).md"] = "---\nlayout: post\nmenu: main\nweight: \(n)\n---\n# 页\(n)\n"
        }
        files["content/p0.md"] = "---\ntitel: 错字\n---\n# 页0\n"
        let report = await (try TestHandbook(files)).check()
        let warnings = report.diagnostics.filter { $0.rule == "handbook.frontmatter.unknown-key" }
        #expect(warnings.count == 3, "\(warnings.map(\.formatted))")
        let layout = try #require(warnings.first { $0.message.contains("`layout`") })
        #expect(layout.message.contains("and in 29 more pages"))
        #expect(layout.position == SourcePosition(path: "content/p1.md", line: 2, column: 1))
        #expect(warnings.first { $0.message.contains("titel") }?.notes == ["did you mean title?"])
        files["handbook.yml"] = "ignore_keys: [layout, menu]\n"
        let quiet = await (try TestHandbook(files)).check()
        #expect(quiet.diagnostics.filter { $0.rule == "handbook.frontmatter.unknown-key" }.count == 1)
    }

    @Test("A file in content/departments/ that is not a department says that the folder holds departments")
    func departmentFolder() async throws {
        let report = await (try TestHandbook(["content/departments/README.md": "# 关于部门\n"])).check()
        let error = try #require(report.diagnostics.first)
        #expect(error.rule == "handbook.frontmatter.missing-field")
        #expect(error.message.contains("every file in content/departments/ is a department"))
        #expect(error.message(in: .zhCN).contains("content/departments/ 里每个文件都是一个部门"))
    }

    @Test("Search holds a page's whole text, not its first 1,000 characters")
    func searchWholePage() async throws {
        let long = String(repeating: "填充文字。", count: 1_000) + "深处关键词"
        let site = try await TestHandbook(["content/long.md": "# 长页\n\n\(long)\n"]).build()
        // In the page's part, not in the index a reader loads first.
        #expect(site.text(SearchIndex.partPath(0)).contains("深处关键词"))
        #expect(!site.text(SearchIndex.path).contains("深处关键词"))
    }

    @Test("Without index.md, a top-level README.md is the home text; with one, README is a page of its own")
    func topReadme() async throws {
        let handbook = try TestHandbook(["content/README.md": "# 关于本手册\n\nREADME-正文\n", "content/a.md": "# A\n"])
        let site = try await handbook.build()
        #expect(site.text(Routes.home).contains("README-正文"))
        #expect(!site.exists("README/index.html"))
        try handbook.write(["content/index.md": "# 首页\n\nINDEX-正文\n"])
        let again = try await handbook.build()
        #expect(again.text(Routes.home).contains("INDEX-正文"))
        #expect(again.text("README/index.html").contains("README-正文"))
    }

    @Test("Exclude globs: a name at any depth, a path from the content folder, ** across folders")
    func globs() {
        #expect(Glob("CODENOTIFY").matches("a/b/CODENOTIFY"))
        #expect(Glob("_category_.yml").matches("_category_.yml"))
        #expect(Glob("*.tmp").matches("x/y.tmp") && !Glob("*.tmp").matches("x/y.tmpl"))
        #expect(Glob("**/drafts/**").matches("guides/drafts/x.md") && Glob("**/drafts/**").matches("drafts/x.md"))
        #expect(Glob("archive/2019").matches("archive/2019/q1/x.md") && !Glob("archive/2019").matches("old/archive/2019/x.md"))
        #expect(!Glob("drafts").matches("guides/drafted.md"))
    }
}
