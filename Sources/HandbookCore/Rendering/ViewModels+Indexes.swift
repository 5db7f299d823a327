import HandbookTemplate

/// The indexes a reader starts from: processes by category, departments in the organisation's
/// tree with their roles, and every training checklist.
extension ViewModels {
    /// Compact rows (title, owner, version, effective date), one list per category, with the
    /// categories as contents at the top: 2,000 processes in well under 1 MB.
    func processIndex() -> Model {
        var model = frame(title: strings["allProcesses"]!, kind: "processIndex")
        model["breadcrumbs"] = breadcrumbs([], current: strings["processes"]!)
        model["intro"] = .string(counted("processIndexIntro", handbook.processes.count))
        let links = processLinkTable
        model["categories"] = .list(processesByCategory().map { name, processes in
            ["name": .string(categoryName(name)), "anchor": .string(Self.categoryAnchor(name)),
             "count": .string(String(processes.count)),
             "processes": .items(.init(count: processes.count) { .object(links[processes[$0]]) })]
        })
        return model
    }

    func departmentIndex() -> Model {
        var model = frame(title: strings["departments"]!, kind: "departmentIndex")
        model["departments"] = .list(departmentTree(parent: nil))
        return model
    }

    /// Departments nested under their parents, top level first, each with its roles.
    private func departmentTree(parent: String?, seen: Set<String> = []) -> [TemplateValue] {
        handbook.departments.filter { $0.parentID == parent && !seen.contains($0.id) }.map { department in
            var item = departmentLink(department.id)
            item["roles"] = .list(department.roles.map { role in
                ["name": .string(role.name), "href": .string(RootLink.to(Routes.role(department.id, role: role.id))),
                 "head": .bool(role.id == department.headRoleID)]
            })
            let children = departmentTree(parent: department.id, seen: seen.union([department.id]))
            item["children"] = .list(children)
            // Always set: a missing key would be looked up in the parent item, recursing forever.
            item["hasChildren"] = .bool(!children.isEmpty)
            return .object(item)
        }
    }

    /// Each department's booklet and each role's sheet, in the organisation's order (parents
    /// before their children).
    func trainingIndex() -> Model {
        var model = frame(title: strings["trainingIndex"]!, kind: "trainingIndex")
        model["breadcrumbs"] = breadcrumbs([], current: strings["training"]!)
        var ordered: [Department] = []
        var placed: Set<String> = []
        func visit(_ parent: String?) {
            for department in handbook.departments where department.parentID == parent && placed.insert(department.id).inserted {
                ordered.append(department)
                visit(department.id)
            }
        }
        visit(nil)
        // Departments under a missing parent (refused by check) would otherwise be left out.
        ordered += handbook.departments.filter { !placed.contains($0.id) }
        model["departments"] = .list(ordered.map { department in
            ["name": .string(department.name), "href": .string(RootLink.to(Routes.training(department.id))),
             "page": .string(RootLink.to(Routes.department(department.id))),
             "roles": .list(department.roles.map { role in
                 ["name": .string(role.name), "href": .string(RootLink.to(Routes.training(department.id, role: role.id))),
                  "roleHref": .string(RootLink.to(Routes.role(department.id, role: role.id)))]
             })]
        })
        return model
    }
}
