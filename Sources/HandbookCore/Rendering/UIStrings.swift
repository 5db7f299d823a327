/// The built-in theme's words, in each supported language. Templates read them as `t.key`.
enum UIStrings {
    static func table(_ language: HandbookConfig.Language) -> [String: String] {
        switch language {
        case .zhCN: zh
        case .en: en
        }
    }

    static let zh: [String: String] = [
        "home": "首页", "processes": "流程", "departments": "部门", "pages": "文档", "training": "培训",
        "owner": "流程所有者", "status": "状态", "version": "版本", "effective": "生效日期",
        "approvedBy": "批准人", "reviewDue": "下次评审", "category": "类别", "summary": "概述",
        "goals": "目标", "inputs": "外部输入", "steps": "流程步骤与职责划分", "changes": "变更记录",
        "feedback": "对本流程提出反馈", "stepNo": "编号", "stepName": "步骤名称", "keyInput": "关键动作/输入",
        "responsible": "责任部门/岗位", "duties": "主要职责", "collaborators": "协同部门",
        "deadline": "完成时限", "outputs": "输出成果", "risk": "备注/风险", "accountable": "批准",
        "informed": "知会", "decision": "决策", "next": "下一步", "end": "结束",
        "parent": "上级部门", "children": "下级部门", "roles": "岗位", "head": "负责人",
        "dutiesTitle": "本部门在各流程中的职责", "owned": "本部门负责的流程", "noDuties": "暂无职责。",
        "involvement": "角色", "R": "负责", "A": "批准", "C": "协同", "I": "知会",
        "checklist": "培训清单", "trainingFor": "岗位培训清单", "departmentTraining": "部门培训清单",
        "printed": "打印日期", "done": "完成", "trainerInitials": "培训师签字",
        "signoff": "签字确认", "trainee": "受训人", "trainer": "培训师", "hr": "人力资源部",
        "signature": "签名", "date": "日期", "name": "姓名", "draft": "草稿", "review": "评审中", "approved": "已批准",
        "retired": "已废止", "draftNotice": "此流程尚未批准，仅供评审。", "notFound": "页面未找到",
        "notFoundText": "您要找的页面不存在，可能已移动或尚未发布。", "backHome": "返回首页",
        "allProcesses": "全部流程", "otherProcesses": "其他", "departmentWide": "全部门",
        "process": "流程", "step": "步骤", "versionShort": "版本", "printChecklist": "打印培训清单",
        "roleChecklists": "各岗位培训清单", "skip": "跳到正文", "allPages": "全部文档", "listSeparator": "、", "feedbackForm": "执行反馈表", "problem": "问题描述", "suggestion": "改进建议",
        "reporter": "反馈人", "feedbackFormIntro": "执行中遇到的问题与改进建议，请逐项填写后交流程所有者。",
        "feedbackReturn": "填写后交回：", "printFeedbackForm": "打印执行反馈表", "search": "搜索", "searchLabel": "搜索流程、步骤、部门、岗位和文档",
        "searchNoScript": "搜索需要启用 JavaScript。", "searchCount": "找到 {n} 条结果", "searchNone": "没有找到结果，请换个关键词试试。",
        "searchPlaceholder": "搜索…", "department": "部门", "role": "岗位", "page": "文档",
        "flowchart": "流程图", "start": "开始", "loopBack": "返回", "raci": "职责矩阵（RACI）",
        "matrix": "职责矩阵", "matrixIntro": "全部流程与部门的职责分配：R 负责，A 批准，C 协同，I 知会。点击字母查看对应步骤。",
        "legend": "图例", "handovers": "交接", "receives": "本部门接收", "handsOn": "本部门移交", "from": "来自", "to": "交给",
        "flowText": "流程文字说明",
    ]

    static let en: [String: String] = [
        "home": "Home", "processes": "Processes", "departments": "Departments", "pages": "Documents", "training": "Training",
        "owner": "Process owner", "status": "Status", "version": "Version", "effective": "Effective",
        "approvedBy": "Approved by", "reviewDue": "Review due", "category": "Category", "summary": "Summary",
        "goals": "Goals", "inputs": "External inputs", "steps": "Steps and responsibilities", "changes": "Change history",
        "feedback": "Give feedback on this process", "stepNo": "No.", "stepName": "Step", "keyInput": "Key action / input",
        "responsible": "Responsible", "duties": "Duties", "collaborators": "Collaborating",
        "deadline": "Deadline", "outputs": "Outputs", "risk": "Notes / risks", "accountable": "Accountable",
        "informed": "Informed", "decision": "Decision", "next": "Next", "end": "End",
        "parent": "Parent department", "children": "Sub-departments", "roles": "Roles", "head": "Head",
        "dutiesTitle": "Duties across processes", "owned": "Processes owned", "noDuties": "No duties yet.",
        "involvement": "Role", "R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed",
        "checklist": "Training checklist", "trainingFor": "Role training checklist", "departmentTraining": "Department training checklist",
        "printed": "Printed", "done": "Done", "trainerInitials": "Trainer initials",
        "signoff": "Sign-off", "trainee": "Trainee", "trainer": "Trainer", "hr": "HR",
        "signature": "Signature", "date": "Date", "name": "Name", "draft": "Draft", "review": "In review", "approved": "Approved",
        "retired": "Retired", "draftNotice": "This process is not approved yet; for review only.", "notFound": "Page not found",
        "notFoundText": "The page you are looking for does not exist, or is not published.", "backHome": "Back to the home page",
        "allProcesses": "All processes", "otherProcesses": "Other", "departmentWide": "Whole department",
        "process": "Process", "step": "Step", "versionShort": "v", "printChecklist": "Print training checklist",
        "roleChecklists": "Checklists per role", "skip": "Skip to content", "allPages": "All documents", "listSeparator": ", ", "feedbackForm": "Execution feedback form", "problem": "Problem", "suggestion": "Suggestion",
        "reporter": "Reported by", "feedbackFormIntro": "Note problems met while carrying out the process and how to improve it; hand the sheet to the process owner.",
        "feedbackReturn": "Return to:", "printFeedbackForm": "Print the execution feedback form", "search": "Search", "searchLabel": "Search processes, steps, departments, roles and documents",
        "searchNoScript": "Search needs JavaScript.", "searchCount": "{n} results", "searchNone": "No results. Try other words.",
        "searchPlaceholder": "Search…", "department": "Department", "role": "Role", "page": "Document",
        "flowchart": "Flowchart", "start": "Start", "loopBack": "back", "raci": "Responsibility matrix (RACI)",
        "matrix": "Responsibility matrix", "matrixIntro": "Who does what across all processes: R responsible, A accountable, C consulted, I informed. Letters link to the steps.",
        "legend": "Legend", "handovers": "Hand-overs", "receives": "Receives", "handsOn": "Hands on", "from": "From", "to": "To",
        "flowText": "The flow in words",
    ]
}
