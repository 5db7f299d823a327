/// Raw HTML in a body is dropped unless `unsafe_html: true`: whole `<h2>`s and tables of an
/// imported page vanished without a word. One warning per body, at the first piece.
enum RawHTMLCheck {
    static func check(_ body: Resolver.Body) -> Diagnostic? {
        guard let dropped = body.rendered.rawHTML else { return nil }
        let line = body.firstLine + dropped.line - 1
        let pieces = dropped.count == 1 ? "1 piece" : "\(dropped.count) pieces"
        return .warning("handbook.markdown.raw-html",
            Phrase("本页的原始 HTML 不会显示：第一处在第 \(line) 行第 \(dropped.column) 列，共 \(dropped.count) 处",
                   en: "this page's raw HTML is not shown: first at line \(line), column \(dropped.column); \(pieces)"),
            at: SourcePosition(path: body.filePath, line: line, column: dropped.column),
            notes: [Phrase("只有在内容可信时，才在 handbook.yml 里写 `unsafe_html: true` 让它原样输出；否则请改用普通的正文写法",
                           en: "write it as Markdown, or set `unsafe_html: true` in handbook.yml if every author is trusted")])
    }
}
