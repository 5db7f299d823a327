import Foundation
import HandbookTemplate

extension ViewModels {
    /// A role's training record, or for the department a booklet: a cover, then every role's
    /// record as that role's own page has it (the same sheet, made by the same function), each
    /// starting on a new page. A department without roles has one record of its own.
    ///
    /// A record trains what the role does: the steps it is responsible for (R) or approves (A)
    /// are the items trained and signed; steps where it is only consulted (C) or informed (I)
    /// are listed apart, to know, without sign-off columns. Duties given to the department as a
    /// whole are on every role's record of that department, never on a sheet no trainee owns.
    func training(_ department: Department, role: Role?) -> Model {
        let heading = role.map { "\(department.name) · \($0.name)" } ?? department.name
        var model = frame(title: "\(heading) — \(strings["checklist"]!)", kind: "training")
        model["heading"] = .string(heading)
        model["department"] = .object(departmentLink(department.id))
        let record = trainingRecord
        model["record"] = record
        // 首页 › 培训 › 客服部 (› 客服专员)
        let trail = [(strings["training"]!, RootLink.to(Routes.trainingIndex))]
        model["breadcrumbs"] = role.map { breadcrumbs(trail + [(department.name, RootLink.to(Routes.training(department.id)))], current: $0.name) }
            ?? breadcrumbs(trail, current: department.name)
        // The role's page, for the sheet's theme to link (its duties with their hand-overs).
        model["roleHref"] = role.map { .string(RootLink.to(Routes.role(department.id, role: $0.id))) } ?? false
        model["deltaHref"] = role.flatMap { hasDelta(department, $0) ? .string(RootLink.to(Routes.deltaSheet(department.id, role: $0.id))) : nil } ?? false
        var sheets: [Sheet] = []
        if let role {
            sheets.append(sheet(department, role: role))
        } else if department.roles.isEmpty {
            sheets.append(sheet(department, role: nil))
        } else {
            model["cover"] = [
                "roles": .list(department.roles.map {
                    ["name": .string($0.name), "href": .string(RootLink.to(Routes.training(department.id, role: $0.id))),
                     "roleHref": .string(RootLink.to(Routes.role(department.id, role: $0.id)))]
                }),
            ]
            sheets = department.roles.map { sheet(department, role: $0) }
        }
        model["sheets"] = .list(sheets.map { .object($0.model) })
        model["draft"] = .bool(sheets.contains { $0.draft })
        model["printStyle"] = .string(PrintStyle.css(header: runningHeader([heading]), footer: recordFooter, language: handbook.config.language,
                                                     namedPages: sheets.map { ($0.pageName, $0.header) }))
        return model
    }

    private struct Sheet {
        var model: Model
        var pageName: String
        var header: String
        var draft: Bool
    }

    /// `training:` of handbook.yml as templates read it (`record.signers`, …), defaults filled in.
    var trainingRecord: TemplateValue {
        let record = handbook.config.training.resolved(for: handbook.config.language)
        var model: Model = [
            "signers": TemplateValue(record.signers ?? []), "hasSigners": .bool(!(record.signers ?? []).isEmpty),
            "traineeFields": TemplateValue(record.traineeFields ?? []), "hasTraineeFields": .bool(!(record.traineeFields ?? []).isEmpty),
            "rowColumns": TemplateValue(record.rowColumns ?? []),
            "assessment": TemplateValue(record.assessment ?? []), "hasAssessment": .bool(!(record.assessment ?? []).isEmpty),
        ]
        if let number = record.documentNumber { model["documentNumber"] = .string(number) }
        if let mark = record.controlledCopy { model["controlledCopy"] = .string(mark) }
        if let logo = record.logo { model["logo"] = .string(RootLink.to(logo)) }
        return .object(model)
    }

    /// The bottom-left of every printed record page: the form's number, and the content's date
    /// labelled as such (the day of printing is written in the sheet, by the page or by hand).
    private var recordFooter: String {
        ([handbook.config.training.documentNumber].compactMap { $0 } + ["\(strings["contentDate"]!) \(printedDate)"])
            .joined(separator: " · ")
    }

