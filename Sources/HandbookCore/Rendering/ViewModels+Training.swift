import Foundation
import HandbookTemplate

extension ViewModels {
    /// A role's checklist (its own duties and the department-wide ones), or for the department
    /// a booklet: a cover, the department-wide duties, then each role's own duties, each
    /// starting on a new page, so nothing is printed twice.
    func training(_ department: Department, role: Role?) -> Model {
        let heading = role.map { "\(department.name) · \($0.name)" } ?? department.name
        var model = frame(title: "\(heading) — \(strings["checklist"]!)", kind: "training")
        model["heading"] = .string(heading)
        model["department"] = .object(departmentLink(department.id))
        // 首页 › 培训 › 客服部 (› 客服专员)
        let trail = [(strings["training"]!, RootLink.to(Routes.trainingIndex))]
        model["breadcrumbs"] = role.map { breadcrumbs(trail + [(department.name, RootLink.to(Routes.training(department.id)))], current: $0.name) }
            ?? breadcrumbs(trail, current: department.name)
        // The role's page, for the sheet's theme to link (its duties with their hand-overs).
        model["roleHref"] = role.map { .string(RootLink.to(Routes.role(department.id, role: $0.id))) } ?? false
        var sheets: [Sheet] = []
        if let role {
            sheets.append(sheet(department, role: role, number: 1))
        } else if department.roles.isEmpty {
            sheets.append(sheet(department, role: nil, number: 1))
        } else {
            model["cover"] = [
                "roles": .list(department.roles.map {
                    ["name": .string($0.name), "href": .string(RootLink.to(Routes.training(department.id, role: $0.id))),
                     "roleHref": .string(RootLink.to(Routes.role(department.id, role: $0.id)))]
                }),
            ]
            let wide = duties.departmentWideDuties(of: department.id)
            if !wide.isEmpty { sheets.append(sheet(department, role: nil, number: 1, entries: wide)) }
            for role in department.roles {
                sheets.append(sheet(department, role: role, number: sheets.count + 1,
                                    entries: duties.duties(of: department.id, role: role.id, onlyNamed: true)))
            }
        }
        model["sheets"] = .list(sheets.map { .object($0.model) })
        model["draft"] = .bool(sheets.contains { $0.draft })
        model["printStyle"] = .string(PrintStyle.css(header: runningHeader([heading]), language: handbook.config.language,
                                                     namedPages: sheets.map { ($0.pageName, $0.header) }))
        return model
    }

    private struct Sheet {
        var model: Model
        var pageName: String
        var header: String
        var draft: Bool
    }

    private func sheet(_ department: Department, role: Role?, number: Int, entries given: [DutyIndex.Duty]? = nil) -> Sheet {
        let entries = given ?? role.map { duties.duties(of: department.id, role: $0.id) } ?? duties.duties(of: department.id)
        let groups = dutyGroups(entries), steps = stepTable.value, links = processLinkTable
        let title = role.map { "\(department.name) · \($0.name)" }
            ?? (department.roles.isEmpty ? department.name : "\(department.name) · \(strings["departmentWide"]!)")
        let header = runningHeader([title])
        let draft = groups.contains { $0.draft }
        let model: Model = [
            "title": .string(title),
            "subtitle": .string(role == nil ? strings["departmentTraining"]! : strings["trainingFor"]!),
            "dutyGroups": .items(.init(count: groups.count) { [self] in .object(withRenderedRows(groups[$0], steps: steps, links: links)) }),
            "roleHref": role.map { .string(RootLink.to(Routes.role(department.id, role: $0.id))) } ?? false,
            "hasDuties": .bool(!groups.isEmpty), "pageName": .string("sheet\(number)"), "runningHeader": .string(header), "draft": .bool(draft),
        ]
        return Sheet(model: model, pageName: "sheet\(number)", header: header, draft: draft)
    }

    /// Checklist rows rendered once per step and RACI letters (`checklistRow.mustache`),
    /// then reused by every sheet that lists them.
    private func withRenderedRows(_ group: DutyGroup, steps: StepTable, links: [Model]) -> Model {
        // The process's link is shared, not copied with the rows added: at 20,000 processes the
        // copies (a retain of every field of a link gone cold) were 14 % of training pages' time.
        ["processLink": .object(links[group.process]), "rows": .list(group.rows.map { row in
            // The checklist row shows the step and its letters, not the parties: one per step and letters.
            let step = steps.index(process: row.process, step: row.step)
            return ["html": .string(fragments.value(step: step, letters: row.letters) { renderFragment("checklistRow", dutyRowModel(row, steps: steps)) })]
        })]
    }
}
