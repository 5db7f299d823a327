/// The Chinese for the few English phrases that callers of `YAMLReader` pass to say what a
/// value is (`in: "a step"`, `"each item of `inputs`"`): the reader's API keeps its English
/// words, and its diagnostics say the same thing in Chinese through this table.
enum ReaderWords {
    static let nouns: [String: String] = [
        "page": "页面", "department": "部门", "role": "岗位", "process": "流程", "change": "修订记录",
        "step": "步骤", "branch": "分支", "a rule id": "规则编号",
    ]

    /// `english` in Chinese; ends with a space when it ends with code (`` `key` ``) or a file name,
    /// so the Chinese after it does not run into it.
    static func zh(_ english: String) -> String {
        var text = english
        if text.hasPrefix("a ") { text.removeFirst(2) }
        if let noun = nouns[text] ?? nouns[english] {
            text = noun
        } else if let match = text.wholeMatch(of: /each item of (`[^`]+`)/) {
            text = "\(match.1) 的每一项"
        } else if let match = text.wholeMatch(of: /branch of (`[^`]+`)/) {
            text = "\(match.1) 的分支"
        } else if let match = text.wholeMatch(of: /(`[^`]+`) of (.+)/) {
            text = "\(match.2) 的 \(match.1)"
        }
        if let last = text.unicodeScalars.last, last.isASCII { text += " " }
        return text
    }
}

/// libyaml explains a syntax error in English (`did not find expected key while parsing a block
/// mapping`); these are its problems in the words of someone who writes frontmatter by hand.
/// One not listed is quoted as libyaml gives it.
enum YAMLProblemWords {
    static let problems: [(String, String)] = [
        ("did not find expected key", "这一行的缩进或格式与上面对不上（常见原因：上面某处引号没有配对，或冒号后少了空格）"),
        ("mapping values are not allowed in this context", "这里不能再出现 `key: value`（值里有“: ”时请给整个值加引号）"),
        ("found unexpected end of stream", "引号或括号没有闭合，一直读到了文件头末尾"),
        ("found character that cannot start any token", "这个字符不能出现在值的开头（如制表符、`@`、反引号；请改用空格或给值加引号）"),
        ("found a tab character", "缩进里用了制表符，请改用空格"),
        ("did not find expected ',' or ']'", "方括号列表没有闭合，或项之间缺少逗号"),
        ("did not find expected ',' or '}'", "花括号没有闭合，或项之间缺少逗号"),
        ("did not find expected node content", "这里缺少值"),
        ("did not find expected '-' indicator", "列表项应以 `- ` 开头，且与上一项对齐"),
        ("could not find expected ':'", "缺少冒号 `:`（或冒号后少了空格）"),
        ("found unknown escape character", "双引号里的反斜杠转义不认识（写反斜杠本身请用 `\\\\`，或改用单引号）"),
        ("found undefined alias", "引用了没有定义的别名 `*`"),
        ("found undefined tag handle", "用了没有定义的标签 `!`"),
        ("block sequence entries are not allowed in this context", "这里不能开始 `- ` 列表（缩进不对？）"),
        ("expected a single document, but found another document", "文件头里只能有一份 YAML，却出现了第二个 `---`"),
        ("found unexpected ':'", "出现了多余的冒号"),
        ("control characters are not allowed", "有不可见的控制字符"),
        ("found incomplete UTF-8 octet sequence", "有不完整的 UTF-8 字符"),
        ("invalid leading UTF-8 octet", "有不是 UTF-8 的字节"),
        ("out of memory", "内存不足"),
        ("did not find expected alphabetic or numeric character", "`&` 或 `*` 后应是锚点名（字母或数字）"),
        ("found unexpected document indicator", "引号里的值中出现了 `---` 或 `...`"),
        ("did not find expected whitespace or line break", "这里应有空格或换行"),
        ("did not find expected comment or line break", "这里之后应换行（或以 `#` 开始注释）"),
        ("found an incorrect", "有不是 UTF-8 的字节"),
    ]

    static func zh(_ message: String) -> String {
        for (english, chinese) in problems where message.hasPrefix(english) { return chinese }
        return "YAML 解析器报告 `\(message)`"
    }
}

extension ReaderWords {
    /// A step as a process document names it: 第 3 步 for a numbered step, else 步骤“回复”.
    static func step(_ id: String) -> String {
        !id.isEmpty && id.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) ? "第 \(id) 步" : "步骤“\(id)”"
    }
}
