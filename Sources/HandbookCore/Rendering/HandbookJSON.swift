import Foundation

/// `handbook.json`: the published model for other intranet systems. Only what the site
/// publishes is in it; keys sorted so builds are byte-identical.
enum HandbookJSON {
    /// Handed to `flush` in pieces as it is written (151 MB at 20,000 processes); returns the rest.
    static func encode(_ handbook: Handbook, flush: (inout [UInt8]) -> Void) -> [UInt8] {
        func party(_ party: Party) -> String { party.roleID.map { "\(party.departmentID)/\($0)" } ?? party.departmentID }
        // Keys in sorted order, as they are written.
        let departments = JSONText.items(count: handbook.departments.count) { index in
            let department = handbook.departments[index]
            return .object([
                "head": JSONText(department.headRoleID), "id": .string(department.id), "name": .string(department.name),
                "parent": JSONText(department.parentID),
                "roles": .array(department.roles.map { .object(["id": .string($0.id), "name": .string($0.name)]) }),
                "url": .string(Routes.href(Routes.department(department.id))),
            ])
        }
        let processes = JSONText.items(count: handbook.processes.count) { index in
            let process = handbook.processes[index]
            // The version each step last changed in (null: not since the first, or no history).
            let history = handbook.history[process.id]
            let approved = history?.latestChanges == nil ? [] : history?.versions ?? []
            let lastChanged = approved.isEmpty ? [:] : history?.lastChanged ?? [:]
            return .object([
                "approved_by": JSONText(process.approvedBy), "category": JSONText(process.category),
                "confirmations": confirmations(process, in: handbook),
                "effective": JSONText(process.effective), "goals": JSONText(process.goals), "id": .string(process.id),
                "inputs": JSONText(process.inputs), "latest_changes": latestChanges(process, handbook), "owner": .string(process.ownerID),
                "review_due": JSONText(process.reviewDue), "status": .string(process.status.rawValue),
                "steps": .array(process.steps.map { step in
                    .object([
                        "accountable": JSONText(step.accountable.map(party)),
                        "collaborators": JSONText(step.collaborators.map(party)), "deadline": JSONText(step.deadline),
                        "duties": .string(step.dutiesText), "id": .string(step.id), "informed": JSONText(step.informed.map(party)),
                        "input": JSONText(step.input), "last_changed": JSONText(lastChanged[step.id].map { approved[$0].version }),
                        "name": .string(step.name),
                        "next": .array(step.next.map { .object(["to": .string($0.to ?? "end"), "when": JSONText($0.when)]) }),
                        "outputs": JSONText(step.outputs), "responsible": .string(party(step.responsible)),
                        "risk": JSONText(step.risk), "type": .string(step.kind.rawValue),
                    ])
                }),
                "summary": JSONText(process.summary), "title": .string(process.title),
                "url": .string(Routes.href(Routes.process(process.id))), "version": JSONText(process.version),
                "versions": versions(process, handbook),
            ])
        }
        let export: JSONText = .object([
            "departments": departments, "language": .string(handbook.config.language.rawValue),
            "organization": JSONText(handbook.config.organization), "processes": processes,
            "title": .string(handbook.config.title),
        ])
        var out: [UInt8] = []
        out.reserveCapacity(OutputFile.chunk * 2)
        withoutActuallyEscaping(flush) { export.write(into: &out, pretty: true, flush: $0) }
        out.append(UInt8(ascii: "\n"))
        return out
    }
}
