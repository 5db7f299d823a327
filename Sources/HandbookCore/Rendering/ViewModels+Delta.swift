import HandbookTemplate

/// A role's delta sheet (issue #27): only the steps it is trained and signs for (R, A) that the
/// latest approved version of their process added or changed, with what changed and columns to
/// sign: what HR prints to retrain a role after a revision, instead of the whole record again.
extension ViewModels {
    /// Whether the role has anything to retrain; the sheet is made only then.
    func hasDelta(_ department: Department, _ role: Role) -> Bool {
        !deltaRows(department, role).isEmpty
    }

    private func deltaRows(_ department: Department, _ role: Role) -> [(group: DutyGroup, rows: [(DutyRow, Model)])] {
        guard !handbook.history.isEmpty else { return [] }
        return dutyGroups(duties.duties(of: department.id, role: role.id)).compactMap { group in
            guard handbook.history[handbook.processes[group.process].id]?.latestChanges != nil else { return nil }
            let rows = group.rows.compactMap { row -> (DutyRow, Model)? in
                guard row.letters & Self.trainedLetters != 0, case .object(let mark) = changeMark(process: row.process, step: row.step) else { return nil }
                return (row, mark)
            }
            return rows.isEmpty ? nil : (group, rows)
        }
    }

    func deltaSheet(_ department: Department, _ role: Role) -> Model {
        let heading = "\(department.name) · \(role.name)"
        var model = frame(title: "\(heading) — \(strings["deltaSheet"]!)", kind: "training")
        model["heading"] = .string(heading)
        model["breadcrumbs"] = breadcrumbs([(strings["training"]!, RootLink.to(Routes.trainingIndex)),
                                            (department.name, RootLink.to(Routes.training(department.id))),
                                            (role.name, RootLink.to(Routes.training(department.id, role: role.id)))],
                                           current: strings["deltaSheet"]!)
        model["recordHref"] = .string(RootLink.to(Routes.training(department.id, role: role.id)))
        let steps = stepTable.value
        let links = processLinkTable
        model["groups"] = .list(deltaRows(department, role).map { group, rows in
            let process = handbook.processes[group.process]
            let versions = handbook.history[process.id]?.versions ?? []
            let (old, new) = (versions[versions.count - 2], versions[versions.count - 1])
            return [
                "processLink": .object(links[group.process]),
                "versions": .string("\(old.version) → \(new.version)"),
                "compareHref": .string(Self.comparisonLink(process.id, old: old.version, new: new.version)),
                "rows": .list(rows.map { row, mark in
                    let fact = steps[row.process, row.step]
                    var item: Model = ["id": .string(fact.id), "name": .string(fact.name), "href": .string(fact.href),
                                       "letters": letterLists[row.letters], "changed": .object(mark)]
                    item["deadline"] = fact.deadline.map(TemplateValue.string) ?? false
                    return .object(item)
                }),
            ]
        })
        model["printStyle"] = .string(PrintStyle.css(header: runningHeader([heading, strings["deltaSheet"]!]),
                                                     language: handbook.config.language))
        return model
    }
}
