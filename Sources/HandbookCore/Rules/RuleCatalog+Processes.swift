/// Rules about departments, roles, processes and their steps.
extension RuleCatalog {
    static let references: [Rule] = [
        Rule("handbook.process.unknown-status", .error, Phrase("流程状态不认识", en: "an unknown process status"),
             explanation: Phrase("`status` 只能是 `draft`（草稿）、`review`（评审中）、`approved`（已批准）或 `retired`（已废止）。",
                                 en: "`status` is `draft`, `review`, `approved` or `retired`.")),
        Rule("handbook.step.unknown-type", .error, Phrase("步骤类型不认识", en: "an unknown step type"),
             explanation: Phrase("`type` 只能是 `task`（任务，默认）或 `decision`（判断）。", en: "`type` is `task` (the default) or `decision`.")),
        Rule("handbook.reference.unknown-department", .error, Phrase("没有这个部门（附“是否指”）", en: "no such department (with \"did you mean\")"), explanation: Phrase("""
            `owner`、`responsible` 等处写的部门，须是某个部门文件的 `id` 或 `name`：

                owner: 客户部          ← 是否指“客服部”？
            """, en: """
            A department named in `owner`, `responsible` and the like must be the `id` or `name` of a department file:

                owner: customer-servce       <- did you mean customer-service?
            """)),
        Rule("handbook.reference.unknown-role", .error, Phrase("部门里没有这个岗位（附“是否指”）", en: "the department has no such role (with \"did you mean\")"), explanation: Phrase("""
            `部门/岗位` 里的岗位须是该部门 `roles:` 里某个岗位的 `id` 或 `name`；部门的 `head` 也一样：

                responsible: 客服部/客服主官      ← 是否指“客服主管”？
            """, en: """
            The role in `department/role` must be the `id` or `name` of one of that department's `roles:`; so
            must a department's `head`:

                responsible: customer-service/supervsor      <- did you mean supervisor?
            """)),
        Rule("handbook.reference.role-not-allowed", .error, Phrase("这里只能写部门，不能写岗位", en: "a role where only a department may be"),
             explanation: Phrase("流程的 `owner` 和部门的 `parent` 是部门，不是 `部门/岗位`。",
                                 en: "A process's `owner` and a department's `parent` are departments, not `department/role`.")),
        Rule("handbook.department.duplicate-id", .error, Phrase("两个部门编号相同", en: "two departments with one id")),
        Rule("handbook.department.duplicate-name", .error, Phrase("两个部门名称相同", en: "two departments with one name")),
        Rule("handbook.role.duplicate-id", .error, Phrase("同一部门里两个岗位编号相同", en: "two roles of a department with one id")),
        Rule("handbook.process.duplicate-id", .error, Phrase("两个流程编号相同", en: "two processes with one id"),
             explanation: Phrase("流程编号默认取文件名；两个文件的 `id:` 相同，或一个文件的 `id:` 与另一个的文件名相同，都会冲突。",
                                 en: "A process's id defaults to its file name: two files with one `id:`, or an `id:` equal to another file's name, collide.")),
        Rule("handbook.step.duplicate-id", .error, Phrase("同一流程里两个步骤编号相同", en: "two steps of a process with one id")),
        Rule("handbook.id.invalid", .error, Phrase("编号为空、含 `/`、过长，或步骤编号为 `end`", en: "an id that is empty, contains `/`, is too long, or a step called `end`"), explanation: Phrase("""
            编号会成为网址里的文件夹名：不能为空，不能含 `/`（`/` 分隔部门和岗位），不能长到做不了文件夹名（岗位编号默认取岗位名称，名称很长时请另写 `id`）；`end` 专指流程结束。
            """, en: """
            Ids become folder names in URLs: not empty, no `/` (it separates department and role), not too long
            for a folder name (a role's id defaults to its name; give a long one an `id`); `end` means the end of the flow.
            """)),
        Rule("handbook.department.parent-cycle", .error, Phrase("部门的上级关系绕成了圈", en: "department parents form a cycle")),
        Rule("handbook.department.no-duty", .warning, Phrase("部门在已批准的流程里没有职责", en: "a department with no duty in any approved process")),
        Rule("handbook.role.no-duty", .warning, Phrase("岗位在已批准的流程里没有职责", en: "a role with no duty in any approved process")),
        Rule("handbook.process.approval-incomplete", .warning, Phrase("已批准的流程缺少版本、生效日期或批准人", en: "approved without `version`, `effective` or `approved_by`")),
        Rule("handbook.process.review-overdue", .warning, Phrase("定期评审已过期", en: "the periodic review is overdue"), explanation: Phrase("""
            `review_due` 早于今天（生成网站那天，或 `SOURCE_DATE_EPOCH`）。在 CI 里用 `--strict` 时，它会在日期过去那天变成错误、挡住无关的紧急修改；
            可在 handbook.yml 里设 `rules: {handbook.process.review-overdue: warning}`。
            """, en: """
            `review_due` is before today (the build's date, or `SOURCE_DATE_EPOCH`). Under `--strict` in CI it
            becomes an error the day the date passes and blocks unrelated urgent fixes; handbook.yml can set
            `rules: {handbook.process.review-overdue: warning}`.
            """)),
        Rule("handbook.process.review-before-effective", .error, Phrase("评审到期日早于生效日期", en: "`review_due` before `effective`"),
             explanation: Phrase("这一版还没生效就该评审了，两个日期必有一个写错：\n\n    effective: 2026-03-01\n    review_due: 2026-02-01      ← 多半应是 2027-02-01",
                                 en: "The review would fall due before the version takes effect: one of the dates is mistyped.\n\n    effective: 2026-03-01\n    review_due: 2026-02-01      <- 2027-02-01, most likely")),
    ]

