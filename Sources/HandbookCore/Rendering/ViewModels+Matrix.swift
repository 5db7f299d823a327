import HandbookTemplate

extension ViewModels {
    /// The whole organisation: processes × departments, each cell's letters with the steps
    /// behind them. Built from the duty index, one pass over all duties.
    func matrix() -> Model {
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
        model["columns"] = TemplateValue(departments.map { departmentLink($0.id) })
        // Each row made as the template reaches it: at 20,000 processes × 60 departments the
        // whole table's model no longer fits in the CPU's caches.
        let steps = stepTable.value, links = processLinkTable
        model["rows"] = .items(.init(count: handbook.processes.count) { [self, cells] p in
            var row = links[p]
            row["cells"] = .list(cells[p].map { cell -> TemplateValue in
                // Most cells are empty (a process involves a few of the departments): one shared value.
                guard !cell.isEmpty else { return Self.emptyMatrixCell }
                return ["groups": .list(cell.keys.sorted().map { letter -> TemplateValue in
                    ["letter": .string(letter.rawValue), "label": .string(strings[letter.rawValue] ?? ""),
                     "steps": .list(cell[letter]!.map {
                         let step = steps[p, $0]
                         return ["id": .string(step.id), "name": .string(step.name), "href": .string(step.href)]
                     })]
                })]
            })
            return .object(row)
        })
        return model
    }

    private static let emptyMatrixCell: TemplateValue = ["groups": .list([])]
}
