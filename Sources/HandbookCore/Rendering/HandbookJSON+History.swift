/// A process's versions from git in `handbook.json`, and the structured changes of its latest
/// version: what another system needs to ask "who must be retrained". Absent without history.
extension HandbookJSON {
    static func versions(_ process: Process, _ handbook: Handbook) -> JSONText {
        guard let history = handbook.history[process.id], !history.versions.isEmpty else { return .null }
        return .array(history.versions.map { version in
            .object([
                "approved_by": JSONText(version.approvedBy), "author": .string(version.author),
                "commit": .string(version.commit), "date": .string(version.date),
                "effective": JSONText(version.effective), "message": .string(version.subject),
                "summary": JSONText(version.changeSummary), "version": .string(version.version),
            ])
        })
    }

    static func latestChanges(_ process: Process, _ handbook: Handbook) -> JSONText {
        guard let history = handbook.history[process.id], let changes = history.latestChanges, history.versions.count > 1 else { return .null }
        func steps(_ list: [VersionComparison.StepRef]) -> JSONText {
            .array(list.map { .object(["id": .string($0.id), "name": .string($0.name), "responsible": .string($0.responsible)]) })
        }
        func fields(_ list: [VersionComparison.FieldChange]) -> JSONText {
            .array(list.map { .object(["field": .string($0.field), "new": JSONText($0.new), "old": JSONText($0.old)]) })
        }
        return .object([
            "added": steps(changes.added), "body_changed": .string(changes.bodyChanged ? "true" : "false"),
            "from": .string(history.versions[history.versions.count - 2].version),
            "metadata": fields(changes.metadata),
            "moved": .array(changes.moved.map { .object(["from": .string(String($0.from)), "id": .string($0.id), "to": .string(String($0.to))]) }),
            "removed": steps(changes.removed),
            "renamed": .array(changes.renamed.map { .object(["id": .string($0.id), "new": .string($0.new), "old": .string($0.old)]) }),
            "steps": .array(changes.steps.map { .object(["fields": fields($0.fields), "id": .string($0.id), "name": .string($0.name)]) }),
            "to": .string(history.versions[history.versions.count - 1].version),
        ])
    }
}
