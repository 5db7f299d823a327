import Foundation

extension ViewModels {
    func process(_ process: Process) -> [String: Any] {
        var model = frame(title: process.title, kind: "process")
        var meta: [[String: Any]] = [
            ["label": strings["owner"]!, "value": departmentName(process.ownerID), "href": RootLink.to(Routes.department(process.ownerID))],
            ["label": strings["status"]!, "value": strings[process.status.rawValue] ?? process.status.rawValue],
        ]
        let optional: [(String, String?)] = [
            ("version", process.version), ("effective", process.effective), ("approvedBy", process.approvedBy),
            ("reviewDue", process.reviewDue), ("category", process.category),
        ]
        for (key, value) in optional { if let value { meta.append(["label": strings[key]!, "value": value]) } }
        model["process"] = processLink(process)
        model["meta"] = meta
        if let summary = process.summary { model["summary"] = summary }
        model["goals"] = process.goals
        model["hasGoals"] = !process.goals.isEmpty
        if !process.inputs.isEmpty {
            model["inputs"] = list(process.inputs)
            model["hasInputs"] = true
        }
        model["steps"] = process.steps.map { stepRow(process, $0) }
        model["flowchart"] = flowchart(process)
        model["raci"] = raciMatrix(process)
        if !process.bodyHTML.isEmpty { model["body"] = process.bodyHTML }
        if !process.changes.isEmpty {
            model["hasChanges"] = true
            model["changes"] = process.changes.map { change in
                ["version": change.version ?? "", "date": change.date ?? "", "summary": change.summary]
            }
        }
        if let feedback = feedbackLink(process) { model["feedback"] = feedback }
        if process.status != .approved { model["draft"] = true }
        model["feedbackFormHref"] = RootLink.to(Routes.feedbackForm(process.id))
        return model
    }

    /// The printable execution feedback sheet (《执行反馈表》): a row per step, blank rows after.
    func feedbackForm(_ process: Process) -> [String: Any] {
        var model = frame(title: "\(strings["feedbackForm"]!) — \(process.title)", kind: "feedback")
        model["process"] = processLink(process)
        model["steps"] = process.steps.map { ["id": $0.id, "name": $0.name] }
        model["blankRows"] = Array(repeating: ["blank": true], count: 4)
        if process.status != .approved { model["draft"] = true }
        if let feedback = feedbackLink(process) { model["feedback"] = feedback }
        model["printStyle"] = PrintStyle.css(header: runningHeader([process.title, strings["feedbackForm"]!]),
                                             language: handbook.config.language)
        return model
    }

    /// `feedback_url` with `{process}` filled in; only mailto and http(s), never script.
    private func feedbackLink(_ process: Process) -> [String: Any]? {
        guard let template = handbook.config.feedbackURL else { return nil }
        let title = process.title.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?", "#", "+"])) ?? process.title
        let url = template.replacingOccurrences(of: "{process}", with: title)
        guard ["mailto:", "http:", "https:"].contains(where: { url.lowercased().hasPrefix($0) }) else { return nil }
        return ["href": url, "display": url.hasPrefix("mailto:") ? String(url.dropFirst(7).prefix { $0 != "?" }) : url]
    }

    private func stepRow(_ process: Process, _ step: Step) -> [String: Any] {
        var row: [String: Any] = [
            "id": step.id, "anchor": Routes.stepAnchor(step.id), "name": step.name,
            "input": list(step.input), "responsible": partyLink(step.responsible),
            "duties": step.dutiesHTML, "outputs": list(step.outputs),
            "collaborators": step.collaborators.map(partyLink),
        ]
        if let accountable = step.accountable { row["accountable"] = partyLink(accountable) }
        row["informed"] = step.informed.map(partyLink)
        row["hasInformed"] = !step.informed.isEmpty
        row["hasNext"] = false
        if let deadline = step.deadline { row["deadline"] = deadline }
        if let risk = step.risk { row["risk"] = risk }
        if step.kind == .decision { row["decision"] = true }
        let names = Dictionary(process.steps.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let isDefault = step.next.count == 1 && step.next[0].when == nil
            && step.next[0].to == process.steps.firstIndex(where: { $0.id == step.id }).flatMap {
                $0 + 1 < process.steps.count ? process.steps[$0 + 1].id : nil
            }
        if !isDefault {
            row["hasNext"] = true
            row["next"] = step.next.map { edge -> [String: Any] in
                var item: [String: Any] = ["when": edge.when ?? ""]
                if let to = edge.to {
                    item["label"] = "\(to) \(names[to] ?? "")"
                    item["href"] = "#" + Routes.href(Routes.stepAnchor(to))
                } else {
                    item["label"] = strings["end"]!
                }
                return item
            }
        }
        return row
    }
}
