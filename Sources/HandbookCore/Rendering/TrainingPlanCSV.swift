/// `training/plan.csv`: every role's training record as rows for HR's own records system, one
/// row per role and step, with the same steps and the same split (trained and signed, or to
/// know) as the printed sheets. UTF-8 with a byte order mark, so that Excel reads Chinese.
extension ViewModels {
    /// Written in pieces as it is made (`flush`), each text made into a CSV cell once: at 2,000
    /// processes the plan is 10 MB, and joining strings cell by cell took 0.6 s of CPU.
    func trainingPlanCSV(flush: (inout [UInt8]) -> Void) -> [UInt8] {
        let zh = handbook.config.language == .zhCN
        let header = zh ? ["部门", "岗位", "流程", "版本", "生效日期", "步骤编号", "步骤名称", "职责", "培训要求"]
            : ["Department", "Role", "Process", "Version", "Effective", "Step no.", "Step", "RACI", "Requirement"]
        let trained = Self.csvCell(zh ? "培训并签字" : "train and sign"), known = Self.csvCell(zh ? "需了解" : "to know")
        let letters = Self.letterText.map { value -> [UInt8] in
            if case .string(let text) = value { return Self.csvCell(text) }
            return []
        }
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(OutputFile.chunk * 2)
        out += Array(Self.csvLine(header).utf8)
        // A process's title, version and effective date, and its steps' id and name, as cells, made once.
        var processCells: [Int: (head: [UInt8], steps: [[UInt8]])] = [:]
        for department in handbook.departments {
            let sheets: [(String, [DutyIndex.Duty])] = department.roles.isEmpty
                ? [("", duties.duties(of: department.id))]
                : department.roles.map { ($0.name, duties.duties(of: department.id, role: $0.id)) }
            for (role, entries) in sheets {
                let who = Self.csvCell(department.name) + [UInt8(ascii: ",")] + Self.csvCell(role) + [UInt8(ascii: ",")]
                for group in dutyGroups(entries) {
                    let cells = processCells[group.process] ?? {
                        let process = handbook.processes[group.process]
                        let head = [process.title, process.version ?? "", process.effective ?? ""].map(Self.csvCell)
                            .joined(separator: [UInt8(ascii: ",")])
                        let made = (Array(head), process.steps.map { Self.csvCell($0.id) + [UInt8(ascii: ",")] + Self.csvCell($0.name) })
                        processCells[group.process] = made
                        return made
                    }()
                    for row in group.rows {
                        out += who
                        out += cells.head
                        out.append(UInt8(ascii: ","))
                        out += cells.steps[row.step]
                        out.append(UInt8(ascii: ","))
                        out += letters[row.letters]
                        out.append(UInt8(ascii: ","))
                        out += row.letters & Self.trainedLetters != 0 ? trained : known
                        out += [13, 10]
                    }
                    if out.count >= OutputFile.chunk { flush(&out) }
                }
            }
        }
        return out
    }

    /// One CSV record (RFC 4180), CRLF-ended.
    static func csvLine(_ cells: [String]) -> String {
        String(decoding: Array(cells.map(csvCell).joined(separator: [UInt8(ascii: ",")])), as: UTF8.self) + "\r\n"
    }

    /// A cell: quoted when it holds a comma, quote or line break. A cell that a spreadsheet would
    /// take for a formula (`=`, `+`, `-`, `@` first) is kept as text with a leading apostrophe.
    static func csvCell(_ cell: String) -> [UInt8] {
        var text = Array(cell.utf8)
        if let first = text.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13].contains(first) {
            text.insert(UInt8(ascii: "'"), at: 0)
        }
        guard text.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return text }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text {
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
            quoted.append(byte)
        }
        quoted.append(UInt8(ascii: "\""))
        return quoted
    }
}
