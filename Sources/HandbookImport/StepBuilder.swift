import HandbookCore

/// A step as the process file will say it.
struct ImportedStep: Sendable {
    var id: String
    var name: String
    var input: [String] = []
    var responsible: String = ""
    var collaborators: [String] = []
    var duties: String = ""
    var deadline: String?
    var outputs: [String] = []
    var risk: String?
}

/// A table's rows made into steps: parties matched, lists split, every cell that could not be
/// used reported where it is.
struct StepBuilder {
    var matcher: PartyMatcher
    var diagnostics: [Diagnostic] = []
    /// Departments (and their roles) named by cells but not in the handbook, in order of first
    /// appearance: what `--create-departments` writes.
    var unknown: [(department: String, roles: [String])] = []
    /// How many steps each department is responsible for, for the default owner.
    var responsibleCounts: [String: Int] = [:]

    mutating func steps(_ table: FoundTable) -> [ImportedStep] {
        var steps: [ImportedStep] = []
        var ids = Set<String>()
        for row in table.rows where row.contains(where: { !$0.isEmpty }) {
            guard let step = step(row, table: table, number: steps.count + 1, taken: ids) else { continue }
            ids.insert(step.id)
            steps.append(step)
        }
        return steps
    }

    private mutating func step(_ row: [Cell], table: FoundTable, number: Int, taken: Set<String>) -> ImportedStep? {
        func cell(_ field: Field) -> Cell? {
            table.columns.first { $0.value == field }.flatMap { row.indices.contains($0.key) ? row[$0.key] : nil }
        }
        func text(_ field: Field) -> String? {
            cell(field).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let name = text(.name) else {
            let first = row.first { !$0.isEmpty }!
            let cells = row.filter { !$0.isEmpty }.map { $0.place.described }
            report(.warning("handbook.import.no-step-name",
                Phrase("这一行没有步骤名称，未导入", en: "this row has no step name; not imported"), at: first.place,
                extra: [Phrase("未使用：" + cells.map(\.zh).joined(separator: "、"), en: "not used: " + cells.map(\.en).joined(separator: ", "))]))
            return nil
        }
        var id = text(.id).map(Self.number) ?? String(number)
        if taken.contains(id) || id.contains("/") || id == "end" {
            let place = (cell(.id) ?? cell(.name)!).place
            let renamed = Self.freeID(String(number), taken: taken)
            report(.warning("handbook.import.step-id",
                Phrase("步骤编号 \(id) 重复或不可用，改为 \(renamed)", en: "step number \(id) is repeated or unusable; written as \(renamed)"), at: place))
            id = renamed
        }
        var step = ImportedStep(id: id, name: name)
        step.input = text(.input).map(Self.items) ?? []
        step.duties = text(.duties) ?? ""
        step.deadline = text(.deadline)
        step.outputs = text(.outputs).map(Self.items) ?? []
        var notes = text(.risk).map { [$0] } ?? []
        if let responsibleCell = cell(.responsible), !responsibleCell.isEmpty {
            step.responsible = party(responsibleCell)
        } else {
            let place = cell(.name)!.place
            report(.warning("handbook.import.no-responsible",
                Phrase("步骤「\(name)」没有责任部门/岗位；写入后 check 会报错，请补上", en: "step \(name) has no responsible party; check will report it until one is written"), at: place))
        }
        if let collaborators = cell(.collaborators), !collaborators.isEmpty {
            step.collaborators = Self.items(collaborators.text).map { item in
                let resolution = matcher.resolve(item)
                if case .unknown(_, _, let suggestion) = resolution.outcome {
                    report(.warning("handbook.import.unknown-party",
                        Phrase("协同部门「\(item)」在手册中找不到，按原文保留", en: "collaborator \(item) is not in the handbook; kept as written"),
                        at: collaborators.place, notes: suggestion.map { [Phrase("是不是「\($0)」？", en: "did you mean \($0)?")] } ?? []))
                }
                return resolution.reference
            }
        }
        for (column, header) in table.extra.sorted(by: { $0.key < $1.key }) where row.indices.contains(column) && !row[column].isEmpty {
            notes.append("\(header)：\(row[column].text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        for (column, cell) in row.enumerated() where !cell.isEmpty && !cell.fromMerge
            && table.columns[column] == nil && table.extra[column] == nil {
            report(.warning("handbook.import.unused-cell",
                Phrase("这一列没有表头，单元格未导入", en: "this cell is under no header; not imported"), at: cell.place))
        }
        step.risk = notes.isEmpty ? nil : notes.joined(separator: "；")
        return step
    }

    private mutating func party(_ cell: Cell) -> String {
        let resolution = matcher.resolve(cell.text)
        switch resolution.outcome {
        case .matched(let department):
            responsibleCounts[department, default: 0] += 1
            if let dropped = resolution.dropped {
                report(.warning("handbook.import.party-remark",
                    Phrase("括号里的「\(dropped)」不是岗位，已略去：责任方写作 \(resolution.reference)",
                           en: "(\(dropped)) is no role; dropped: the responsible party is written as \(resolution.reference)"), at: cell.place))
            }
        case .composite:
            report(.warning("handbook.import.composite-party",
                Phrase("「\(resolution.reference)」是多个责任方；每个步骤只能有一个责任部门/岗位，按原文保留，请选定一个，其余写入协同部门（collaborators）",
                       en: "\(resolution.reference) names several parties, and a step has exactly one responsible party; kept as written: choose one and list the others as collaborators"),
                at: cell.place))
        case .unknown(let department, let role, let suggestion):
            responsibleCounts[department, default: 0] += 1
            if let index = unknown.firstIndex(where: { $0.department == department }) {
                if let role, !unknown[index].roles.contains(role) { unknown[index].roles.append(role) }
            } else {
                unknown.append((department, role.map { [$0] } ?? []))
            }
            report(.warning("handbook.import.unknown-party",
                Phrase("责任方「\(resolution.reference)」在手册中找不到，按原文保留（--create-departments 可建立部门文件）",
                       en: "\(resolution.reference) is no department or role of the handbook; kept as written (--create-departments writes department files)"),
                at: cell.place, notes: suggestion.map { [Phrase("是不是「\($0)」？", en: "did you mean \($0)?")] } ?? []))
        }
        return resolution.reference
    }

    private mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}

extension Diagnostic {
    /// A finding at a cell: the place in words (`cell Sheet1!E7`) is its first note.
    static func warning(_ rule: String, _ message: Phrase, at place: Place, notes: [Phrase] = [], extra: [Phrase] = []) -> Diagnostic {
        .warning(rule, message, at: place.position, notes: [place.described] + notes + extra)
    }
}

extension StepBuilder {
    /// `1`, `1.0` and ` 1 ` are step 1.
    static func number(_ text: String) -> String {
        if let value = Double(text), value.rounded() == value, abs(value) < 1e9 { return String(Int(value)) }
        return text
    }

    // Not the full-width comma: 关键动作 cells are sentences (`调查原因，制定方案`).
    static let listSeparators: Set<Character> = ["、", "；", ";", ",", "\n", "\r\n"]

    static func freeID(_ base: String, taken: Set<String>) -> String {
        var candidate = base, n = 2
        while taken.contains(candidate) { candidate = "\(base)-\(n)"; n += 1 }
        return candidate
    }

    /// A cell listing several things (`分类结果、协同意见`, one per line, `《A》《B》`), split
    /// where no bracket is open: `《评审会议纪要》（含修改意见、附件）` stays whole.
    static func items(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "（", "(", "《", "【", "[", "“", "「": depth += 1; current.append(character)
            case "）", ")", "】", "]", "”", "」": depth = max(0, depth - 1); current.append(character)
            case "》":
                depth = max(0, depth - 1)
                current.append(character)
                if depth == 0, index + 1 < characters.count, characters[index + 1] == "《" {
                    items.append(current); current = ""
                }
            case _ where depth == 0 && Self.listSeparators.contains(character):
                items.append(current); current = ""
            default: current.append(character)
            }
        }
        items.append(current)
        return items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
