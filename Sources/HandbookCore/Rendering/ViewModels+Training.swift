extension ViewModels {
    /// A role's checklist, or for the department a booklet: a cover, then each role's
    /// checklist on its own pages (with the department-wide duties in each).
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
            sheets = department.roles.enumerated().map { sheet(department, role: $1, number: $0 + 1) }
        }
        model["sheets"] = sheets
        if sheets.contains(where: { $0["draft"] != nil }) { model["draft"] = true }
        let pages = sheets.map { (name: $0["pageName"] as! String, header: $0["runningHeader"] as! String) }
        model["printStyle"] = PrintStyle.css(header: runningHeader([heading]), language: handbook.config.language,
                                             namedPages: pages)
        return model
    }

    private func sheet(_ department: Department, role: Role?, number: Int) -> [String: Any] {
        let entries = role.map { duties.duties(of: department.id, role: $0.id) } ?? duties.duties(of: department.id)
        let groups = dutyGroups(entries)
        let title = role.map { "\(department.name) · \($0.name)" } ?? department.name
        var sheet: [String: Any] = [
            "title": title, "subtitle": role == nil ? strings["departmentTraining"]! : strings["trainingFor"]!,
            "dutyGroups": groups, "pageName": "sheet\(number)", "runningHeader": runningHeader([title]),
        ]
        if groups.contains(where: { $0["draft"] != nil }) { sheet["draft"] = true }
        return sheet
    }
}
