import HandbookTemplate

/// A role's page: every step it takes part in across all processes (its own and its
/// department's department-wide duties, marked), the steps it is responsible or accountable
/// for first, each with where the work comes from and where it goes, then the steps it is
/// consulted or informed on. What a new employee needs without reading three pages side by side.
extension ViewModels {
    func role(_ department: Department, _ role: Role) -> Model {
        var model = frame(title: "\(role.name) · \(department.name)", kind: "role")
        model["breadcrumbs"] = breadcrumbs(departmentTrail(department, including: true), current: role.name)
        model["thisRole"] = ["name": .string(role.name), "head": .bool(role.id == department.headRoleID)]
        model["department"] = .object(departmentLink(department.id))
        model["trainingHref"] = .string(RootLink.to(Routes.training(department.id, role: role.id)))
        let groups = dutyGroups(duties.duties(of: department.id, role: role.id))
        let leading = 1 << Involvement.responsible.order | 1 << Involvement.accountable.order
        let links = processLinkTable, steps = stepTable.value
        var primary: [TemplateValue] = [], supporting: [TemplateValue] = []
        var primarySteps = 0, supportingSteps = 0
        for group in groups {
            let process = handbook.processes[group.process]
            let (lead, rest) = (group.rows.filter { $0.letters & leading != 0 }, group.rows.filter { $0.letters & leading == 0 })
            primarySteps += lead.count
            supportingSteps += rest.count
            if !lead.isEmpty {
                let flow = Flow(process)
                primary.append(["processLink": .object(links[group.process]), "processKey": .string(Routes.segment(handbook.processes[group.process].id)),
                                "rows": .list(lead.map { .object(leadRow($0, process: process, flow: flow, steps: steps)) })])
            }
            if !rest.isEmpty {
                supporting.append(["processLink": .object(links[group.process]), "processKey": .string(Routes.segment(handbook.processes[group.process].id)), "rows": .list(rest.map { row in
                    // The row shows the letters and whether they are the department's, not the
                    // role's name: the same on every role's page of the department.
                    let key = row.parties.reduce(0) { $0 | $1.letters << ($1.party.roleID == nil ? 4 : 0) }
                    return ["html": .string(roleRows.value(step: steps.index(process: row.process, step: row.step), letters: key) {
                        renderFragment("roleRow", supportRow(row, process: process, steps: steps))
                    })]
                })])
            }
        }
        model["primary"] = .list(primary)
        model["hasPrimary"] = .bool(!primary.isEmpty)
        model["supporting"] = .list(supporting)
        model["hasSupporting"] = .bool(!supporting.isEmpty)
        // At 2,000 processes a role's own steps ran to 92,000 px on a phone before the steps it
        // is consulted on: both sections one tap away, with their size.
        func size(_ steps: Int, _ processes: Int) -> String {
            strings["roleStepCount"]!.filling("{n}", with: String(steps)).filling("{m}", with: String(processes))
        }
        model["primarySize"] = .string(size(primarySteps, primary.count))
        model["supportingSize"] = .string(size(supportingSteps, supporting.count))
        return model
    }

    /// The fields both kinds of row show: the step, its letters per party (the role's own, and
    /// the department's as a whole, marked), duties and deadline.
    private func rowBase(_ row: DutyRow, steps: StepTable) -> Model {
        let step = steps[row.process, row.step]
        var model: Model = [
            "id": .string(step.id), "name": .string(step.name), "href": .string(step.href),
            "duties": .string(step.dutiesHTML), "outputs": .string(step.outputs),
            "parties": .list(row.parties.map { party, letters in
                ["letters": letterLists[letters], "wide": .bool(party.roleID == nil)]
            }),
        ]
        model["deadline"] = step.deadline.map(TemplateValue.string) ?? false
        model["changed"] = changeMark(process: row.process, step: row.step)
        return model
    }

    /// A step the role is responsible or accountable for, with its hand-overs: the steps that
    /// lead to it and their responsible parties (or the process's outside inputs), its input;
    /// the steps it leads to and their parties (or the end), its outputs.
    private func leadRow(_ row: DutyRow, process: Process, flow: Flow, steps: StepTable) -> Model {
        let before = flow.before
        var model = rowBase(row, steps: steps)
        let step = process.steps[row.step]
        model["input"] = step.input.isEmpty ? false : .string(list(step.input))
        model["from"] = .list(before[row.step].map { neighbour($0.step, when: $0.when, process: row.process, in: process, steps: steps) })
        if before[row.step].isEmpty {
            model["fromOutside"] = process.inputs.isEmpty ? .string(strings["processInputs"]!)
                : .string(strings["processInputsList"]!.filling("{items}", with: list(process.inputs)))
        } else {
            model["fromOutside"] = false
        }
        let index = flow.index
        model["to"] = .list(step.next.map { edge -> TemplateValue in
            guard let target = edge.to.flatMap({ index[$0] }) else {
                return ["end": .string(strings["flowEnds"]!), "when": edge.when.map(TemplateValue.string) ?? false,
                        "href": false, "party": false]
            }
            return neighbour(target, when: edge.when, process: row.process, in: process, steps: steps)
        })
        return model
    }

    /// A step the role is consulted or informed on: who does it.
    private func supportRow(_ row: DutyRow, process: Process, steps: StepTable) -> Model {
        var model = rowBase(row, steps: steps)
        model["responsible"] = .object(partyLink(process.steps[row.step].responsible))
        model["t"] = stringsValue
        return model
    }

    /// A step before or after one of the role's, linked, with its responsible party.
    private func neighbour(_ index: Int, when: String?, process processIndex: Int, in process: Process, steps: StepTable) -> TemplateValue {
        let facts = steps[processIndex, index]
        return ["label": .string("\(facts.id). \(facts.name)"), "href": .string(facts.href),
                "party": .object(partyLink(process.steps[index].responsible)),
                "when": when.map(TemplateValue.string) ?? false, "end": false]
    }

    /// A process's steps by id, and for each step the steps whose `next` leads to it (with the
    /// branch's condition), in step order: the edges `DutyIndex` reads hand-overs from. Made once
    /// per process on the page.
    struct Flow {
        let index: [String: Int]
        let before: [[(step: Int, when: String?)]]

        init(_ process: Process) {
            let index = Dictionary(process.steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            var before = Array(repeating: [(step: Int, when: String?)](), count: process.steps.count)
            for (s, step) in process.steps.enumerated() {
                for edge in step.next {
                    if let t = edge.to.flatMap({ index[$0] }) { before[t].append((s, edge.when)) }
                }
            }
            self.index = index
            self.before = before
        }
    }
}
