import HandbookTemplate

/// Departments' confirmations of their duties (issue #29) on the process page (and its print),
/// the department page and the review page. Only when some process records `confirmations:`:
/// a handbook that does not use them shows nothing of them.
extension ViewModels {
    /// `confirmations` for the process page: a row per department with a duty, confirmed (who,
    /// when, which version, carried over or not) or awaiting; false when not shown.
    func confirmationBlock(_ process: Process) -> TemplateValue {
        guard handbook.confirmationsInUse, process.version != nil, !process.confirmations.departments.isEmpty else { return false }
        let rows = process.confirmations.departments
        let done = rows.filter { !$0.awaiting }.count
        return .object([
            "intro": .string(strings["confirmationsIntro"]!.filling("{version}", with: process.version ?? "")),
            "count": .string(strings["confirmationsCount"]!.filling("{done}", with: String(done))
                .filling("{n}", with: String(rows.count))),
            "rows": .list(rows.map { row in
                var item: Model = ["department": .object(departmentLink(row.departmentID)), "awaiting": .bool(row.awaiting)]
                if let confirmation = row.confirmation {
                    item["confirmed"] = .object([
                        "by": .object(partyLink(confirmation.by)), "date": .string(confirmation.date), "version": .string(confirmation.version),
                        "carried": row.carried ? .string(strings["confirmationCarriedNote"]!) : false,
                    ])
                } else {
                    item["version"] = .string(process.version ?? "")
                    item["earlier"] = row.earlier.map { earlier in
                        .string(strings["confirmationEarlier"]!.filling("{version}", with: earlier.version)
                            .filling("{date}", with: earlier.date))
                    } ?? false
                }
                return .object(item)
            }),
        ])
    }

    /// Published processes with a version where a department with a duty has not confirmed it,
    /// by position in `handbook.processes`.
    func awaitingConfirmation() -> [(process: Int, departments: [String])] {
        guard handbook.confirmationsInUse else { return [] }
        return handbook.processes.enumerated().compactMap { index, process in
            guard process.version != nil else { return nil }
            let awaiting = process.confirmations.awaiting
            return awaiting.isEmpty ? nil : (index, awaiting)
        }
    }

    /// `awaiting` for a department's page: the processes it has not confirmed yet.
    func departmentAwaiting(_ departmentID: String) -> TemplateValue {
        let links = processLinkTable
        let list = awaitingConfirmation().filter { $0.departments.contains(departmentID) }
        guard !list.isEmpty else { return false }
        return .object(["processes": .list(list.map { .object(links[$0.process]) })])
    }

    /// `awaiting` for the review page: processes awaiting confirmations, by owning department,
    /// each with the departments it awaits; false when the handbook records none.
    func reviewAwaiting() -> TemplateValue {
        guard handbook.confirmationsInUse else { return false }
        let links = processLinkTable
        let byOwner = Dictionary(grouping: awaitingConfirmation()) { handbook.processes[$0.process].ownerID }
        let groups: [TemplateValue] = handbook.departments.compactMap { department in
            guard let entries = byOwner[department.id] else { return nil }
            return ["department": .object(departmentLink(department.id)),
                    "processes": .list(entries.map { entry in
                        var item = links[entry.process]
                        item["awaitingDepartments"] = TemplateValue(entry.departments.map(departmentLink))
                        return .object(item)
                    })]
        }
        return .object(["groups": .list(groups), "hasGroups": .bool(!groups.isEmpty)])
    }
}
