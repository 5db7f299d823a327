import Foundation

/// `handbook.json`: the published model for other intranet systems. Only what the site
/// publishes is in it; keys sorted so builds are byte-identical.
enum HandbookJSON {
    struct Export: Encodable {
        var title: String
        var organization: String?
        var language: String
        var departments: [DepartmentExport]
        var processes: [ProcessExport]
    }

    struct DepartmentExport: Encodable {
        var id, name: String
        var parent, head: String?
        var roles: [RoleExport]
        var url: String
    }

    struct RoleExport: Encodable { var id, name: String }

    struct ProcessExport: Encodable {
        var id, title, owner, status: String
        var version, effective, approved_by, review_due, category, summary: String?
        var goals, inputs: [String]
        var steps: [StepExport]
        var url: String
    }

    struct StepExport: Encodable {
        var id, name, responsible, duties: String
        var accountable, deadline, risk: String?
        var input, collaborators, informed, outputs: [String]
        var type: String
        var next: [NextExport]
    }

    struct NextExport: Encodable { var to: String; var when: String? }

    static func encode(_ handbook: Handbook) -> String {
        func party(_ party: Party) -> String { party.roleID.map { "\(party.departmentID)/\($0)" } ?? party.departmentID }
        let export = Export(
            title: handbook.config.title, organization: handbook.config.organization,
            language: handbook.config.language.rawValue,
            departments: handbook.departments.map { department in
                DepartmentExport(id: department.id, name: department.name, parent: department.parentID,
                                 head: department.headRoleID, roles: department.roles.map { RoleExport(id: $0.id, name: $0.name) },
                                 url: Routes.href(Routes.department(department.id)))
            },
            processes: handbook.processes.map { process in
                ProcessExport(
                    id: process.id, title: process.title, owner: process.ownerID, status: process.status.rawValue,
                    version: process.version, effective: process.effective, approved_by: process.approvedBy,
                    review_due: process.reviewDue, category: process.category, summary: process.summary,
                    goals: process.goals, inputs: process.inputs,
                    steps: process.steps.map { step in
                        StepExport(id: step.id, name: step.name, responsible: party(step.responsible), duties: step.dutiesText,
                                   accountable: step.accountable.map(party), deadline: step.deadline, risk: step.risk,
                                   input: step.input, collaborators: step.collaborators.map(party),
                                   informed: step.informed.map(party), outputs: step.outputs, type: step.kind.rawValue,
                                   next: step.next.map { NextExport(to: $0.to ?? "end", when: $0.when) })
                    },
                    url: Routes.href(Routes.process(process.id)))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(export) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
