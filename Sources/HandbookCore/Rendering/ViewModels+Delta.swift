import HandbookTemplate

/// A role's delta sheet (issue #27): the steps it is trained and signs for (R, A) that an
/// approved version of their process changed after the first, each with the version it last
/// changed in, that version's day and what changed, and columns to sign: what HR prints to
/// retrain a role after a revision, instead of the whole record again. Shown at first, as
/// printed without scripts: only the steps the latest versions changed; `assets/delta.js` shows
/// those changed since a day (`?since=2026-05-01`).
extension ViewModels {
    /// Whether the role has anything to retrain, now or since some day; the sheet is made only then.
    /// Asked by the plan, the role's record and the output-path check: answered once a role.
    func hasDelta(_ department: Department, _ role: Role) -> Bool {
        let key = department.id + "/" + role.id
        if let known = deltaKnown.withLock({ $0[key] }) { return known }
        let has = !deltaRows(department, role).isEmpty
        deltaKnown.withLock { $0[key] = has }
        return has
    }

    /// Each trained row that changed after its process's first version, with the index of the
    /// version it last changed in. Only for processes whose file today is their latest version
    /// (as the marks on role pages: an edit not yet committed marks nothing).
    private func deltaRows(_ department: Department, _ role: Role) -> [(group: DutyGroup, rows: [(row: DutyRow, version: Int)])] {
        guard !handbook.history.isEmpty else { return [] }
        let lastChanged = lastChangedTable.value
        return dutyGroups(duties.duties(of: department.id, role: role.id)).compactMap { group in
            let process = handbook.processes[group.process]
            guard let changed = lastChanged[group.process] else { return nil }
            let rows = group.rows.compactMap { row -> (row: DutyRow, version: Int)? in
                guard row.letters & Self.trainedLetters != 0, let version = changed[process.steps[row.step].id] else { return nil }
                return (row, version)
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
        var latestRows = 0
        model["groups"] = .list(deltaRows(department, role).map { group, rows in
            let process = handbook.processes[group.process]
            let history = handbook.history[process.id]!
            let versions = history.versions
            // The pair of the newest change among its rows: the latest versions', or, for a
            // process whose rows all changed earlier (shown only since a day), the newest of those.
            let newest = rows.map(\.version).max() ?? versions.count - 1
            let (old, new) = (versions[newest - 1], versions[newest])
            let latest = rows.filter { $0.version == versions.count - 1 }.count
            latestRows += latest
            return [
                "processLink": .object(links[group.process]),
                "versions": .string("\(old.version) → \(new.version)"),
                "compareHref": .string(Self.comparisonLink(process.id, old: old.version, new: new.version)),
                "deltaOlder": .bool(latest == 0),
                "rows": .list(rows.map { row, index in
                    let fact = steps[row.process, row.step]
                    let (before, version) = (versions[index - 1], versions[index])
                    let isLatest = index == versions.count - 1
                    // The latest version's rows are marked as on role pages; older ones name their version.
                    let mark = isLatest ? changeMark(process: row.process, step: row.step)
                        : changeMark(history.consecutive[index - 1], step: fact.id, since: before.version,
                                     labels: (strings["deltaNewIn"]!.filling("{v}", with: version.version),
                                              strings["deltaChangedIn"]!.filling("{v}", with: version.version)))
                    let day = ProcessHistory.day(version)
                    var item: Model = ["id": .string(fact.id), "name": .string(fact.name), "href": .string(fact.href),
                                       "letters": letterLists[row.letters], "changed": mark, "deltaOlder": .bool(!isLatest),
                                       "deltaDay": .string(day),
                                       "deltaWhen": .string(strings["deltaWhen"]!.filling("{v}", with: version.version)
                                                        .filling("{date}", with: day)),
                                       "deltaCompareHref": .string(Self.comparisonLink(process.id, old: before.version, new: version.version))]
                    item["deadline"] = fact.deadline.map(TemplateValue.string) ?? false
                    return .object(item)
                }),
            ]
        })
        model["deltaNone"] = .bool(latestRows == 0)
        model["printStyle"] = .string(PrintStyle.css(header: runningHeader([heading, strings["deltaSheet"]!]),
                                                     language: handbook.config.language))
        return model
    }
}
