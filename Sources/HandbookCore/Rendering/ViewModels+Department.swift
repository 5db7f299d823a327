import HandbookTemplate

extension ViewModels {
    func department(_ department: Department) -> Model {
        var model = frame(title: department.name, kind: "department")
        model["department"] = ["name": .string(department.name), "id": .string(department.id)]
        model["breadcrumbs"] = breadcrumbs(departmentTrail(department), current: department.name)
        // A description that opens with `# 部门名` showed the name twice, as two headings.
        let description = Self.withoutTitle(department.descriptionHTML, title: department.name)
        if !description.isEmpty { model["description"] = .string(description) }
        if let parent = department.parentID { model["parent"] = .object(departmentLink(parent)) }
        let children = handbook.departments.filter { $0.parentID == department.id }
        model["children"] = TemplateValue(children.map { departmentLink($0.id) })
        model["hasChildren"] = .bool(!children.isEmpty)
        // No box at all for a department with neither: it showed as an empty grey one.
        model["hasOrg"] = .bool(department.parentID != nil || !children.isEmpty)
        model["roles"] = .list(department.roles.map { role in
            ["name": .string(role.name), "head": .bool(role.id == department.headRoleID),
             "trainingHref": .string(RootLink.to(Routes.training(department.id, role: role.id))),
             "href": .string(RootLink.to(Routes.role(department.id, role: role.id)))]
        })
        model["trainingHref"] = .string(RootLink.to(Routes.training(department.id)))
        model["matrixHref"] = .string(RootLink.to(Routes.matrix(department.id)))
        model["dutiesCSVHref"] = .string(RootLink.to(Routes.departmentDutiesCSV(department.id)))
        model["filterRoles"] = .list(department.roles.map { ["key": .string(Routes.segment($0.id)), "name": .string($0.name)] })
        let owned = duties.ownedProcesses[department.id] ?? []
        let links = processLinkTable, steps = stepTable.value
        model["owned"] = TemplateValue(owned.map { links[$0] })
        model["hasOwned"] = .bool(!owned.isEmpty)
        model["awaiting"] = departmentAwaiting(department.id)
        let groups = dutyGroups(duties.duties(of: department.id))
        model["hasDuties"] = .bool(!groups.isEmpty)
        if !groups.isEmpty {
            // The process's link shared, not copied with the rows added: a copy retains each of
            // its fields, cold in a large handbook (see `withRenderedRows`).
            model["dutyGroups"] = .items(.init(count: groups.count) { [self] index in
                ["processLink": .object(links[groups[index].process]),
                 // What assets/filter.js narrows the table by (a process's id, its rows' roles).
                 "processKey": .string(Routes.segment(handbook.processes[groups[index].process].id)),
                 "rows": TemplateValue(groups[index].rows.map { row in
                     var model = dutyRowModel(row, steps: steps)
                     model["roleKeys"] = .string(Self.roleKeys(row))
                     return model
                 })]
            })
        }
        let receives = duties.received[department.id] ?? [], handsOn = duties.handedOn[department.id] ?? []
        // Made one at a time as the template reaches them, like the duty groups: a department
        // of a large handbook has thousands, nearly half its page.
        model["receives"] = .items(.init(count: receives.count) { [self] in .object(handOverRow(receives[$0], received: true, steps: steps)) })
        model["handsOn"] = .items(.init(count: handsOn.count) { [self] in .object(handOverRow(handsOn[$0], received: false, steps: steps)) })
        model["hasReceives"] = .bool(!receives.isEmpty)
        model["hasHandsOn"] = .bool(!handsOn.isEmpty)
        // Links to the page's sections with their size: at 2,000 processes the hand-overs came
        // after 370,000 px of duties on a phone.
        model["roleCount"] = .string(String(department.roles.count))
        model["ownedCount"] = .string(String(owned.count))
        model["dutiesSize"] = .string(strings["roleStepCount"]!.filling("{n}", with: String(groups.reduce(0) { $0 + $1.rows.count }))
            .filling("{m}", with: String(groups.count)))
        model["hasHandovers"] = .bool(!receives.isEmpty || !handsOn.isEmpty)
        model["handoverCount"] = .string(String(receives.count + handsOn.count))
        // On paper every page names the department and the day its content is from.
        model["printStyle"] = .string(PrintStyle.css(header: runningHeader([]),
                                                     footer: [handbook.config.title, department.name, "\(strings["contentDate"]!) \(printedDate)"].joined(separator: " · "),
                                                     language: handbook.config.language))
        return model
    }

