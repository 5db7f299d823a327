extension ViewModels {
    func department(_ department: Department) -> [String: Any] {
        var model = frame(title: department.name, kind: "department")
        model["department"] = ["name": department.name, "id": department.id]
        if !department.descriptionHTML.isEmpty { model["description"] = department.descriptionHTML }
        if let parent = department.parentID { model["parent"] = departmentLink(parent) }
        let children = handbook.departments.filter { $0.parentID == department.id }
        model["children"] = children.map { departmentLink($0.id) }
        model["hasChildren"] = !children.isEmpty
        model["roles"] = department.roles.map { role -> [String: Any] in
            ["name": role.name, "head": role.id == department.headRoleID,
             "trainingHref": RootLink.to(Routes.training(department.id, role: role.id))]
        }
        model["trainingHref"] = RootLink.to(Routes.training(department.id))
        let owned = duties.ownedProcesses[department.id] ?? []
        model["owned"] = owned.map { processLink(handbook.processes[$0]) }
        model["hasOwned"] = !owned.isEmpty
        let groups = dutyGroups(duties.duties(of: department.id))
        if !groups.isEmpty { model["dutyGroups"] = groups }
        let receives = duties.received[department.id] ?? [], handsOn = duties.handedOn[department.id] ?? []
        model["receives"] = receives.map(handOverRow)
        model["handsOn"] = handsOn.map(handOverRow)
        model["hasReceives"] = !receives.isEmpty
        model["hasHandsOn"] = !handsOn.isEmpty
        return model
    }

    /// "投诉工单: 客服部 → 品保部", with both steps linked.
    private func handOverRow(_ handOver: DutyIndex.HandOver) -> [String: Any] {
        let process = handbook.processes[handOver.processIndex]
        let from = process.steps[handOver.fromStep], to = process.steps[handOver.toStep]
        return [
            "items": list(handOver.items), "process": process.title,
            "from": departmentLink(handOver.from), "to": departmentLink(handOver.to),
            "fromStep": ["label": "\(from.id). \(from.name)", "href": stepHref(process, from)],
            "toStep": ["label": "\(to.id). \(to.name)", "href": stepHref(process, to)],
        ]
    }

    /// Duties grouped by process, one row per step with its RACI letters, for department and
    /// training pages.
    func dutyGroups(_ entries: [DutyIndex.Duty]) -> [[String: Any]] {
        entries.groupedByProcess().map { group in
            let process = handbook.processes[group.process]
            var model = processLink(process)
            model["rows"] = group.steps.map { entry -> [String: Any] in
                let step = process.steps[entry.step]
                let letters = Set(entry.duties.map(\.involvement)).sorted()
                var row: [String: Any] = [
                    "id": step.id, "name": step.name, "href": stepHref(process, step), "duties": step.dutiesHTML,
                    "outputs": list(step.outputs),
                    "letters": letters.map { ["letter": $0.rawValue, "label": strings[$0.rawValue] ?? ""] },
                    "parties": Array(Set(entry.duties.map(\.party))).sorted().map { party -> [String: Any] in
                        var item = partyLink(party)
                        if party.roleID == nil { item["role"] = strings["departmentWide"]! }
                        return item
                    },
                ]
                if let deadline = step.deadline { row["deadline"] = deadline }
                row["fragmentKey"] = "\(group.process)/\(entry.step)/" + letters.map(\.rawValue).joined()
                return row
            }
            return model
        }
    }
}
