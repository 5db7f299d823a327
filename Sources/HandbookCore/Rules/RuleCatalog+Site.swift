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
        Rule("handbook.markdown.pipe-table", .warning, Phrase("正文里有表格（不支持，显示为文字）", en: "a pipe table (shown as text)")),
        Rule("handbook.output.collision", .error, Phrase("两个来源要写到同一个输出路径", en: "two sources would be written to one path"),
             explanation: Phrase("例如 `guides/x.md` 和 `guides/x/index.md`，或 `content/matrix.md` 与自动生成的职责矩阵页。",
                                 en: "For example `guides/x.md` and `guides/x/index.md`, or `content/matrix.md` and the generated matrix page.")),
        Rule("handbook.template.syntax", .error, Phrase("模板语法有误", en: "a template syntax error")),
        Rule("handbook.template.unknown-partial", .error, Phrase("模板引用了不存在的子模板", en: "a template includes a partial that does not exist")),
        Rule("handbook.template.missing", .error, Phrase("主题缺少必需的模板", en: "the theme lacks a template it needs")),
        Rule("handbook.template.unreadable", .error, Phrase("模板无法读取（或不是 UTF-8）", en: "a template cannot be read (or is not UTF-8)")),
        Rule("handbook.template.recursion", .error, Phrase("子模板无条件地引用回自己", en: "a partial includes itself with no section around it")),
        Rule("handbook.template.symlink", .warning, Phrase("`templates/` 里的符号链接指向外面或不存在（不使用）", en: "a symbolic link in templates/ leads out of it or nowhere (not used)")),
        Rule("handbook.template.no-built-in", .warning, Phrase("找不到内置主题，只用 `templates/`", en: "the built-in theme is missing; templates/ alone is used")),
    ]
}
