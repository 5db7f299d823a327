/// What changed between two versions of a process, in the terms of its responsibility table:
/// steps added, removed, renamed and moved; each changed field of a kept step, old → new; the
/// changed metadata; the body as a word-level diff.
struct VersionComparison: Sendable {
    /// A field's value before and after. Lists are kept as lists (joined by the page); an absent
    /// value is an empty list. Text fields also carry their word-level diff.
    struct FieldChange: Sendable {
        var field: String
        var old: [String]
        var new: [String]
        var diff: [TextDiff.Piece]?
    }

    struct StepRef: Sendable {
        var id: String
        var name: String
        /// The responsible party as the page shows it.
        var responsible: String
    }

    struct Renamed: Sendable {
        var id: String
        var old: String
        var new: String
    }

    struct Moved: Sendable {
        var id: String
        var name: String
        var from: Int
        var to: Int
    }

    struct StepChange: Sendable {
        var id: String
        var name: String
        var fields: [FieldChange]
    }

    var metadata: [FieldChange] = []
    var added: [StepRef] = []
    var removed: [StepRef] = []
    var renamed: [Renamed] = []
    var moved: [Moved] = []
    var steps: [StepChange] = []
    var body: [TextDiff.Piece] = []

    var bodyChanged: Bool { TextDiff.changes(body) }
    /// What the responsibility table shows changed (the `check` rule's question).
    var stepsChanged: Bool { !added.isEmpty || !removed.isEmpty || !renamed.isEmpty || !moved.isEmpty || !steps.isEmpty }
    var isEmpty: Bool { !stepsChanged && metadata.isEmpty && !bodyChanged }

    /// Step ids whose row is new or changed in `new` (impact on the people doing them).
    var touchedStepIDs: Set<String> {
        Set(added.map(\.id) + renamed.map(\.id) + steps.map(\.id))
    }

