import HandbookTemplate

extension ViewModels {
    /// The swimlane flowchart of a process, as inline SVG (one per band of a wide chart).
    func flowchart(_ process: Process) -> String {
        let layout = FlowLayout(process: process, laneName: departmentName)
        let english = handbook.config.language == .en
        let words = FlowchartSVG.Words(
            title: "\(strings["flowchart"]!): \(process.title)", start: strings["start"]!, end: strings["end"]!,
            loop: strings["loopBack"]!,
            summary: { steps, lanes in
                english ? "\(steps) steps across \(lanes) departments: " : "共 \(steps) 个步骤，涉及 \(lanes) 个部门："
            },
            part: { [strings] part, parts in "\(strings["flowchart"]!): \(process.title) (\(part)/\(parts))" },
            node: { [self] step in "\(step.id) \(step.name)（\(partyName(step.responsible))）" },
            after: english ? ". The steps in words follow the chart." : "。图下列出各步骤及其流转。")
        return FlowchartSVG.render(layout, process: process, words: words)
    }

    /// "客服部/客服专员", or the department alone when the whole of it is responsible.
    func partyName(_ party: Party) -> String {
        let department = handbook.department(party.departmentID)
        let name = department?.name ?? party.departmentID
        guard let roleID = party.roleID else { return name }
        return "\(name)/\(department?.role(roleID)?.name ?? roleID)"
    }

    /// Where an edge leads, as the step table and the flow in words show it: its condition, and
    /// the step (linked) or 结束. `false`, not "", where there is none: an empty string is truthy.
    func nextItem(_ edge: Step.Edge, names: [String: String]) -> TemplateValue {
        var item: Model = ["when": edge.when.map(TemplateValue.string) ?? false]
        if let to = edge.to {
            item["label"] = .string("\(to) \(names[to] ?? "")")
            item["href"] = .string("#" + Routes.href(Routes.stepAnchor(to)))
        } else {
            item["label"] = .string(strings["end"]!)
            item["href"] = false
        }
        return .object(item)
    }

    /// The flowchart in words, for readers who cannot see it and for phones, where the chart is
    /// an overview: each step with its party, then where it leads ("需补充调查 → 2 …", "→ 结束").
    func flowSteps(_ process: Process, names: [String: String]) -> TemplateValue {
        .list(process.steps.map { step in
            let next = step.next.map { nextItem($0, names: names) }
            return ["id": .string(step.id), "name": .string(step.name), "party": .string(partyName(step.responsible)),
                    "href": .string("#" + Routes.href(Routes.stepAnchor(step.id))),
                    "decision": .bool(step.kind == .decision), "next": .list(next)]
        })
    }

    /// Steps × departments with R, A, C, I; departments in order of first appearance.
    func raciMatrix(_ process: Process) -> TemplateValue {
        // Each step's parties gone through once, into its cells by column (not once per cell):
        // this table is on every process page.
        let involvements = process.steps.map(\.involvements)
        var columns: [String] = []
        for list in involvements {
            for (party, _) in list where !columns.contains(party.departmentID) { columns.append(party.departmentID) }
        }
        let departments = columns.map { handbook.department($0) }
        let rows = process.steps.indices.map { index -> TemplateValue in
            let step = process.steps[index]
            var letters = [Int](repeating: 0, count: columns.count)
            var roles = [[String]](repeating: [], count: columns.count)
            for (party, involvement) in involvements[index] {
                guard let column = columns.firstIndex(of: party.departmentID) else { continue }
                letters[column] |= 1 << involvement.order
                if let name = party.roleID.flatMap({ departments[column]?.role($0)?.name }), !roles[column].contains(name) {
                    roles[column].append(name)
                }
            }
            let cells = columns.indices.map { column -> TemplateValue in
                // Most cells are empty (a step involves a few of the process's departments): one shared value.
                guard letters[column] != 0 else { return Self.emptyCell }
                // `roles` false when no role is named (the whole department takes part): no title.
                // Set either way, so that `{{#roles}}` never finds a `roles` of an enclosing object.
                return ["letters": Self.letterText[letters[column]],
                        "roles": roles[column].isEmpty ? false : .string(roles[column].sorted().joined(separator: "、"))]
            }
            return ["id": .string(step.id), "name": .string(step.name), "anchor": .string(Routes.stepAnchor(step.id)),
                    "cells": .list(cells)]
        }
        return ["columns": TemplateValue(columns.map(departmentLink)), "rows": .list(rows)]
    }

    /// A cell's letters by their bits (`1 << order`), in R, A, C, I order: "RC", "AI", ….
    static let letterText: [TemplateValue] = (0..<1 << Involvement.allCases.count).map { bits in
        .string(Involvement.allCases.filter { bits & 1 << $0.order != 0 }.map(\.rawValue).joined())
    }

    private static let emptyCell: TemplateValue = ["letters": "", "roles": false]
}
