extension ViewModels {
    /// The department's checklist, or one role's when `role` is given.
    func training(_ department: Department, role: Role?) -> [String: Any] {
        let heading = role.map { "\(department.name) · \($0.name)" } ?? department.name
        var model = frame(title: "\(heading) — \(strings["checklist"]!)", kind: "training")
        model["heading"] = heading
        model["department"] = departmentLink(department.id)
        model["subtitle"] = role == nil ? strings["departmentTraining"]! : strings["trainingFor"]!
        if let role { model["role"] = ["name": role.name] } else {
            model["roleLinks"] = department.roles.map {
                ["name": $0.name, "href": RootLink.to(Routes.training(department.id, role: $0.id))]
            }
        }
        let entries = role.map { duties.duties(of: department.id, role: $0.id) } ?? duties.duties(of: department.id)
        let groups = dutyGroups(entries)
        if !groups.isEmpty { model["dutyGroups"] = groups }
        if groups.contains(where: { $0["draft"] != nil }) { model["draft"] = true }
        return model
    }
}
