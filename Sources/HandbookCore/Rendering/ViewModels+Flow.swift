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
        var columns: [String] = []
        for step in process.steps {
            for (party, _) in step.involvements where !columns.contains(party.departmentID) { columns.append(party.departmentID) }
        }
        let rows = process.steps.map { step -> TemplateValue in
            let cells = columns.map { department -> TemplateValue in
                let here = step.involvements.filter { $0.0.departmentID == department }
                let letters = Set(here.map(\.1)).sorted().map(\.rawValue).joined()
                let roles = here.compactMap { party, _ in party.roleID.flatMap { handbook.department(department)?.role($0)?.name } }
                return ["letters": .string(letters), "roles": .string(Array(Set(roles)).sorted().joined(separator: "、"))]
            }
            return ["id": .string(step.id), "name": .string(step.name), "anchor": .string(Routes.stepAnchor(step.id)),
                    "cells": .list(cells)]
        }
        return ["columns": TemplateValue(columns.map(departmentLink)), "rows": .list(rows)]
    }
}
