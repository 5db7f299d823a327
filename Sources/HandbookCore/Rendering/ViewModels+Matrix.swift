import HandbookTemplate

/// The responsibility matrix, split: one page per department (the processes it takes part in ×
/// its roles) and an index (categories × departments in the organisation's order). The whole
/// organisation on one page was 8 MB and 245,000 DOM nodes at 2,000 processes × 60 departments
/// (a department takes part in ~570 of them, each involving ~17 departments: processes ×
/// departments per department would still be 2 MB a page, nearly all empty cells).
extension ViewModels {
    /// Departments in the organisation's order: each parent before its children, siblings in
    /// handbook order, with their depth. Departments no root reaches (none in a checked
    /// handbook) come last.
    func departmentsInTreeOrder() -> [(department: Department, depth: Int)] {
        var children: [String: [Department]] = [:]
        let ids = Set(handbook.departments.map(\.id))
        for department in handbook.departments {
            let parent = department.parentID.flatMap { ids.contains($0) ? $0 : nil } ?? ""
            children[parent, default: []].append(department)
        }
        var out: [(department: Department, depth: Int)] = []
        var seen = Set<String>()
        func visit(_ department: Department, _ depth: Int) {
            guard seen.insert(department.id).inserted else { return }
            out.append((department, depth))
            for child in children[department.id] ?? [] { visit(child, depth + 1) }
        }
        for root in children[""] ?? [] { visit(root, 0) }
        for department in handbook.departments where !seen.contains(department.id) { visit(department, 0) }
        return out
    }

    /// Category names as the home page orders them (named ones sorted, the unnamed last), with
    /// each process's category position.
    func matrixCategories() -> (names: [String], ofProcess: [Int]) {
        let keys = Set(handbook.processes.map { $0.category ?? "" })
        let names = keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }
        let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return (names, handbook.processes.map { position[$0.category ?? ""]! })
    }

    /// `matrix/index.html`: how many processes of each category each department takes part in,
    /// departments as columns in the organisation's order, each leading to its own matrix.
    func matrixIndex() -> Model {
        var model = frame(title: strings["matrix"]!, kind: "matrix")
        model["matrixCSVHref"] = .string(RootLink.to(Routes.matrixCSV))
        let tree = departmentsInTreeOrder()
        let (names, categoryOf) = matrixCategories()
        let departmentColumns: [TemplateValue] = tree.map { entry in
            var link = departmentLink(entry.department.id)
            link["href"] = .string(RootLink.to(Routes.matrix(entry.department.id)))
            link["depth"] = .string(String(entry.depth))
            return .object(link)
        }
        model["columns"] = .list(departmentColumns)
        model["departments"] = .list(departmentColumns)
        // counts[category][column]: processes of the category the department takes part in.
        var counts = [[Int]](repeating: Array(repeating: 0, count: tree.count), count: names.count)
        for (column, entry) in tree.enumerated() {
            var last = -1
            for duty in duties.duties(of: entry.department.id) where duty.processIndex != last {
                last = duty.processIndex
                counts[categoryOf[duty.processIndex]][column] += 1
            }
        }
        let template = strings["matrixCellLabel"]!
        model["rows"] = .list(names.enumerated().map { row, name in
            let label = name.isEmpty ? strings["otherProcesses"]! : name
            return ["name": .string(label), "cells": .list(tree.enumerated().map { column, entry -> TemplateValue in
                let count = counts[row][column]
                guard count > 0 else { return ["count": false] }
                return ["count": .string(String(count)),
                        "href": .string(RootLink.to(Routes.matrix(entry.department.id), fragment: "category-\(row)")),
                        "label": .string(template.filling("{department}", with: entry.department.name)
                            .filling("{category}", with: label).filling("{n}", with: String(count)))]
            })]
        })
        return model
    }

    /// `matrix/departments/<department>/`: every process the department takes part in (grouped by category)
    /// × its roles, and a column for duties given to the department as a whole when it has any.
    /// Each cell's letters link to their steps.
    func matrix(_ department: Department) -> Model {
        var model = frame(title: "\(strings["matrix"]!) · \(department.name)", kind: "matrix")
        model["department"] = .object(departmentLink(department.id))
        model["matrixIndexHref"] = .string(RootLink.to(Routes.matrix))
        // 首页 › 职责矩阵 › 部门: the whole organisation's matrix one tap up (it was one crumb, no link).
        model["breadcrumbs"] = breadcrumbs([(strings["matrix"]!, RootLink.to(Routes.matrix))], current: department.name)
        let entries = duties.duties(of: department.id)
        var column: [String?: Int] = [:]
        var columns: [TemplateValue] = []
        for role in department.roles where column[role.id] == nil {
            column[role.id] = columns.count
            columns.append(["name": .string(role.name)])
        }
        if entries.contains(where: { $0.party.roleID == nil }) {
            column[nil] = columns.count
            columns.append(["name": .string(strings["departmentWide"]!)])
        }
        // A role the department no longer lists (not in a checked handbook): its own column.
        for duty in entries where column[duty.party.roleID] == nil {
            column[duty.party.roleID] = columns.count
            columns.append(["name": .string(duty.party.roleID ?? "")])
        }
        model["columns"] = .list(columns)
        model["span"] = .string(String(columns.count + 1))
        // cells per process (in handbook order, as the duties come): column → letter → steps.
        var processes: [Int] = []
        var cells: [[[Involvement: [Int]]]] = []
        for duty in entries {
            if processes.last != duty.processIndex {
                processes.append(duty.processIndex)
                cells.append(Array(repeating: [:], count: columns.count))
            }
            let c = column[duty.party.roleID]!
            var steps = cells[cells.count - 1][c][duty.involvement, default: []]
            if steps.last != duty.stepIndex { steps.append(duty.stepIndex) }
            cells[cells.count - 1][c][duty.involvement] = steps
        }
        let (names, categoryOf) = matrixCategories()
        var groups: [[Int]] = Array(repeating: [], count: names.count)
        for (row, process) in processes.enumerated() { groups[categoryOf[process]].append(row) }
        let steps = stepTable.value, links = processLinkTable
        let stepWord = strings["step"]!, labels = strings
        model["hasRows"] = .bool(!processes.isEmpty)
        model["groups"] = .list(groups.enumerated().filter { !$0.element.isEmpty }.map { category, rows in
            ["name": .string(names[category].isEmpty ? strings["otherProcesses"]! : names[category]),
             "anchor": .string("category-\(category)"),
             // Made as the template reaches them: a department of a large handbook has hundreds.
             "rows": .items(.init(count: rows.count) { [cells, processes] index in
                 let row = rows[index], p = processes[row]
                 var model = links[p]
                 model["cells"] = .list(cells[row].map { cell -> TemplateValue in
                     guard !cell.isEmpty else { return Self.emptyMatrixCell }
                     return ["groups": .list(cell.keys.sorted().map { letter -> TemplateValue in
                         ["letter": .string(letter.rawValue), "label": .string(labels[letter.rawValue] ?? ""),
                          "steps": .list(cell[letter]!.map {
                              let step = steps[p, $0]
                              return ["id": .string(step.id), "name": .string(step.name), "href": .string(step.href),
                                      "accessibleName": .string("\(stepWord) \(step.id) \(step.name)")]
                          })]
                     })]
                 })
                 return .object(model)
             })]
        })
        return model
    }

    private static let emptyMatrixCell: TemplateValue = ["groups": .list([])]
}
