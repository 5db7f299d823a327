extension ViewModels {
    /// The whole organisation: processes × departments, each cell's letters with the steps
    /// behind them. Built from the duty index, one pass over all duties.
    func matrix() -> [String: Any] {
        var model = frame(title: strings["matrix"]!, kind: "matrix")
        let departments = handbook.departments
        let column = Dictionary(departments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // cells[process][department] = letter → step indexes
        var cells = [[[Involvement: [Int]]]](repeating: Array(repeating: [:], count: departments.count),
                                              count: handbook.processes.count)
        for department in departments {
            for duty in duties.duties(of: department.id) {
                guard let c = column[department.id] else { continue }
                var steps = cells[duty.processIndex][c][duty.involvement, default: []]
                if steps.last != duty.stepIndex { steps.append(duty.stepIndex) }
                cells[duty.processIndex][c][duty.involvement] = steps
            }
        }
        model["columns"] = departments.map { departmentLink($0.id) }
        model["rows"] = handbook.processes.enumerated().map { p, process -> [String: Any] in
            var row = processLink(process)
            row["cells"] = cells[p].map { cell -> [String: Any] in
                ["groups": cell.keys.sorted().map { letter -> [String: Any] in
                    ["letter": letter.rawValue, "label": strings[letter.rawValue] ?? "",
                     "steps": cell[letter]!.map { ["id": process.steps[$0].id, "name": process.steps[$0].name,
                                                   "href": stepHref(process, process.steps[$0])] }]
                }]
            }
            return row
        }
        return model
    }
}
