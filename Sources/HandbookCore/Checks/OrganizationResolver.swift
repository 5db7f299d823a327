/// Departments: parent and head resolved, parent cycles refused.
enum OrganizationResolver {
    struct Resolved {
        var departments: [String: (parent: String?, head: String?)] = [:]
    }

    static func resolve(_ directory: Directory, diagnostics: inout [Diagnostic]) -> Resolved {
        var resolved = Resolved()
        for department in directory.departments.values.sorted(by: { $0.id.value < $1.id.value }) {
            var parent: String?
            if let reference = department.parent {
                switch directory.party(reference, allowRole: false) {
                case .success(let party): parent = party.departmentID
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
            var head: String?
            if let reference = department.head {
                if let role = department.roles.first(where: { $0.id.value == reference.value || $0.name.value == reference.value }) {
                    head = role.id.value
                } else {
                    diagnostics.append(.error("handbook.reference.unknown-role",
                        Phrase("\(department.name.value)的负责人“\(reference.value)”不是本部门的岗位", en: "unknown role `\(reference.value)` as head of \(department.name.value)"), at: reference.position,
                        notes: Suggestion.note(for: reference.value, in: department.roles.map(\.name.value))))
                }
            }
            resolved.departments[department.id.value] = (parent, head)
        }
        // Parent cycles: walk up from each department; report once per cycle, at its smallest id.
        var reported = Set<String>()
        for id in resolved.departments.keys.sorted() {
            var path: [String] = [id]
            var current = resolved.departments[id]?.parent
            while let next = current, path.count <= resolved.departments.count {
                if next == id {
                    let cycle = Set(path)
                    if reported.isDisjoint(with: cycle), let raw = directory.departments[id], let at = raw.parent {
                        reported.formUnion(cycle)
                        diagnostics.append(.error("handbook.department.parent-cycle",
                            Phrase("部门的上级关系绕成了圈：\((path + [id]).map { "`\($0)`" }.joined(separator: " → "))", en: "department parents form a cycle: \((path + [id]).joined(separator: " → "))"), at: at.position))
                    }
                    break
                }
                path.append(next)
                current = resolved.departments[next]?.parent
            }
        }
        for id in reported { resolved.departments[id]?.parent = nil }
        return resolved
    }
}
