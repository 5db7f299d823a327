/// Department → every step it (or one of its roles) takes part in, built once in a single
/// pass over all published steps, so no page has to loop over every process.
struct DutyIndex: Sendable {
    struct Duty: Sendable {
        var processIndex: Int
        var stepIndex: Int
        var party: Party
        var involvement: Involvement
    }

    /// Where the flow passes from one department to another (步骤 → 步骤), with what.
    struct HandOver: Sendable {
        var processIndex: Int
        var fromStep: Int
        var toStep: Int
        var from: String
        var to: String
        var items: [String]
    }

    private(set) var byDepartment: [String: [Duty]] = [:]
    private(set) var ownedProcesses: [String: [Int]] = [:]
    private(set) var received: [String: [HandOver]] = [:]
    private(set) var handedOn: [String: [HandOver]] = [:]

    init(_ handbook: Handbook) {
        for (p, process) in handbook.processes.enumerated() {
            ownedProcesses[process.ownerID, default: []].append(p)
            let index = Dictionary(process.steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            for (s, step) in process.steps.enumerated() {
                for edge in step.next {
                    guard let t = edge.to.flatMap({ index[$0] }) else { continue }
                    let target = process.steps[t]
                    let from = step.responsible.departmentID, to = target.responsible.departmentID
                    guard from != to else { continue }
                    let passed = step.outputs.filter(target.input.contains)
                    let handOver = HandOver(processIndex: p, fromStep: s, toStep: t, from: from, to: to,
                                            items: passed.isEmpty ? step.outputs : passed)
                    handedOn[from, default: []].append(handOver)
                    received[to, default: []].append(handOver)
                }
            }
            for (s, step) in process.steps.enumerated() {
                for (party, involvement) in step.involvements {
                    byDepartment[party.departmentID, default: []].append(
                        Duty(processIndex: p, stepIndex: s, party: party, involvement: involvement))
                }
            }
        }
    }

    func duties(of departmentID: String) -> [Duty] { byDepartment[departmentID] ?? [] }

    /// A role's duties: those naming the role, and (unless `onlyNamed`) those given to its
    /// whole department.
    func duties(of departmentID: String, role roleID: String, onlyNamed: Bool = false) -> [Duty] {
        duties(of: departmentID).filter { $0.party.roleID == roleID || (!onlyNamed && $0.party.roleID == nil) }
    }

    /// Duties given to the department as a whole, not to one of its roles.
    func departmentWideDuties(of departmentID: String) -> [Duty] {
        duties(of: departmentID).filter { $0.party.roleID == nil }
    }
}

