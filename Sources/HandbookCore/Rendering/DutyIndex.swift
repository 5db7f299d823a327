/// Department → every step it (or one of its roles) takes part in, built once in a single
/// pass over all published steps, so no page has to loop over every process.
struct DutyIndex: Sendable {
    struct Duty: Sendable {
        var processIndex: Int
        var stepIndex: Int
        var party: Party
        var involvement: Involvement
    }

    private(set) var byDepartment: [String: [Duty]] = [:]
    private(set) var ownedProcesses: [String: [Int]] = [:]

    init(_ handbook: Handbook) {
        for (p, process) in handbook.processes.enumerated() {
            ownedProcesses[process.ownerID, default: []].append(p)
            for (s, step) in process.steps.enumerated() {
                for (party, involvement) in step.involvements {
                    byDepartment[party.departmentID, default: []].append(
                        Duty(processIndex: p, stepIndex: s, party: party, involvement: involvement))
                }
            }
        }
    }

    func duties(of departmentID: String) -> [Duty] { byDepartment[departmentID] ?? [] }

    /// A role's duties: those naming the role, and those given to its whole department.
    func duties(of departmentID: String, role roleID: String) -> [Duty] {
        duties(of: departmentID).filter { $0.party.roleID == nil || $0.party.roleID == roleID }
    }
}

extension Array where Element == DutyIndex.Duty {
    /// Grouped by process then step, in handbook order, with the RACI letters of each step merged.
    func groupedByProcess() -> [(process: Int, steps: [(step: Int, duties: [DutyIndex.Duty])])] {
        var groups: [(process: Int, steps: [(step: Int, duties: [DutyIndex.Duty])])] = []
        for duty in self {
            if groups.last?.process != duty.processIndex { groups.append((duty.processIndex, [])) }
            if groups[groups.count - 1].steps.last?.step == duty.stepIndex {
                groups[groups.count - 1].steps[groups[groups.count - 1].steps.count - 1].duties.append(duty)
            } else {
                groups[groups.count - 1].steps.append((duty.stepIndex, [duty]))
            }
        }
        return groups
    }
}
