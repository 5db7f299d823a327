import Testing
@testable import HandbookCore

/// Links to definition terms (`#publishdir`, as Hugo's docs write them) are checked against the
/// terms' ids like links to headings.
@Suite("Definition list anchors")
struct DefinitionListLinkTests {
    @Test("A link to a term's id is found; a misspelt one is a broken anchor that suggests the term; the page shows <dl>")
    func termAnchor() async throws {
        let handbook = try TestHandbook([
            "handbook.yml": "title: T\nlanguage: en\n",
            "content/config.md": "# Config\n\n`publishDir`\n: (`string`) The directory where the site is written.\n",
            "content/a.md": "# A\n\n[publishDir](config.md#publishdir)\n",
        ])
        let site = try await handbook.build()
        #expect(site.errors.map(\.formatted) == [])
        #expect(site.text("config/index.html").contains("<dt id=\"publishdir\"><code>publishDir</code></dt>"))
        #expect(site.text("a/index.html").contains("config/index.html#publishdir\">publishDir</a>"))
        try handbook.write(["content/a.md": "# A\n\n[typo](config.md#publishdri)\n"])
        let report = await handbook.check()
        #expect(report.diagnostics.map(\.formatted) == [
            "content/a.md:3:1: error: `#publishdri` is not an anchor of config.md (did you mean publishdir?) [handbook.link.broken-anchor]",
        ])
    }
}