    static let flow: [Rule] = [
        Rule("handbook.process.no-steps", .error, Phrase("流程一个步骤也没有", en: "a process without steps")),
        Rule("handbook.step.no-responsible", .error, Phrase("步骤没有负责人（遗漏）", en: "a step without a responsible party (遗漏)"), explanation: Phrase("""
            每一步必须有且只有一个负责人（R），否则这一步没人做：

                - id: 2
                  name: 调查原因
                  duties: 调查投诉原因
                  responsible: 品保部      ← 缺少这一行
            """, en: """
            Every step has exactly one responsible party (R), or nobody does it:

                - id: 2
                  name: Investigate
                  duties: Find the cause
                  responsible: quality-assurance      <- this line is missing
            """)),
        Rule("handbook.step.several-responsible", .error, Phrase("步骤有多个负责人（重叠）", en: "a step with several responsible parties (重叠)"),
             explanation: Phrase("负责人只能有一个；其他参与者写在 `collaborators`（协作）或 `informed`（知会）里。",
                                 en: "There is one responsible party; others go in `collaborators` or `informed`.")),
        Rule("handbook.step.unknown-next", .error, Phrase("`next` 指向不存在的步骤", en: "`next` names a step the process does not have")),
        Rule("handbook.step.decision-branches", .error, Phrase("判断步骤少于两个分支", en: "a decision with fewer than two branches"), explanation: Phrase("""
            判断步骤（`type: decision`）的 `next` 应列出至少两个分支：

                next:
                  - {to: 3, when: 需退款}
                  - {to: end, when: 无需退款}
            """, en: """
            A decision (`type: decision`) lists at least two branches in `next`:

                next:
                  - {to: 3, when: refund}
                  - {to: end, when: no refund}
            """)),
        Rule("handbook.step.unreachable", .error, Phrase("从第一步走不到这一步", en: "no path from the first step reaches the step")),
        Rule("handbook.step.no-end", .error, Phrase("从这一步走不到流程结束", en: "from the step no path reaches an end"),
             explanation: Phrase("这一步之后的路径绕成了圈，永远到不了 `end`。", en: "The steps after it go round in a circle and never reach `end`.")),
        Rule("handbook.step.broken-handover", .warning, Phrase("步骤的输入不是前面任何一步的输出（衔接不畅）", en: "an input no earlier step outputs and not in `inputs` (衔接不畅)"), explanation: Phrase("""
            一步的 `input` 应是前面某一步的 `outputs` 之一，或整个流程的 `inputs` 之一；否则交接断了：

                - id: 3
                  input: 退回商品        ← 前面没有哪一步输出“退回商品”
            """, en: """
            A step's `input` is one of an earlier step's `outputs` or of the process's `inputs`; otherwise
            the hand-over is broken:

                - id: 3
                  input: returned goods      <- no earlier step outputs "returned goods"
            """)),
        Rule("handbook.step.no-output", .warning, Phrase("步骤没有输出", en: "a step without outputs")),
    ]
}
