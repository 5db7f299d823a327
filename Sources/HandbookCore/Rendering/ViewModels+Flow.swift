import HandbookTemplate

extension ViewModels {
    /// The swimlane flowchart of a process, as inline SVG.
    func flowchart(_ process: Process) -> String {
        let layout = FlowLayout(process: process, laneName: departmentName)
        let english = handbook.config.language == .en
        let words = FlowchartSVG.Words(
            title: "\(strings["flowchart"]!): \(process.title)", start: strings["start"]!, end: strings["end"]!,
            loop: strings["loopBack"]!,
            summary: { steps, lanes in
                english ? "\(steps) steps across \(lanes) departments: " : "共 \(steps) 个步骤，涉及 \(lanes) 个部门："
            })
        return FlowchartSVG.render(layout, process: process, words: words)
    }

    /// Steps × departments with R, A, C, I; departments in order of first appearance.
    func raciMatrix(_ process: Process) -> TemplateValue {
        // Each step's parties listed once (not once per cell): this table is on every process page.
        let involvements = process.steps.map(\.involvements)
        var columns: [String] = []
        for list in involvements {
            for (party, _) in list where !columns.contains(party.departmentID) { columns.append(party.departmentID) }
        }
        let departments = Dictionary(columns.compactMap { id in handbook.department(id).map { (id, $0) } },
                                     uniquingKeysWith: { first, _ in first })
        let rows = process.steps.indices.map { index -> TemplateValue in
            let step = process.steps[index]
            let cells = columns.map { department -> TemplateValue in
                // Most cells are empty (a step involves a few of the process's departments): one shared value.
                guard involvements[index].contains(where: { $0.0.departmentID == department }) else { return Self.emptyCell }
                var letters: [Involvement] = []
                var roles: [String] = []
                for (party, involvement) in involvements[index] where party.departmentID == department {
                    if !letters.contains(involvement) { letters.append(involvement) }
                    if let name = party.roleID.flatMap({ departments[department]?.role($0)?.name }), !roles.contains(name) {
                        roles.append(name)
                    }
                }
                // `roles` false when no role is named (the whole department takes part): no title.
                // Set either way, so that `{{#roles}}` never finds a `roles` of an enclosing object.
                let text = TemplateValue.string(letters.sorted().map(\.rawValue).joined())
                return ["letters": text, "roles": roles.isEmpty ? false : .string(roles.sorted().joined(separator: "、"))]
            }
            return ["id": .string(step.id), "name": .string(step.name), "anchor": .string(Routes.stepAnchor(step.id)),
                    "cells": .list(cells)]
        }
        return ["columns": TemplateValue(columns.map(departmentLink)), "rows": .list(rows)]
    }

    private static let emptyCell: TemplateValue = ["letters": "", "roles": false]
}
