/// Departments and roles, found by id or by exact name, with "did you mean" suggestions.
struct Directory: Sendable {
    private(set) var departments: [String: RawDepartment] = [:]
    private var byName: [String: String] = [:]

    /// Registers departments; duplicate ids and names are diagnostics.
    init(_ raw: [RawDepartment], diagnostics: inout [Diagnostic]) {
        for department in raw {
            if let first = departments[department.id.value] {
                diagnostics.append(.error("handbook.department.duplicate-id",
                    Phrase("部门编号 `\(department.id.value)` 已被 \(first.file.path) 使用", en: "department id `\(department.id.value)` is already used by \(first.file.path)"),
                    at: department.id.position))
                continue
            }
            if let other = byName[department.name.value] {
                diagnostics.append(.error("handbook.department.duplicate-name",
                    Phrase("部门名称“\(department.name.value)”已被部门 `\(other)` 使用", en: "department name `\(department.name.value)` is already used by `\(other)`"),
                    at: department.name.position))
            }
            var seen: [String: Bool] = [:]
            for role in department.roles {
                if seen.updateValue(true, forKey: role.id.value) != nil {
                    diagnostics.append(.error("handbook.role.duplicate-id",
                        Phrase("\(department.name.value)里岗位编号 `\(role.id.value)` 用了两次", en: "role id `\(role.id.value)` appears twice in \(department.name.value)"), at: role.id.position))
                }
            }
            departments[department.id.value] = department
            byName[department.name.value] = byName[department.name.value] ?? department.id.value
        }
    }

    func departmentID(for reference: String) -> String? {
        departments[reference] != nil ? reference : byName[reference]
    }

    /// `dept`, `dept/role`, by id or name. Unknown parts become a diagnostic.
    func party(_ reference: Located<String>, allowRole: Bool = true) -> Result<Party, Diagnostic> {
        // A department whose own name holds a `/` (研发/测试部) is found whole before splitting.
        if let whole = departmentID(for: reference.value) { return .success(Party(departmentID: whole, roleID: nil)) }
        let value = reference.value
        let parts = value.utf8.firstIndex(of: UInt8(ascii: "/")).map {
            [String(value[..<$0]), String(value[value.utf8.index(after: $0)...])]
        } ?? [value]
        guard let departmentID = departmentID(for: parts[0]), let department = departments[departmentID] else {
            let candidates = departments.values.flatMap { [$0.id.value, $0.name.value] }.sorted()
            return .failure(.error("handbook.reference.unknown-department",
                Phrase("没有部门“\(parts[0])”", en: "unknown department `\(parts[0])`"), at: reference.position,
                notes: Suggestion.note(for: parts[0], in: candidates)))
        }
        guard parts.count == 2 else { return .success(Party(departmentID: departmentID, roleID: nil)) }
        guard allowRole else {
            return .failure(.error("handbook.reference.role-not-allowed",
                Phrase("这里应写部门，不能写岗位", en: "expected a department here, not a role"), at: reference.position))
        }
        let roleName = parts[1]
        guard let role = department.roles.first(where: { $0.id.value == roleName })
                ?? department.roles.first(where: { $0.name.value == roleName }) else {
            let candidates = department.roles.flatMap { [$0.id.value, $0.name.value] }
            return .failure(.error("handbook.reference.unknown-role",
                Phrase("\(department.name.value)没有岗位“\(roleName)”", en: "unknown role `\(roleName)` in \(department.name.value)"), at: reference.position,
                notes: Suggestion.note(for: roleName, in: candidates)))
        }
        return .success(Party(departmentID: departmentID, roleID: role.id.value))
    }
}
