/// Which step field a table's column holds, from its header text in Chinese or English.
enum Field: String, CaseIterable, Sendable {
    case id, name, input, responsible, duties, collaborators, deadline, outputs, risk

    /// The words a header may be, or contain, for each field (README, "import"). Tried in
    /// `matchOrder`, so that 协同部门 is not taken for 责任部门 and 步骤编号 not for 步骤名称.
    static let synonyms: [Field: [String]] = [
        .collaborators: ["协同部门", "协同", "配合部门", "配合", "协作", "collaborat", "consulted", "support"],
        .id: ["步骤编号", "编号", "序号", "步骤号", "stepno", "stepno.", "stepnumber", "no.", "no", "nr.", "#", "id", "number", "seq"],
        .name: ["步骤名称", "环节名称", "环节", "步骤", "名称", "活动", "stepname", "step", "activity", "name", "task"],
        .input: ["关键动作/输入", "关键动作", "输入", "input", "keyaction", "action", "trigger"],
        .responsible: ["责任部门/岗位", "责任部门", "责任岗位", "责任主体", "责任人", "负责部门", "负责人", "岗位", "responsible",
                       "responsibility", "owner", "department", "role"],
        .duties: ["主要职责", "职责描述", "职责", "工作内容", "操作内容", "duties", "duty", "description", "tasks"],
        .deadline: ["完成时限", "时限", "期限", "时间要求", "deadline", "timelimit", "due", "timeframe", "sla"],
        .outputs: ["输出成果", "输出", "成果", "交付物", "output", "deliverable", "result"],
        .risk: ["备注", "风险点", "风险", "注意事项", "remark", "risk", "note", "comment"],
    ]

    static let matchOrder: [Field] = [.collaborators, .id, .input, .outputs, .duties, .responsible, .deadline, .risk, .name]

    /// The field a header names, or nil. The text is compared without spaces, case and what
    /// stands in brackets (`责任部门/岗位（示例）`, `备注(如风险点)`); an exact match wins over
    /// one that only contains a synonym.
    static func matching(_ header: String) -> Field? {
        let key = normalized(header)
        guard !key.isEmpty else { return nil }
        for field in matchOrder where synonyms[field]!.contains(key) { return field }
        let bytes = Array(key.utf8)
        for (field, words) in searched {
            for word in words where contains(bytes, word) { return field }
        }
        return nil
    }

    /// The synonyms looked for inside a header, as UTF-8: Chinese words anywhere
    /// (`流程步骤编号`), English ones of four letters or more too (`responsibledepartment`);
    /// shorter ones only as the whole header, so `no` is not found in `notes`.
    private static let searched: [(Field, [[UInt8]])] = matchOrder.map { field in
        (field, synonyms[field]!.filter { word in
            word.unicodeScalars.allSatisfy(\.isASCII) ? word.count >= 4 : word.count > 1
        }.map { Array($0.utf8) })
    }

    /// Byte search: headers are a few dozen bytes, and Foundation's `contains` took most of the
    /// time of a 10,000-row import (every row is tried as a header).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        outer: for start in 0...(haystack.count - needle.count) {
            for offset in 0..<needle.count where haystack[start + offset] != needle[offset] { continue outer }
            return true
        }
        return false
    }

    static func normalized(_ header: String) -> String {
        var result = ""
        var depth = 0
        for character in header.lowercased() {
            switch character {
            case "(", "（", "[", "【": depth += 1
            case ")", "）", "]", "】": depth = max(0, depth - 1)
            case _ where depth > 0 || character.isWhitespace || "*：:_-".contains(character): continue
            default: result.append(character)
            }
        }
        return result
    }
}