    /// A duty row's `data-roles`: its parties' role ids as path segments (no spaces), `*` for the
    /// department as a whole (a duty of every role).
    static func roleKeys(_ row: DutyRow) -> String {
        row.parties.map { $0.party.roleID.map(Routes.segment) ?? "*" }.joined(separator: " ")
    }

    /// One hand-over on a department's page: what, the other department and its step, and this
    /// department's own step (the row group says which way it goes; the page names the department).
    private func handOverRow(_ handOver: DutyIndex.HandOver, received: Bool, steps: StepTable) -> Model {
        let from = steps[handOver.processIndex, handOver.fromStep], to = steps[handOver.processIndex, handOver.toStep]
        let (own, other) = received ? (to, from) : (from, to)
        return [
            "items": .string(list(handOver.items)), "process": .string(steps.title[handOver.processIndex]),
            "processKey": .string(Routes.segment(handbook.processes[handOver.processIndex].id)),
            // The role of this department's own step, for the role filter.
            "roleKeys": .string(handbook.processes[handOver.processIndex].steps[received ? handOver.toStep : handOver.fromStep]
                .responsible.roleID.map(Routes.segment) ?? "*"),
            "other": .object(departmentLink(received ? handOver.from : handOver.to)),
            "otherStep": ["label": .string("\(other.id). \(other.name)"), "href": .string(other.href)],
            "ownStep": ["label": .string("\(own.id). \(own.name)"), "href": .string(own.href)],
        ]
    }

    /// A process's rows on a department or training page.
    struct DutyGroup: Sendable {
        /// Index in `handbook.processes`.
        var process: Int
        var rows: [DutyRow]
        var draft: Bool
    }

    /// A step with the RACI letters the page's parties have in it; its model is made only when
    /// needed (a training row already rendered on another sheet is not made again).
    struct DutyRow: Hashable, Sendable {
        var process: Int
        var step: Int
        /// R, A, C, I as bits, in `Involvement` order: of the department, all its parties together.
        var letters: Int
        /// Each party with its own letters, so that a cell says which role is R and which A
        /// (one array with the parties, not a second one per row).
        var parties: [(party: Party, letters: Int)]

        static func == (a: DutyRow, b: DutyRow) -> Bool {
            a.process == b.process && a.step == b.step && a.letters == b.letters
                && a.parties.elementsEqual(b.parties) { $0.party == $1.party && $0.letters == $1.letters }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(process); hasher.combine(step); hasher.combine(letters)
            for entry in parties { hasher.combine(entry.party); hasher.combine(entry.letters) }
        }
    }

    /// Duties grouped by process, one row per step with its RACI letters, for department and
    /// training pages. One pass over the duties (they come in handbook order), with each row's
    /// parties gathered in a short list: a step has one or two, and the intermediate arrays and
    /// a set per row were allocations by the hundred thousand on a large handbook.
    func dutyGroups(_ entries: [DutyIndex.Duty]) -> [DutyGroup] {
        let draft = stepTable.value.draft
        var groups: [DutyGroup] = []
        var index = entries.startIndex
        while index < entries.endIndex {
            let process = entries[index].processIndex
            var rows: [DutyRow] = []
            while index < entries.endIndex, entries[index].processIndex == process {
                let step = entries[index].stepIndex
                var letters = 0
                var parties: [(party: Party, letters: Int)] = []
                while index < entries.endIndex, entries[index].processIndex == process, entries[index].stepIndex == step {
                    let bit = 1 << entries[index].involvement.order
                    letters |= bit
                    if let at = parties.firstIndex(where: { $0.party == entries[index].party }) {
                        parties[at].letters |= bit
                    } else {
                        parties.append((entries[index].party, bit))
                    }
                    index += 1
                }
                parties.sort { $0.party < $1.party }
                rows.append(DutyRow(process: process, step: step, letters: letters, parties: parties))
            }
            groups.append(DutyGroup(process: process, rows: rows, draft: draft[process]))
        }
        return groups
    }

    func dutyRowModel(_ row: DutyRow, steps: StepTable) -> Model {
        let step = steps[row.process, row.step]
        var model: Model = [
            "id": .string(step.id), "name": .string(step.name), "href": .string(step.href),
            "duties": .string(step.dutiesHTML), "outputs": .string(step.outputs),
            "letters": letterLists[row.letters],
            "parties": .list(row.parties.map { party, letters in
                // The party's own fields and its letters (`letters` inside `{{#parties}}`).
                guard case .object(var fields) = dutyRowParty(party) else { return dutyRowParty(party) }
                fields["letters"] = letterLists[letters]
                return .object(fields)
            }),
        ]
        if let deadline = step.deadline { model["deadline"] = .string(deadline) }
        model["changed"] = changeMark(process: row.process, step: row.step)
        return model
    }
}
