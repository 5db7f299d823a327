/// Every department and role has a duty in some approved process; every step produces something.
enum CoverageCheck {
    /// Departments and roles with no duty, given every party with a duty in an approved process.
    static func check(departments: [RawDepartment], partiesWithDuty: Set<Party>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for department in departments {
            if !partiesWithDuty.contains(Party(departmentID: department.id.value, roleID: nil)) {
                diagnostics.append(.warning("handbook.department.no-duty",
                    Phrase("\(department.name.value)在已批准的流程里没有任何职责", en: "department \(department.name.value) has no duty in any approved process"), at: department.name.position))
                continue
            }
            for role in department.roles where !partiesWithDuty.contains(Party(departmentID: department.id.value, roleID: role.id.value)) {
                diagnostics.append(.warning("handbook.role.no-duty",
                    Phrase("\(department.name.value)的岗位“\(role.name.value)”在已批准的流程里没有任何职责", en: "role \(department.name.value)/\(role.name.value) has no duty in any approved process"), at: role.name.position))
            }
        }
        return diagnostics
    }

    /// Who takes part in the process: each party as named, and its department as a whole, each
    /// once. A short array, not a set: a process names a handful of parties, and a set per
    /// process (its hash table) was 35 MB at 20,000 processes, kept by `serve` between rebuilds.
    static func parties(of process: Process) -> [Party] {
        var parties: [Party] = []
        func add(_ party: Party) {
            if !parties.contains(party) { parties.append(party) }
        }
        for step in process.steps {
            for (party, _) in step.involvements {
                add(party)
                add(Party(departmentID: party.departmentID, roleID: nil))
            }
        }
        return parties
    }

    /// Steps that produce nothing.
    static func unproductiveSteps(_ raw: RawProcess) -> [Diagnostic] {
        raw.steps.filter(\.outputs.isEmpty).map {
            .warning("handbook.step.no-output", Phrase("\(ReaderWords.step($0.id.value))没有写输出（`outputs`）", en: "step `\($0.id.value)` has no `outputs`"), at: $0.name.position)
        }
    }
}
