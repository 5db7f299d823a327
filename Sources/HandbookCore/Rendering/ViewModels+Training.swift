import Foundation

extension ViewModels {
    /// A role's checklist (its own duties and the department-wide ones), or for the department
    /// a booklet: a cover, the department-wide duties, then each role's own duties, each
    /// starting on a new page, so nothing is printed twice.
    func training(_ department: Department, role: Role?) -> [String: Any] {
        let heading = role.map { "\(department.name) · \($0.name)" } ?? department.name
        var model = frame(title: "\(heading) — \(strings["checklist"]!)", kind: "training")
        model["heading"] = heading
        model["department"] = departmentLink(department.id)
        var sheets: [[String: Any]] = []
        if let role {
            sheets.append(sheet(department, role: role, number: 1))
        } else if department.roles.isEmpty {
            sheets.append(sheet(department, role: nil, number: 1))
        } else {
            model["cover"] = [
                "roles": department.roles.map { ["name": $0.name, "href": RootLink.to(Routes.training(department.id, role: $0.id))] },
            ] as [String: Any]
            let wide = duties.departmentWideDuties(of: department.id)
            if !wide.isEmpty { sheets.append(sheet(department, role: nil, number: 1, entries: wide)) }
            for role in department.roles {
                sheets.append(sheet(department, role: role, number: sheets.count + 1,
                                    entries: duties.duties(of: department.id, role: role.id, onlyNamed: true)))
            }
        }
        model["sheets"] = sheets
        model["draft"] = sheets.contains { $0["draft"] as? Bool == true }
        let pages = sheets.map { (name: $0["pageName"] as! String, header: $0["runningHeader"] as! String) }
        model["printStyle"] = PrintStyle.css(header: runningHeader([heading]), language: handbook.config.language,
                                             namedPages: pages)
        return model
    }

    private func sheet(_ department: Department, role: Role?, number: Int, entries given: [DutyIndex.Duty]? = nil) -> [String: Any] {
        let entries = given ?? role.map { duties.duties(of: department.id, role: $0.id) } ?? duties.duties(of: department.id)
        let groups = dutyGroups(entries).map(withRenderedRows)
        let title = role.map { "\(department.name) · \($0.name)" }
            ?? (department.roles.isEmpty ? department.name : "\(department.name) · \(strings["departmentWide"]!)")
        var sheet: [String: Any] = [
            "title": title, "subtitle": role == nil ? strings["departmentTraining"]! : strings["trainingFor"]!,
            "dutyGroups": groups, "pageName": "sheet\(number)", "runningHeader": runningHeader([title]),
        ]
        sheet["draft"] = groups.contains { $0["draft"] as? Bool == true }
        return sheet
    }

    /// Checklist rows rendered once per step and RACI letters (`checklistRow.mustache`),
    /// then reused by every sheet that lists them.
    private func withRenderedRows(_ group: [String: Any]) -> [String: Any] {
        var group = group
        let rows = (group["rows"] as? [[String: Any]]) ?? []
        group["rows"] = rows.map { row -> [String: Any] in
            let key = row["fragmentKey"] as? String ?? UUID().uuidString
            return ["html": fragments.value(for: key) { renderFragment("checklistRow", row) }]
        }
        return group
    }
}