    /// One role's record (or a department's, when it has no roles). Its named page is the
    /// role's place in the department, the same on the role's page and in the booklet, so the
    /// sheet's markup is the same in both.
    private func sheet(_ department: Department, role: Role?) -> Sheet {
        let entries = role.map { duties.duties(of: department.id, role: $0.id) } ?? duties.duties(of: department.id)
        let groups = dutyGroups(entries), steps = stepTable.value, links = processLinkTable
        let title = role.map { "\(department.name) · \($0.name)" } ?? department.name
        let header = runningHeader([title])
        let draft = groups.contains { $0.draft }
        let trained = groups.compactMap { group -> DutyGroup? in
            var kept = group
            kept.rows = group.rows.filter { $0.letters & Self.trainedLetters != 0 }
            return kept.rows.isEmpty ? nil : kept
        }
        let known = groups.compactMap { group -> DutyGroup? in
            var kept = group
            kept.rows = group.rows.filter { $0.letters & Self.trainedLetters == 0 }
            return kept.rows.isEmpty ? nil : kept
        }
        let columns = 5 + (handbook.config.training.resolved(for: handbook.config.language).rowColumns ?? []).count
        let pageName = "record\((role.flatMap { role in department.roles.firstIndex { $0.id == role.id } } ?? 0) + 1)"
        var model: Model = [
            "title": .string(title),
            "subtitle": .string(role == nil ? strings["departmentTraining"]! : strings["trainingFor"]!),
            "trainedGroups": .items(.init(count: trained.count) { [self] in .object(withRenderedRows(trained[$0], steps: steps, links: links)) }),
            "hasTrained": .bool(!trained.isEmpty),
            "knownRows": .list(known.flatMap { knownRows($0, steps: steps) }),
            "hasKnown": .bool(!known.isEmpty), "columnCount": .string(String(columns)),
            "hasDuties": .bool(!groups.isEmpty), "pageName": .string(pageName), "runningHeader": .string(header), "draft": .bool(draft),
            "department": .object(departmentLink(department.id)),
            "roleHref": role.map { .string(RootLink.to(Routes.role(department.id, role: $0.id))) } ?? false,
        ]
        if let role { model["roleName"] = .string(role.name) }
        return Sheet(model: model, pageName: pageName, header: header, draft: draft)
    }

    /// R and A: the letters of a step the role is trained in and signs for.
    static let trainedLetters = 1 << Involvement.responsible.order | 1 << Involvement.accountable.order

    /// Checklist rows rendered once per step and RACI letters (`checklistRow.mustache`),
    /// then reused by every sheet that lists them.
    private func withRenderedRows(_ group: DutyGroup, steps: StepTable, links: [Model]) -> Model {
        let columns = trainingRowColumns
        // The process's link is shared, not copied with the rows added: at 20,000 processes the
        // copies (a retain of every field of a link gone cold) were 14 % of training pages' time.
        return ["processLink": .object(links[group.process]), "rows": .list(group.rows.map { row in
            // The row shows the step, its letters and whether the whole department has it: the
            // cache's key is the letters with that flag above them.
            let wide = row.parties.contains { $0.party.roleID == nil && $0.letters & Self.trainedLetters != 0 }
            let step = steps.index(process: row.process, step: row.step)
            return ["html": .string(fragments.value(step: step, letters: row.letters | (wide ? 1 << 4 : 0)) {
                var model = dutyRowModel(row, steps: steps)
                model["rowColumns"] = columns
                if wide { model["wide"] = .string(strings["departmentWide"]!) }
                return renderFragment("checklistRow", model)
            })]
        })]
    }

    /// The hand-filled columns of each trained row, as many empty cells.
    private var trainingRowColumns: TemplateValue {
        TemplateValue(handbook.config.training.resolved(for: handbook.config.language).rowColumns ?? [])
    }

    /// Steps the role is consulted (C) or informed (I) in: which process and step, who does it,
    /// what comes out. One flat table, each row naming its process: at 2,000 processes a
    /// department's booklet has thousands, and a heading row per process made it pass 1 MB.
    /// Rendered once per step and letters (`knownRow.mustache`; the cache's key has a bit above
    /// the trained rows' flag) and reused by every record and booklet that lists it.
    private func knownRows(_ group: DutyGroup, steps: StepTable) -> [TemplateValue] {
        group.rows.map { row in
            let slot = steps.index(process: row.process, step: row.step)
            return ["html": .string(fragments.value(step: slot, letters: row.letters | 1 << 5) {
                let fact = steps[row.process, row.step]
                let responsible = partyLink(handbook.processes[row.process].steps[row.step].responsible)
                var name = ""
                if case .string(let department)? = responsible["name"] { name = department }
                if case .string(let role)? = responsible["role"] { name += "（\(role)）" }
                var model: Model = [
                    "href": .string(fact.href), "id": .string(fact.id), "name": .string(fact.name),
                    "process": .string(steps.title[row.process]), "draft": .bool(group.draft),
                    "letters": Self.letterText[row.letters], "responsible": .string(name), "outputs": .string(fact.outputs),
                ]
                if group.draft { model["draftLabel"] = .string("\(strings["draft"]!) / DRAFT") }
                return renderFragment("knownRow", model)
            })]
        }
    }
}