    /// `party`: a reference as written (`customer-service/cs-agent`, `客服部/客服专员`) to a key
    /// that is the same however it was written, and to the name the page shows.
    init(old: RawProcess, new: RawProcess, party: (String) -> (key: String, name: String), endWord: String) {
        func parties(_ list: [Located<String>]) -> (keys: [String], names: [String]) {
            let resolved = list.map { party($0.value) }
            return (resolved.map(\.key), resolved.map(\.name))
        }
        func compare(_ field: String, _ a: (keys: [String], names: [String]), _ b: (keys: [String], names: [String]),
                     into list: inout [FieldChange]) {
            if a.keys != b.keys { list.append(FieldChange(field: field, old: a.names, new: b.names)) }
        }
        // The same words name the same party: resolved (a lookup per name) only when they differ.
        func compareParties(_ field: String, _ a: [Located<String>], _ b: [Located<String>], into list: inout [FieldChange]) {
            guard !a.map(\.value).elementsEqual(b.map(\.value)) else { return }
            compare(field, parties(a), parties(b), into: &list)
        }
        func plain(_ values: [String]) -> (keys: [String], names: [String]) { (values, values) }
        func text(_ field: String, _ a: String?, _ b: String?, into list: inout [FieldChange]) {
            guard a != b else { return }
            list.append(FieldChange(field: field, old: a.map { [$0] } ?? [], new: b.map { [$0] } ?? [],
                                    diff: TextDiff.diff(a ?? "", b ?? "")))
        }

        compare("title", plain([old.title.value]), plain([new.title.value]), into: &metadata)
        compareParties("owner", [old.owner], [new.owner], into: &metadata)
        compare("approvedBy", plain(old.approvedBy.map { [$0.value] } ?? []), plain(new.approvedBy.map { [$0.value] } ?? []), into: &metadata)
        compare("effective", plain(old.effective.map { [$0.value] } ?? []), plain(new.effective.map { [$0.value] } ?? []), into: &metadata)
        compare("reviewDue", plain(old.reviewDue.map { [$0.value] } ?? []), plain(new.reviewDue.map { [$0.value] } ?? []), into: &metadata)
        compare("goals", plain(old.goals), plain(new.goals), into: &metadata)
        compare("inputs", plain(old.inputs), plain(new.inputs), into: &metadata)

        // Steps are the same step by id; a step whose id changed but whose name did not is
        // still that step (renumbered).
        let newIDs = Set(new.steps.map(\.id.value))
        var pairs: [(RawStep, RawStep)] = []
        var oldByID: [String: RawStep] = [:]
        for step in old.steps where oldByID[step.id.value] == nil { oldByID[step.id.value] = step }
        var unmatchedOld = old.steps.filter { !newIDs.contains($0.id.value) }
        for step in new.steps {
            if let before = oldByID[step.id.value] {
                pairs.append((before, step))
            } else if let index = unmatchedOld.firstIndex(where: { $0.name.value == step.name.value }) {
                pairs.append((unmatchedOld.remove(at: index), step))
            } else {
                added.append(StepRef(id: step.id.value, name: step.name.value,
                                     responsible: step.responsible.first.map { party($0.value).name } ?? ""))
            }
        }
        removed = unmatchedOld.map {
            StepRef(id: $0.id.value, name: $0.name.value, responsible: $0.responsible.first.map { party($0.value).name } ?? "")
        }

        // Moved: kept steps out of the longest run the two orders share.
        let oldOrder = old.steps.map(\.id.value)
        let keptOld = oldOrder.filter { id in pairs.contains { $0.0.id.value == id } }
        let keptNew = pairs.map(\.0.id.value)
        var inPlace = Set<String>()
        for (kind, range, fromOld) in TextDiff.edits(keptOld, keptNew) where kind == .same && fromOld {
            inPlace.formUnion(keptOld[range])
        }
        func edges(_ process: RawProcess, _ index: Int) -> [String] {
            let step = process.steps[index]
            guard let next = step.next else {
                return [index + 1 < process.steps.count ? process.steps[index + 1].id.value : endWord]
            }
            return next.map { ($0.when.map { $0 + " → " } ?? "") + ($0.to.value == "end" ? endWord : $0.to.value) }
        }
        for (before, after) in pairs {
            let oldIndex = old.steps.firstIndex { $0 === before } ?? 0
            let newIndex = new.steps.firstIndex { $0 === after } ?? 0
            if !inPlace.contains(before.id.value) {
                moved.append(Moved(id: after.id.value, name: after.name.value, from: oldIndex + 1, to: newIndex + 1))
            }
            if before.name.value != after.name.value {
                renamed.append(Renamed(id: after.id.value, old: before.name.value, new: after.name.value))
            }
            var fields: [FieldChange] = []
            compare("id", plain([before.id.value]), plain([after.id.value]), into: &fields)
            compare("keyInput", plain(before.input.map(\.value)), plain(after.input.map(\.value)), into: &fields)
            compareParties("responsible", before.responsible, after.responsible, into: &fields)
            compareParties("accountable", before.accountable.map { [$0] } ?? [], after.accountable.map { [$0] } ?? [], into: &fields)
            compareParties("collaborators", before.collaborators, after.collaborators, into: &fields)
            compareParties("informed", before.informed, after.informed, into: &fields)
            text("duties", before.duties?.value, after.duties?.value, into: &fields)
            text("deadline", before.deadline, after.deadline, into: &fields)
            compare("outputs", plain(before.outputs), plain(after.outputs), into: &fields)
            text("risk", before.risk, after.risk, into: &fields)
            compare("stepType", plain([before.kind.rawValue]), plain([after.kind.rawValue]), into: &fields)
            compare("next", plain(edges(old, oldIndex)), plain(edges(new, newIndex)), into: &fields)
            if !fields.isEmpty { steps.append(StepChange(id: after.id.value, name: after.name.value, fields: fields)) }
        }
        body = TextDiff.diff(old.body.text, new.body.text)
    }
}
