/// `training/plan.csv`: every role's training record as rows for HR's own records system, one
/// row per role and step, with the same steps and the same split (trained and signed, or to
/// know) as the printed sheets. UTF-8 with a byte order mark, so that Excel reads Chinese.
extension ViewModels {
    func trainingPlanCSV() -> String {
        let zh = handbook.config.language == .zhCN
        let header = zh ? ["部门", "岗位", "流程", "版本", "生效日期", "步骤编号", "步骤名称", "职责", "培训要求"]
            : ["Department", "Role", "Process", "Version", "Effective", "Step no.", "Step", "RACI", "Requirement"]
        let trained = zh ? "培训并签字" : "train and sign", known = zh ? "需了解" : "to know"
        var out = "\u{FEFF}" + Self.csvLine(header)
        let steps = stepTable.value
        for department in handbook.departments {
            let sheets: [(String, [DutyIndex.Duty])] = department.roles.isEmpty
                ? [("", duties.duties(of: department.id))]
                : department.roles.map { ($0.name, duties.duties(of: department.id, role: $0.id)) }
            for (role, entries) in sheets {
                for group in dutyGroups(entries) {
                    let process = handbook.processes[group.process]
                    for row in group.rows {
                        let step = steps[row.process, row.step]
                        let letters = Involvement.allCases.filter { row.letters & 1 << $0.order != 0 }.map(\.rawValue).joined()
                        out += Self.csvLine([department.name, role, process.title, process.version ?? "", process.effective ?? "",
                                             step.id, step.name, letters, row.letters & Self.trainedLetters != 0 ? trained : known])
                    }
                }
            }
        }
        return out
    }

    /// One CSV record (RFC 4180), CRLF-ended. A cell that a spreadsheet would take for a formula
    /// (`=`, `+`, `-`, `@` first) is kept as text with a leading apostrophe.
    static func csvLine(_ cells: [String]) -> String {
        cells.map { cell in
            var text = cell
            if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
