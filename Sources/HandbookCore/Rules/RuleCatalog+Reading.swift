/// Rules about reading files: bytes, frontmatter, YAML, handbook.yml.
extension RuleCatalog {
    static let reading: [Rule] = [
        Rule("handbook.file.invalid-utf8", .error, Phrase("文件不是 UTF-8 编码", en: "the file is not UTF-8"), explanation: Phrase("""
            手册的文件都按 UTF-8 读取。有些编辑器默认把文件存成 GBK 编码，中文就会读成乱码。
            报告的位置是第一个无法识别的字符。用编辑器“另存为 UTF-8”即可。
            """, en: """
            Every file of a handbook is read as UTF-8. Files saved by some Windows editors are in GBK, and
            their Chinese cannot be read. The position is the first byte that is not UTF-8; save the file as UTF-8.
            """)),
        Rule("handbook.file.nul-byte", .error, Phrase("文件里有 NUL 字节", en: "the file contains a NUL byte"), explanation: Phrase("""
            文本文件里不会有 NUL 字节，出现它多半是把文档或图片误存成了 `.md`。文件的其余部分不再读取。
            """, en: """
            Text never contains a NUL byte: the file is most likely a Word document or an image named `.md`.
            The rest of the file is not read.
            """)),
        Rule("handbook.file.too-large", .error, Phrase("文件超过 10 MB", en: "the file is over 10 MB")),
        Rule("handbook.file.unreadable", .error, Phrase("文件无法读取（权限不够，或文件名不是 UTF-8）", en: "the file cannot be read (permissions, or a name that is not UTF-8)")),
        Rule("handbook.frontmatter.thematic-break", .warning, Phrase("文件开头的 `---` 下面不是文件头，按分隔线处理", en: "a leading `---` not followed by frontmatter is read as a thematic break"),
             explanation: Phrase("""
            要画分隔线，请写 `***`；要写文件头，在 `---` 下面写 `键: 值` 的行，再以 `---` 结束：

                ---
                title: 差旅报销说明
                ---
            """, en: """
            For a line across, write `***`; for frontmatter, write `key: value` lines under `---` and close them with `---`:

                ---
                title: Travel expenses
                ---
            """)),
        Rule("handbook.frontmatter.unterminated", .error, Phrase("文件头以 `---` 开始却没有结束行", en: "frontmatter opened with `---` is never closed"), explanation: Phrase("""
            文件头夹在两行 `---` 之间。少了第二行，整篇都会被当成文件头：

                ---
                title: 投诉受理
                owner: 客服部
                （这里缺少 ---）
                正文……
            """, en: """
            Frontmatter sits between two `---` lines. Without the second, the whole file is read as frontmatter:

                ---
                title: Complaint intake
                owner: customer-service
                (missing ---)
                Body text…
            """)),
        Rule("handbook.yaml.syntax", .error, Phrase("YAML 写法有误", en: "the YAML does not parse"), explanation: Phrase("""
            常见原因：缩进用了制表符；值里有“: ”却没加引号；引号或括号没有配对。
            没有配对的引号或括号会在它开始的地方报告，YAML 解析器发现问题的位置作为附注：

                name: "投诉转办        ← 引号从这里开始，没有结束
                responsible: cs

            改为 `name: 投诉转办` 或 `name: "投诉转办"`。
            """, en: """
            Usual causes: a tab in the indentation; a value containing ": " without quotes; a quote or
            bracket never closed. An unclosed quote or bracket is reported where it opens, with where the
            parser stopped as a note:

                name: "Forward the complaint      <- the quote opens here and never closes
                responsible: cs

            Write `name: Forward the complaint` or close the quote.
            """)),
        Rule("handbook.yaml.duplicate-key", .error, Phrase("同一层里一个键写了两次", en: "a key appears twice in one mapping"), explanation: Phrase("""
            同一个键写两次时只有一个会生效，另一个悄悄丢掉，所以报错：

                - id: 1
                  duties: 登记投诉
                  duties: 回访客户     ← 第二个 duties
            """, en: """
            Only one of two equal keys would count and the other would be dropped silently:

                - id: 1
                  duties: Log the complaint
                  duties: Call the customer back     <- duties again
            """)),
        Rule("handbook.yaml.too-deep", .error, Phrase("文件头嵌套过深", en: "frontmatter nested too deeply"), explanation: Phrase("""
            `[`/`{` 嵌套超过 64 层，或缩进超过 256 格（`- - - x` 每个 `- ` 算一格）。正常的流程文件远达不到；多半是文件损坏或生成有误。
            """, en: """
            More than 64 levels of `[`/`{`, or indentation beyond 256 columns (`- - - x` counts a column per `- `).
            No process file comes near this; the file is damaged or was generated wrongly.
            """)),
        Rule("handbook.yaml.alias-bomb", .error, Phrase("YAML 别名展开后过大", en: "YAML aliases expand too far"), explanation: Phrase("""
            别名（`&a` 和 `*a`）层层引用时，几行文字可以展开成上亿个节点（“十亿笑声”攻击）。超过 10,000 个节点即拒绝读取。
            """, en: """
            Aliases (`&a` and `*a`) that refer to each other can expand a few lines into billions of nodes
            ("billion laughs"). Beyond 10,000 nodes the file is refused.
            """)),
        Rule("handbook.yaml.type", .error, Phrase("值的类型不对（或日期写法不对）", en: "a value of the wrong type (or a date written wrongly)"), explanation: Phrase("""
            例如 `steps:` 后应是列表，写成了一段文字；日期应写成 `2026-01-01`，而且是日历上有的日子：

                steps: 先登记再处理          ← 应是 `- id: 1` 开头的列表
                effective: 2026-02-31        ← 2 月没有 31 日
            """, en: """
            For example `steps:` must be a list, not a text; a date is written `2026-01-01` and must be a day
            of the calendar:

                steps: log it, then handle it    <- must be a list of `- id: 1` items
                effective: 2026-02-31            <- February has no 31st
            """)),
        Rule("handbook.frontmatter.missing-field", .error, Phrase("缺少必填项", en: "a required field is missing"), explanation: Phrase("""
            流程必须有 `title`、`owner`、`status`、`steps`；步骤必须有 `id`、`name`、`duties`；部门和岗位必须有 `name`。
            """, en: """
            A process needs `title`, `owner`, `status` and `steps`; a step `id`, `name` and `duties`; a department
            and a role a `name`.
            """)),
        Rule("handbook.frontmatter.unknown-key", .warning, Phrase("格式里没有这个键（附最接近的键）", en: "a key the format does not know (with the nearest known key)"), explanation: Phrase("""
            多半是拼错了，拼错的键会被忽略：

                sumary: 受理客户投诉      ← 是否指 summary？
            """, en: """
            Usually a misspelling, and a misspelt key is ignored:

                sumary: Handle complaints      <- did you mean summary?
            """)),
        Rule("handbook.config.language", .error, Phrase("handbook.yml 的 `language` 不认识", en: "an unknown `language` in handbook.yml"),
             explanation: Phrase("`language` 只能是 `zh-CN` 或 `en`。", en: "`language` is `zh-CN` or `en`.")),
        Rule("handbook.config.folder", .error, Phrase("`content` 或 `output` 文件夹设置有误", en: "a wrong `content` or `output` folder"), explanation: Phrase("""
            两个文件夹都应在手册根目录里；每次生成网站都会整个替换 `output`，所以它不能就是、包含或位于 `content` 里（经符号链接也不行）。
            """, en: """
            Both folders must be inside the handbook root. `output` is replaced whole on every build, so it must
            not be, hold or sit in `content` (through a symbolic link neither).
            """)),
        Rule("handbook.config.training", .error, Phrase("`training:` 设置有误", en: "a wrong `training:` setting"), explanation: Phrase("""
            空的项、超过 4 个 `row_columns`（A4 纸上放不下）、`logo` 不是内容文件夹里已发布的图片。
            """, en: """
            An empty item, more than four `row_columns` (they do not fit on A4), a `logo` that is not a published
            image in the content folder.
            """)),
        Rule("handbook.config.value", .error, Phrase("handbook.yml 里某项设置的值不在可选范围内", en: "a handbook.yml setting with a value it cannot take"), explanation: Phrase("""
            有些设置只能取几个值之一，例如 `links_relative_to` 只能是 `page`（默认：写成网址的链接按页面发布后的地址读，
            `a/b.md` 发布在 `a/b/`）或 `file`（按文件所在的文件夹读，像代码托管网站显示文件时那样，也像把 `a/b.md` 发布在 `a/b`、
            地址末尾不带 `/` 的网站那样）。
            """, en: """
            Some settings take one of a few values: `links_relative_to` is `page` (the default: a link written as an
            address is read from the page's published address, `a/b.md` being at `a/b/`) or `file` (read from the
            file's folder, as GitHub reads it, and as sites that publish `a/b.md` at `a/b`, without a trailing `/`, do).
            """)),
        Rule("handbook.config.severity", .error, Phrase("`rules:` 里有一项写错了", en: "a wrong entry in `rules:`"), explanation: Phrase("""
            `rules:`（旧名 `severity:`）的每一项是“规则编号: 级别”，级别为 `error`、`warning` 或 `off`：

                rules:
                  handbook.process.review-overdue: warning
                  handbook.step.no-output: off

            规则编号须是 `handbook explain` 列出的编号之一。
            """, en: """
            Each entry of `rules:` (formerly `severity:`) is `rule id: level`, the level `error`, `warning` or `off`:

                rules:
                  handbook.process.review-overdue: warning
                  handbook.step.no-output: off

            The rule id must be one that `handbook explain` lists.
            """)),
        Rule("handbook.content.missing", .error, Phrase("找不到内容文件夹", en: "the content folder does not exist")),
        Rule("handbook.content.symlink-outside", .warning, Phrase("符号链接指向内容文件夹之外（不读取）", en: "a symbolic link leads out of the content folder (not followed)")),
        Rule("handbook.content.active-file", .warning, Phrase("可能运行脚本的文件不发布", en: "a file that could run script is not published"), explanation: Phrase("""
            `.html`、`.js` 等文件，以及含脚本的 SVG/XML 文件，打开时可能运行脚本，除非 handbook.yml 设了 `unsafe_html: true`，否则不发布；链接到它们会报 `handbook.link.broken`。
            """, en: """
            `.html`, `.js` and the like, and SVG or XML files with script in them, can run script when opened;
            they are published only with `unsafe_html: true` in handbook.yml, and a link to one is `handbook.link.broken`.
            """)),
    ]
}
