/// Rules about bodies, links, output paths and the theme.
extension RuleCatalog {
    static let site: [Rule] = [
        Rule("handbook.link.broken", .error, Phrase("相对链接指向不存在的文件", en: "a relative link to a missing document"), explanation: Phrase("""
            链接按当前文件所在的文件夹解析，`.md` 可省略：

                见[退款流程](refund.md)        ← processes/ 里没有 refund.md
            """, en: """
            A link is resolved from the folder of the file it is in; `.md` may be left out:

                see [refunds](refund.md)        <- processes/ has no refund.md
            """)),
        Rule("handbook.link.broken-anchor", .error, Phrase("链接的 `#锚点` 在目标页里不存在", en: "a link's `#anchor` is not on the page it leads to"),
             explanation: Phrase("锚点可以是标题，或流程页的 `#step-N`（第 N 步）。附最接近的锚点。",
                                 en: "An anchor is a heading or, on a process page, `#step-N` (step N). The nearest one is suggested.")),
        Rule("handbook.link.unpublished", .warning, Phrase("链接到这次不发布的流程", en: "a link to a process this build does not publish"),
             explanation: Phrase("草稿和评审中的流程只在 `--drafts` 时发布；链接到它们，读者会看到“页面不存在”。",
                                 en: "Draft and review processes are published with `--drafts` only; readers following the link get the not-found page.")),
        Rule("handbook.link.unpublished-page", .error, Phrase("发布的页面链接到不发布的页面（草稿、评审中或已废止）", en: "a published page links to a page that is not published (draft, review or retired)"),
             explanation: Phrase("""
            不发布的页面在网站里不存在，读者点链接只会看到“页面不存在”。发布该页面，或去掉链接：

                status: draft        ← 被链接的页面
            """, en: """
            A page that is not published does not exist on the site; readers following the link get the not-found page. Publish it, or remove the link:

                status: draft        <- the linked page
            """)),
        Rule("handbook.markdown.raw-html", .warning, Phrase("页面里的原始 HTML 不显示（每页报一次，指出第一处）", en: "a page's raw HTML is not shown (once per page, at the first piece)"),
             explanation: Phrase("""
            为了安全，正文里的 HTML 标签默认不输出。内容可信时在 handbook.yml 写：

                unsafe_html: true
            """, en: """
            For safety, HTML tags in a body are not published by default. When the content is trusted, write in handbook.yml:

                unsafe_html: true
            """)),
        Rule("handbook.page.unknown-status", .error, Phrase("页面的状态写错了（与某个状态只差几个字母）", en: "a page's status is a misspelt status"),
             explanation: Phrase("页面的状态与流程相同：`draft`、`review`、`approved`、`retired`；拼错的状态不发布该页，直到改正。",
                                 en: "Pages have the statuses processes have: draft, review, approved, retired; a misspelt one keeps the page unpublished until it is corrected.")),
        Rule("handbook.page.other-status", .warning, Phrase("页面用了别的工具的状态（每个值报一次，页面照常发布）", en: "pages use another tool's status (once per value; the pages are published)"),
             explanation: Phrase("例如别的工具用的 `status: active`。不想发布的页面请写 `status: draft`，或 `draft: true`。",
                                 en: "For example GitLab's `status: active`. Write `status: draft` or `draft: true` to keep a page unpublished.")),
        Rule("handbook.page.alias", .error, Phrase("`aliases` / `redirect_from` 里的旧地址不是站内地址", en: "an old address in `aliases` / `redirect_from` is not an address of the site"),
             explanation: Phrase("""
            旧地址写成站内路径，构建时会在那里生成一个跳转页：

                aliases: [/old/path/]
            """, en: """
            Write old addresses as paths of the site; the build puts a redirect page there:

                aliases: [/old/path/]
            """)),
        Rule("handbook.output.collision", .error, Phrase("两个来源要写到同一个输出路径", en: "two sources would be written to one path"),
             explanation: Phrase("例如 `guides/x.md` 和 `guides/x/index.md`，或 `content/matrix.md` 与自动生成的职责矩阵页。",
                                 en: "For example `guides/x.md` and `guides/x/index.md`, or `content/matrix.md` and the generated matrix page.")),
        Rule("handbook.template.syntax", .error, Phrase("模板语法有误", en: "a template syntax error")),
        Rule("handbook.template.unknown-partial", .error, Phrase("模板引用了不存在的子模板", en: "a template includes a partial that does not exist")),
        Rule("handbook.template.missing", .error, Phrase("主题缺少必需的模板", en: "the theme lacks a template it needs")),
        Rule("handbook.template.unreadable", .error, Phrase("模板无法读取（或不是 UTF-8）", en: "a template cannot be read (or is not UTF-8)")),
        Rule("handbook.template.recursion", .error, Phrase("子模板无条件地引用回自己", en: "a partial includes itself with no section around it")),
        Rule("handbook.template.symlink", .warning, Phrase("`templates/` 里的符号链接指向外面或不存在（不使用）", en: "a symbolic link in templates/ leads out of it or nowhere (not used)")),
        Rule("handbook.template.unknown-variable", .warning, Phrase("自定义模板读取的名称没有哪个页面提供", en: "a theme's own template reads a name no page provides"),
             explanation: Phrase("""
            模板里的名称没有对应的数据时，页面上什么也不显示，也不报错：`{{pageTitel}}` 这样的笔误只会让页面少一块内容。
            只检查手册自己 `templates/` 里的模板，提示最接近的名称。名称以内置主题读取的和各页面数据提供的为准。
            """, en: """
            Mustache renders a name with no value as nothing, without a word: a slip such as `{{pageTitel}}`
            only leaves a gap in the page. Only the handbook's own templates/ are checked, with the nearest
            known name. Known names are those the built-in theme reads and those the pages' data provides.
            """)),
        Rule("handbook.template.no-built-in", .warning, Phrase("找不到内置主题，只用 `templates/`", en: "the built-in theme is missing; templates/ alone is used")),
    ]
}
