import HandbookMarkdown

/// One raw process into a resolved `Process`: parties looked up, steps and flow checked,
/// duties rendered as inline Markdown.
struct ProcessResolver: Sendable {
    let directory: Directory
    let links: LinkIndex
    let unsafeHTML: Bool
    /// `serve`'s renders from the previous rebuild.
    var memo: MarkdownMemo?
    /// Whether a department's duties changed since a version it confirmed (issue #29).
    var dutyChanges: DutyChanges = .fromChangeLog

    func resolve(_ raw: RawProcess, bodyHTML: String, diagnostics: inout [Diagnostic]) -> Process {
        var owner = raw.owner.value
        switch directory.party(raw.owner, allowRole: false) {
        case .success(let party): owner = party.departmentID
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        }
        // A missing or mistyped `steps` is already reported where it is written.
        if raw.steps.isEmpty, let at = raw.stepsPosition {
            diagnostics.append(.error("handbook.process.no-steps", Phrase("流程 `\(raw.id.value)` 一个步骤也没有", en: "process `\(raw.id.value)` has no steps"), at: at))
        }
        var stepIDs: Set<String> = []
        stepIDs.reserveCapacity(raw.steps.count)
        for step in raw.steps where !stepIDs.insert(step.id.value).inserted {
            diagnostics.append(.error("handbook.step.duplicate-id",
                Phrase("本流程里步骤编号 `\(step.id.value)` 用了两次", en: "step id `\(step.id.value)` appears twice in this process"), at: step.id.position))
        }
        let steps = raw.steps.enumerated().map { index, step in
            resolveStep(step, following: index + 1 < raw.steps.count ? raw.steps[index + 1].id.value : nil,
                        stepIDs: stepIDs, source: raw.file.contentPath, diagnostics: &diagnostics)
        }
        diagnostics += FlowCheck.check(raw: raw, steps: steps)
        let confirmations = ConfirmationCheck.resolve(raw, steps: steps, directory: directory, dutyChanges: dutyChanges,
                                                      diagnostics: &diagnostics)
        return Process(
            id: raw.id.value, title: raw.title.value, ownerID: owner, status: raw.status,
            version: raw.version?.value, effective: raw.effective?.value, approvedBy: raw.approvedBy?.value,
            reviewDue: raw.reviewDue?.value, category: raw.category, summary: raw.summary,
            goals: raw.goals, inputs: raw.inputs, changes: raw.changes, steps: steps,
            bodyHTML: bodyHTML, source: raw.id.position, confirmations: confirmations)
    }

    private func resolveStep(_ raw: RawStep, following: String?, stepIDs: Set<String>, source: String,
                             diagnostics: inout [Diagnostic]) -> Step {
        func party(_ reference: Located<String>) -> Party? {
            switch directory.party(reference) {
            case .success(let party): return party
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        }
        if raw.responsible.isEmpty {
            diagnostics.append(.error("handbook.step.no-responsible",
                Phrase("\(ReaderWords.step(raw.id.value))没有负责人：职责遗漏", en: "step `\(raw.id.value)` has no responsible party (遗漏)"), at: raw.name.position))
        } else if raw.responsible.count > 1 {
            diagnostics.append(.error("handbook.step.several-responsible",
                Phrase("\(ReaderWords.step(raw.id.value))有 \(raw.responsible.count) 个负责人，只能有一个：职责重叠", en: "step `\(raw.id.value)` has \(raw.responsible.count) responsible parties; exactly one is needed (重叠)"),
                at: raw.responsible[1].position))
        }
        let responsible = raw.responsible.first.flatMap(party)
        let accountable = raw.accountable.flatMap(party)
        let collaborators = raw.collaborators.compactMap(party)
        let informed = raw.informed.compactMap(party)

        var next: [Step.Edge] = []
        if let branches = raw.next {
            for branch in branches {
                if branch.to.value == "end" {
                    next.append(Step.Edge(to: nil, when: branch.when))
                } else if stepIDs.contains(branch.to.value) {
                    next.append(Step.Edge(to: branch.to.value, when: branch.when))
                } else {
                    // Counted as an end so the flow checks do not repeat this error.
                    next.append(Step.Edge(to: nil, when: branch.when))
                    diagnostics.append(.error("handbook.step.unknown-next",
                        Phrase("`next` 指向的步骤 `\(branch.to.value)` 在本流程里不存在", en: "`next` names step `\(branch.to.value)`, which this process does not have"), at: branch.to.position,
                        notes: Suggestion.note(for: branch.to.value, in: stepIDs.sorted() + ["end"])))
                }
            }
        } else {
            next = [Step.Edge(to: following, when: nil)]
        }

        var dutiesHTML = ""
        if let duties = raw.duties {
            let make = { Markdown.renderInline(duties.value, unsafeHTML: unsafeHTML) { links.rewrite($0, from: source) } }
            let rendered = memo?.render("duties", .init(text: duties.value, source: source, reserved: [], unsafeHTML: unsafeHTML), make: make) ?? make()
            dutiesHTML = rendered.html
            for link in rendered.links {
                // A `|` block's later lines are indented like its first; other texts are found
                // character by character in their source (folded lines, escapes), else at their start.
                let at = raw.dutiesSource.map { $0.position(line: link.line, column: link.column, in: duties.value) ?? duties.position }
                    ?? SourcePosition(path: duties.position.path, line: duties.position.line + link.line - 1,
                                      column: link.line == 1 ? duties.position.column + link.column - 1
                                          : duties.position.column - 1 + link.column)
                if let problem = links.check(link.destination, from: source, at: at) { diagnostics.append(problem) }
            }
        }
        // Unresolved: the diagnostics above stop publishing, but the flow is still checked.
        let placeholder = Party(departmentID: raw.responsible.first?.value ?? "", roleID: nil)
        return Step(
            id: raw.id.value, name: raw.name.value, input: raw.input.map(\.value), responsible: responsible ?? placeholder,
            accountable: accountable, collaborators: collaborators, informed: informed,
            dutiesHTML: dutiesHTML, dutiesText: raw.duties?.value ?? "", deadline: raw.deadline, outputs: raw.outputs,
            risk: raw.risk, kind: raw.kind, next: next, source: raw.position)
    }
}
