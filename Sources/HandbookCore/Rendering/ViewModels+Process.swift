import Foundation
import HandbookTemplate

extension ViewModels {
    func process(_ process: Process) -> Model {
        var model = frame(title: process.title, kind: "process")
        var meta: [TemplateValue] = [
            ["label": .string(strings["owner"]!), "value": .string(departmentName(process.ownerID)),
             "href": .string(RootLink.to(Routes.department(process.ownerID)))],
            ["label": .string(strings["status"]!), "value": .string(strings[process.status.rawValue] ?? process.status.rawValue)],
        ]
        let optional: [(String, String?)] = [
            ("version", process.version), ("effective", process.effective), ("approvedBy", process.approvedBy),
            ("reviewDue", process.reviewDue), ("category", process.category),
        ]
        for (key, value) in optional {
            guard let value else { continue }
            var item: Model = ["label": .string(strings[key]!), "value": .string(value), "overdue": false]
            // Said in words beside the date, not by colour alone.
            if key == "reviewDue", case .overdue(let days)? = reviewState(process) {
                item["overdue"] = .string(strings["overdue"]!)
                item["overdueDays"] = .string(counted("daysOverdue", days))
            }
            meta.append(.object(item))
        }
        model["process"] = .object(processLink(alone: process))
        model["breadcrumbs"] = breadcrumbs(processTrail(process), current: process.title)
        model["meta"] = .list(meta)
        if let summary = process.summary { model["summary"] = .string(summary) }
        model["goals"] = TemplateValue(process.goals)
        model["hasGoals"] = .bool(!process.goals.isEmpty)
        if !process.inputs.isEmpty {
            model["inputs"] = .string(list(process.inputs))
            model["hasInputs"] = true
        }
        let names = Dictionary(process.steps.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        model["steps"] = .list(process.steps.indices.map { .object(stepRow(process, at: $0, names: names)) })
        model["flowchart"] = .string(flowchart(process))
        model["flowSteps"] = flowSteps(process, names: names)
        model["raci"] = raciMatrix(process)
        let body = Self.withoutTitle(process.bodyHTML, title: process.title)
        if !body.isEmpty { model["body"] = .string(body) }
        if !process.changes.isEmpty {
            model["hasChanges"] = true
            model["changes"] = .list(process.changes.map { change in
                ["version": .string(change.version ?? ""), "date": .string(change.date ?? ""), "summary": .string(change.summary)]
            })
        }
        if let feedback = feedbackLink(process) { model["feedback"] = .object(feedback) }
        model["confirmations"] = confirmationBlock(process)
        addHistory(to: &model, process)
        if process.status != .approved { model["draft"] = true }
        model["feedbackFormHref"] = .string(RootLink.to(Routes.feedbackForm(process.id)))
        // On paper every page says which process and which version it is.
        let edition = [process.version.map { "\(strings["version"]!) \($0)" }, process.effective.map { "\(strings["effective"]!) \($0)" }]
        model["printStyle"] = .string(PrintStyle.css(header: runningHeader([]),
                                                     footer: ([handbook.config.title, process.title] + edition.compactMap { $0 }).joined(separator: " · "),
                                                     language: handbook.config.language))
        return model
    }

    /// A body that opens with the process's own title as `# 标题` without that heading: the page
    /// already has it as its `<h1>`, and showed it twice. Its anchor stays, for links to it.
    static func withoutTitle(_ html: String, title: String) -> String {
        guard html.hasPrefix("<h1"), let close = html.range(of: "</h1>"),
              let open = html[..<close.lowerBound].firstIndex(of: ">") else { return html }
        let heading = html[html.index(after: open)..<close.lowerBound]
        let text = heading.replacing(/<[^>]*>/, with: "").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        guard text.trimmingCharacters(in: .whitespaces) == title.trimmingCharacters(in: .whitespaces) else { return html }
        let rest = String(html[close.upperBound...].drop { $0.isNewline })
        guard let id = html[..<open].firstMatch(of: /\sid="([^"]*)"/)?.output.1 else { return rest }
        return "<span id=\"\(id)\"></span>" + rest
    }

    /// The printable execution feedback sheet (《执行反馈表》): a row per step, blank rows after.
    func feedbackForm(_ process: Process) -> Model {
        var model = frame(title: "\(strings["feedbackForm"]!) — \(process.title)", kind: "feedback")
        model["process"] = .object(processLink(alone: process))
        model["breadcrumbs"] = breadcrumbs(processTrail(process) + [(process.title, RootLink.to(Routes.process(process.id)))],
                                           current: strings["feedbackForm"]!)
        model["steps"] = .list(process.steps.map { ["id": .string($0.id), "name": .string($0.name)] })
        model["blankRows"] = .list(Array(repeating: ["blank": true], count: 4))
        if process.status != .approved { model["draft"] = true }
        if let feedback = feedbackLink(process) { model["feedback"] = .object(feedback) }
        model["printStyle"] = .string(PrintStyle.css(header: runningHeader([process.title, strings["feedbackForm"]!]),
                                                     language: handbook.config.language))
        return model
    }

    /// `feedback_url` with `{process}` filled in; only mailto and http(s), never script.
    private func feedbackLink(_ process: Process) -> Model? {
        guard let template = handbook.config.feedbackURL else { return nil }
        let title = process.title.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?", "#", "+"])) ?? process.title
        let url = template.filling("{process}", with: title)
        guard ["mailto:", "http:", "https:"].contains(where: { url.lowercased().hasPrefix($0) }) else { return nil }
        return ["href": .string(url), "display": .string(url.hasPrefix("mailto:") ? String(url.dropFirst(7).prefix { $0 != "?" }) : url)]
    }

    /// `names`: step names by id, for the labels of branches.
    private func stepRow(_ process: Process, at index: Int, names: [String: String]) -> Model {
        let step = process.steps[index]
        var row: Model = [
            "id": .string(step.id), "anchor": .string(Routes.stepAnchor(step.id)), "name": .string(step.name),
            "input": .string(list(step.input)), "responsible": .object(partyLink(step.responsible)),
            "duties": .string(step.dutiesHTML), "outputs": .string(list(step.outputs)),
            "collaborators": TemplateValue(step.collaborators.map(partyLink)),
        ]
        if let accountable = step.accountable { row["accountable"] = .object(partyLink(accountable)) }
        row["informed"] = TemplateValue(step.informed.map(partyLink))
        row["hasInformed"] = .bool(!step.informed.isEmpty)
        row["hasNext"] = false
        if let deadline = step.deadline { row["deadline"] = .string(deadline) }
        if let risk = step.risk { row["risk"] = .string(risk) }
        if step.kind == .decision { row["decision"] = true }
        let isDefault = step.next.count == 1 && step.next[0].when == nil
            && step.next[0].to == process.steps.firstIndex(where: { $0.id == step.id }).flatMap {
                $0 + 1 < process.steps.count ? process.steps[$0 + 1].id : nil
            }
        if !isDefault {
            row["hasNext"] = true
            row["next"] = .list(step.next.map { nextItem($0, names: names) })
        }
        return row
    }
}
