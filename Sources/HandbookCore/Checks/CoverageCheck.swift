/// Every department and role has a duty in some approved process; every step produces something.
enum CoverageCheck {
    static func check(departments: [RawDepartment], approved: [Process], raw: [String: RawProcess]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var departmentsWithDuty = Set<String>()
        var rolesWithDuty = Set<Party>()
        for process in approved {
            for step in process.steps {
                for (party, _) in step.involvements {
                    departmentsWithDuty.insert(party.departmentID)
                    rolesWithDuty.insert(party)
                }
            }
        }
        for department in departments {
            if !departmentsWithDuty.contains(department.id.value) {
                diagnostics.append(.warning("handbook.department.no-duty",
                    "department \(department.name.value) has no duty in any approved process", at: department.name.position))
                continue
            }
            for role in department.roles where !rolesWithDuty.contains(Party(departmentID: department.id.value, roleID: role.id.value)) {
                diagnostics.append(.warning("handbook.role.no-duty",
                    "role \(department.name.value)/\(role.name.value) has no duty in any approved process", at: role.name.position))
            }
        }
        for process in raw.values {
            for step in process.steps where step.outputs.isEmpty {
                diagnostics.append(.warning("handbook.step.no-output",
                    "step `\(step.id.value)` has no `outputs`", at: step.name.position))
            }
        }
        return diagnostics
    }
}
