import Foundation

/// `handbook.json`: the published model for other intranet systems. Only what the site
/// publishes is in it; keys sorted so builds are byte-identical.
enum HandbookJSON {
    /// Handed to `flush` in pieces as it is written (151 MB at 20,000 processes); returns the rest.
    static func encode(_ handbook: Handbook, flush: (inout [UInt8]) -> Void) -> [UInt8] {
        func party(_ party: Party) -> String { party.roleID.map { "\(party.departmentID)/\($0)" } ?? party.departmentID }
        let departments = JSONText.items(count: handbook.departments.count) { index in
            let department = handbook.departments[index]
            return .object([
                "id": .string(department.id), "name": .string(department.name),
                "parent": JSONText(department.parentID), "head": JSONText(department.headRoleID),
                "roles": .array(department.roles.map { .object(["id": .string($0.id), "name": .string($0.name)]) }),
                "url": .string(Routes.href(Routes.department(department.id))),
            ])
        }
        let processes = JSONText.items(count: handbook.processes.count) { index in
            let process = handbook.processes[index]
            return .object([
                "id": .string(process.id), "title": .string(process.title), "owner": .string(process.ownerID),
                "status": .string(process.status.rawValue),
                "version": JSONText(process.version), "effective": JSONText(process.effective),
                "approved_by": JSONText(process.approvedBy), "review_due": JSONText(process.reviewDue),
                "category": JSONText(process.category), "summary": JSONText(process.summary),
                "goals": JSONText(process.goals), "inputs": JSONText(process.inputs),
                "steps": .array(process.steps.map { step in
                    .object([
                        "id": .string(step.id), "name": .string(step.name), "responsible": .string(party(step.responsible)),
                        "duties": .string(step.dutiesText), "accountable": JSONText(step.accountable.map(party)),
                        "deadline": JSONText(step.deadline), "risk": JSONText(step.risk),
                        "input": JSONText(step.input), "collaborators": JSONText(step.collaborators.map(party)),
                        "informed": JSONText(step.informed.map(party)), "outputs": JSONText(step.outputs),
                        "type": .string(step.kind.rawValue),
                        "next": .array(step.next.map { .object(["to": .string($0.to ?? "end"), "when": JSONText($0.when)]) }),
                    ])
                }),
                "url": .string(Routes.href(Routes.process(process.id))),
            ])
        }
        let export: JSONText = .object([
            "title": .string(handbook.config.title), "organization": JSONText(handbook.config.organization),
            "language": .string(handbook.config.language.rawValue),
            "departments": departments, "processes": processes,
        ])
        var out: [UInt8] = []
        out.reserveCapacity(OutputFile.chunk * 2)
        withoutActuallyEscaping(flush) { export.write(into: &out, pretty: true, flush: $0) }
        out.append(UInt8(ascii: "\n"))
        return out
    }
}
