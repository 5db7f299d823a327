/// Chinese for the English descriptions some checks build before they know they will report
/// them (what owns an output path, what in an SVG can run script): the checks keep their
/// English values, and their diagnostics give both.
enum CheckWords {
    /// `OutputPathCheck.Source.description` in Chinese.
    static func output(_ english: String) -> String {
        let text = outputWords(english)
        return text.hasSuffix("`") ? text + " " : text
    }

    private static func outputWords(_ english: String) -> String {
        let forms: [(String, (String) -> String)] = [
            ("process ", { "流程 `\($0)` 的页面" }), ("department ", { "部门 `\($0)` 的页面" }),
            ("the feedback form of ", { "`\($0)` 的意见反馈页" }), ("the checklist of ", { "`\($0)` 的培训清单" }),
            ("the matrix of ", { "`\($0)` 的职责矩阵" }), ("the page of ", { "岗位 `\($0)` 的页面" }),
            ("the version changes of ", { "流程 `\($0)` 的版本变更页" }), ("the retraining sheet of ", { "岗位 `\($0)` 的变更培训单" }),
        ]
        if english == "a page the site generates" { return "网站自动生成的页面" }
        for (prefix, form) in forms where english.hasPrefix(prefix) { return form(String(english.dropFirst(prefix.count))) }
        return "`\(english)`"
    }

    /// `ActiveMarkup.Finding.what` in Chinese.
    static func active(_ english: String) -> String {
        let text = activeWords(english)
        // Code at the end is set off from the Chinese that follows.
        return text.hasSuffix("`") ? text + " " : text
    }

    private static func activeWords(_ english: String) -> String {
        let table = ["an entity declaration": "实体声明（`<!ENTITY`）", "an XSLT stylesheet": "XSLT 样式表",
                     "a document type with an internal subset": "带内部子集的文档类型声明",
                     "text that is not UTF-8": "非 UTF-8 的文字"]
        if let text = table[english] { return text }
        if let match = english.wholeMatch(of: /a (<[^>]+>) element/) { return "`\(match.1)` 元素" }
        if let match = english.wholeMatch(of: /an event handler (`[^`]+`)/) { return "事件处理属性 \(match.1)" }
        if let match = english.wholeMatch(of: /a script URL in (`[^`]+`)/) { return "\(match.1) 里的脚本网址" }
        return "`\(english)`"
    }
}

/// The template parser's English (`'{{#items}}' is never closed`) for a template syntax error's
/// Chinese: the parser is a module of its own that knows nothing of languages.
enum TemplateWords {
    static func zh(_ message: String) -> String {
        if let m = message.wholeMatch(of: /closing tag '([^']*)' has no opening tag/) { return "结束标签 `\(m.1)` 前面没有对应的开始标签" }
        if let m = message.wholeMatch(of: /closing tag '([^']*)' does not match '([^']*)'/) { return "结束标签 `\(m.1)` 与开始标签 `\(m.2)` 对不上" }
        if let m = message.wholeMatch(of: /'([^']*)' is never closed/) { return "`\(m.1)` 没有结束标签" }
        if let m = message.wholeMatch(of: /unclosed tag: no '([^']*)' after it/) { return "标签没有闭合：后面找不到 `\(m.1)`" }
        if let m = message.wholeMatch(of: /empty tag name in '([^']*)' tag/) { return "`\(m.1)` 标签里没有名字" }
        if let m = message.wholeMatch(of: /tag name '([^']*)' contains whitespace/) { return "标签名 `\(m.1)` 里有空格" }
        if let m = message.wholeMatch(of: /dynamic names \('([^']*)'\) are not supported/) { return "不支持动态名字 `\(m.1)`" }
        if let m = message.wholeMatch(of: /invalid name '([^']*)'/) { return "名字 `\(m.1)` 不合规" }
        if message.hasPrefix("bad delimiter change") { return "改分隔符的写法不对：应是以空格分开的两个分隔符" }
        return "`\(message)`"
    }
}
