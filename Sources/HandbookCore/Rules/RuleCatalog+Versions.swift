/// Rules about departments' confirmations and approved versions in git.
extension RuleCatalog {
    static let confirmations: [Rule] = [
        Rule("handbook.confirmation.missing", .warning, Phrase("已批准的流程版本尚待有职责的部门确认", en: "an approved version awaits a confirmation from a department with duties"),
             explanation: Phrase("""
            在流程里承担职责（R、A、C、I）的每个部门，都要由本部门的岗位确认当前版本：

                confirmations:
                  - by: 客服部/客服部经理
                    date: 2026-03-01
                    version: "2.1"

            某部门的职责自它确认的版本以来没变（`changes:` 里用 `steps:` 列出改动的步骤，其中没有它的），原确认沿用。
            """, en: """
            Each department with a duty (R, A, C or I) in the process confirms the current version through one of its roles:

                confirmations:
                  - by: customer-service/cs-manager
                    date: 2026-03-01
                    version: "2.1"

            When its duties did not change since the version it confirmed (`changes:` lists the changed steps with `steps:`, none of them its own), its confirmation carries over.
            """)),
        Rule("handbook.confirmation.wrong-department", .error, Phrase("确认人不是有职责的部门的岗位", en: "a confirmation by a role of no department with duties in the process"),
             explanation: Phrase("确认人须是在本流程承担职责的部门的岗位，写作 `部门/岗位`。",
                                 en: "The confirming role must belong to a department with duties in the process, written `department/role`.")),
        Rule("handbook.confirmation.unknown-version", .error, Phrase("确认的版本不是当前版本，也不在 `changes:` 里", en: "a confirmation of a version that is neither the current one nor in `changes:`")),
        Rule("handbook.confirmation.before-effective", .error, Phrase("确认日期早于该版本的生效日期（或变更日期）", en: "a confirmation dated before its version's effective date (or its date in `changes:`)")),
    ]

    static let history: [Rule] = [
        Rule("handbook.history.version-backwards", .error, Phrase("版本号低于提交记录里已批准的版本", en: "the version is lower than one approved earlier in git history"),
             explanation: Phrase("版本号只能往上走。提交记录里批准过 2.1，这次就不能写 2.0。",
                                 en: "Versions only go up: once 2.1 was approved in git history, 2.0 cannot follow.")),
        Rule("handbook.history.unchanged-version", .warning, Phrase("批准后步骤又改了，版本号却没变", en: "steps changed after approval while the version stayed the same"),
             explanation: Phrase("""
            已批准版本的步骤改动后，请提升版本号并在 `changes:` 写明改了什么，培训和确认才知道要重做：

                version: "2.2"
                changes:
                  - {version: "2.2", date: 2026-11-25, summary: 不满意时退回二次处理, steps: [5]}
            """, en: """
            When an approved version's steps change, raise the version and say what changed in `changes:`, so that training and confirmations know to be done again:

                version: "2.2"
                changes:
                  - {version: "2.2", date: 2026-11-25, summary: a second handling when not satisfied, steps: [5]}
            """)),
        Rule("handbook.history.no-change-entry", .warning, Phrase("版本在 `changes:` 里没有变更说明", en: "a version has no `changes:` entry")),
    ]

    /// `handbook import` reports these on the documents it reads, in the same format.
    static let imports: [Rule] = [
        Rule("handbook.import.unreadable", .error, Phrase("导入的文件读不了（格式不对、损坏、太大或含外部实体）", en: "a document to import cannot be read (wrong format, damaged, too large or with external entities)")),
        Rule("handbook.import.no-table", .error, Phrase("文件里没有职责划分表（没有含步骤名称和责任部门/岗位的表头行）", en: "no responsibility table (no header row with step name and responsible party)")),
        Rule("handbook.import.no-steps", .warning, Phrase("表头下没有步骤", en: "no step under a table's header")),
        Rule("handbook.import.no-step-name", .warning, Phrase("一行没有步骤名称，未导入", en: "a row without a step name is not imported")),
        Rule("handbook.import.step-id", .warning, Phrase("步骤编号重复或不可用，已改写", en: "a repeated or unusable step number was rewritten")),
        Rule("handbook.import.no-responsible", .warning, Phrase("步骤没有责任部门/岗位", en: "a step has no responsible party")),
        Rule("handbook.import.composite-party", .warning, Phrase("责任方一格写了多个部门或岗位，按原文保留", en: "a responsible cell names several parties; kept as written")),
        Rule("handbook.import.party-remark", .warning, Phrase("责任方括号里的说明不是岗位，已略去", en: "a remark in brackets after a party is no role; left out")),
        Rule("handbook.import.unknown-party", .warning, Phrase("部门或岗位在手册中找不到，按原文保留", en: "a department or role not in the handbook; kept as written")),
        Rule("handbook.import.unused-cell", .warning, Phrase("没有表头的单元格未导入", en: "a cell under no header is not imported")),
        Rule("handbook.import.owner", .error, Phrase("流程所有者部门不明或不是手册中的部门（用 `--owner` 指定）", en: "the owning department is unclear or not in the handbook (give --owner)")),
        Rule("handbook.import.exists", .error, Phrase("要写的文件已存在，从不覆盖", en: "the file to write exists; it is never overwritten")),
        Rule("handbook.import.write", .error, Phrase("导入结果无法写入", en: "the import cannot be written")),
    ]
}
