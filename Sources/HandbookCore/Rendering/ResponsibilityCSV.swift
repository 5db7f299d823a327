/// The responsibility matrix and each department's duties as CSV, beside their pages, for the
/// spreadsheets process owners keep anyway (and for `handbook import` to read back). UTF-8 with
/// a byte order mark so that Excel reads Chinese; cells made safe from formulas as in
/// `training/plan.csv` (`csvCell`).
extension ViewModels {
    /// `matrix/matrix.csv`: a row per step of every published process, a column per department
    /// in the organisation's order, each cell the department's letters on the step with the
    /// role that has them (`R（客服专员）、A（客服主管）`; a letter alone for the whole department).
    func matrixCSV(flush: (inout [UInt8]) -> Void) -> [UInt8] {
        let zh = handbook.config.language == .zhCN
        let tree = departmentsInTreeOrder().map(\.department)
        let column = Dictionary(uniqueKeysWithValues: tree.enumerated().map { ($1.id, $0) })
        let header = (zh ? ["类别", "流程", "版本", "步骤编号", "步骤名称"] : ["Category", "Process", "Version", "Step no.", "Step"])
            + tree.map(\.name)
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out += Array(Self.csvLine(header).utf8)
        for process in handbook.processes {
            let head = [process.category ?? "", process.title, process.version ?? ""].map(Self.csvCell).joined(separator: [UInt8(ascii: ",")])
            for step in process.steps {
                var cells = [[String]](repeating: [], count: tree.count)
                for (party, involvement) in step.involvements {
                    guard let index = column[party.departmentID] else { continue }
                    let role = party.roleID.flatMap { tree[index].role($0)?.name }
                    cells[index].append(involvement.rawValue + (role.map { zh ? "（\($0)）" : " (\($0))" } ?? ""))
                }
                out += head
                for cell in [step.id, step.name] + cells.map({ $0.joined(separator: zh ? "、" : ", ") }) {
                    out.append(UInt8(ascii: ","))
                    out += Self.csvCell(cell)
                }
                out += [13, 10]
            }
            if out.count >= OutputFile.chunk { flush(&out) }
        }
        return out
    }

    /// `departments/<id>/duties.csv`: every step the department or one of its roles takes part
    /// in, a row per role and step, as the department page lists them.
    func departmentDutiesCSV(_ department: Department) -> [UInt8] {
        let zh = handbook.config.language == .zhCN
        let header = zh ? ["流程", "版本", "生效日期", "步骤编号", "步骤名称", "岗位", "RACI", "主要职责", "完成时限", "输出成果"]
            : ["Process", "Version", "Effective", "Step no.", "Step", "Role", "RACI", "Duties", "Deadline", "Outputs"]
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out += Array(Self.csvLine(header).utf8)
        // Duties come in process and step order; a party's letters on one step make one row.
        var rows: [(process: Int, step: Int, role: String?, letters: [Involvement])] = []
        for duty in duties.duties(of: department.id) {
            if let index = rows.lastIndex(where: { $0.process == duty.processIndex && $0.step == duty.stepIndex && $0.role == duty.party.roleID }) {
                rows[index].letters.append(duty.involvement)
            } else {
                rows.append((duty.processIndex, duty.stepIndex, duty.party.roleID, [duty.involvement]))
            }
        }
        for row in rows {
            let process = handbook.processes[row.process], step = process.steps[row.step]
            let role = row.role.flatMap { department.role($0)?.name } ?? (zh ? "全部门" : "Whole department")
            out += Array(Self.csvLine([process.title, process.version ?? "", process.effective ?? "", step.id, step.name, role,
                                       row.letters.sorted().map(\.rawValue).joined(), step.dutiesText, step.deadline ?? "",
                                       step.outputs.joined(separator: zh ? "、" : ", ")]).utf8)
        }
        return out
    }
}
