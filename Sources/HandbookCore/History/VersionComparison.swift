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

    /// Nothing changed (filled in by `ComparisonCodec`).
    init() {}

    /// `party`: a reference as written (`customer-service/cs-agent`, `客服部/客服专员`) to a key
    /// that is the same however it was written, and to the name the page shows.
    init(old: RawProcess, new: RawProcess, party: (String) -> (key: String, name: String), endWord: String) {
        // 16,000 comparisons at 2,000 processes × 5 versions, nearly every field the same: each
        // is compared as bytes first, and lists are made only for a field that changed.
        func parties(_ list: [Located<String>]) -> (keys: [String], names: [String]) {
            let resolved = list.map { party($0.value) }
            return (resolved.map(\.key), resolved.map(\.name))
        }
        // The same words name the same party: resolved (a lookup per name) only when they differ.
        func compareParties(_ field: String, _ a: [Located<String>], _ b: [Located<String>], into list: inout [FieldChange]) {
            guard !a.elementsEqual(b, by: { Bytes.same($0.value, $1.value) }) else { return }
            let (x, y) = (parties(a), parties(b))
            if x.keys != y.keys { list.append(FieldChange(field: field, old: x.names, new: y.names)) }
        }
        func compareParty(_ field: String, _ a: Located<String>?, _ b: Located<String>?, into list: inout [FieldChange]) {
            if let a, let b, Bytes.same(a.value, b.value) { return }
            if a == nil, b == nil { return }
            compareParties(field, a.map { [$0] } ?? [], b.map { [$0] } ?? [], into: &list)
        }
        func compare(_ field: String, _ a: [String], _ b: [String], into list: inout [FieldChange]) {
            if !a.elementsEqual(b, by: Bytes.same) { list.append(FieldChange(field: field, old: a, new: b)) }
        }
        func compare(_ field: String, _ a: String?, _ b: String?, into list: inout [FieldChange]) {
            if let a, let b, Bytes.same(a, b) { return }
            if a == nil, b == nil { return }
            list.append(FieldChange(field: field, old: a.map { [$0] } ?? [], new: b.map { [$0] } ?? []))
        }
        func text(_ field: String, _ a: String?, _ b: String?, into list: inout [FieldChange]) {
            if let a, let b, Bytes.same(a, b) { return }
            if a == nil, b == nil { return }
            list.append(FieldChange(field: field, old: a.map { [$0] } ?? [], new: b.map { [$0] } ?? [],
                                    diff: TextDiff.diff(a ?? "", b ?? "")))
        }

        compare("title", old.title.value, new.title.value, into: &metadata)
        compareParty("owner", old.owner, new.owner, into: &metadata)
        compare("approvedBy", old.approvedBy?.value, new.approvedBy?.value, into: &metadata)
        compare("effective", old.effective?.value, new.effective?.value, into: &metadata)
        compare("reviewDue", old.reviewDue?.value, new.reviewDue?.value, into: &metadata)
        compare("goals", old.goals, new.goals, into: &metadata)
        compare("inputs", old.inputs, new.inputs, into: &metadata)

        // Steps are the same step by id; a step whose id changed but whose name did not is
        // still that step (renumbered).
        let newIDs = Set(new.steps.map(\.id.value))
        // Kept steps as (index in old, index in new), in new's order.
        var pairs: [(old: Int, new: Int)] = []
        var oldByID: [String: Int] = [:]
        for (index, step) in old.steps.enumerated() where oldByID[step.id.value] == nil { oldByID[step.id.value] = index }
        var unmatchedOld = old.steps.indices.filter { !newIDs.contains(old.steps[$0].id.value) }
        for (newIndex, step) in new.steps.enumerated() {
            if let before = oldByID[step.id.value] {
                pairs.append((before, newIndex))
            } else if let index = unmatchedOld.firstIndex(where: { old.steps[$0].name.value == step.name.value }) {
                pairs.append((unmatchedOld.remove(at: index), newIndex))
            } else {
                added.append(StepRef(id: step.id.value, name: step.name.value,
                                     responsible: step.responsible.first.map { party($0.value).name } ?? ""))
            }
        }
        removed = unmatchedOld.map {
            let step = old.steps[$0]
            return StepRef(id: step.id.value, name: step.name.value, responsible: step.responsible.first.map { party($0.value).name } ?? "")
        }

        // Moved: kept steps out of the longest run the two orders share.
        let keptIDs = Set(pairs.map { old.steps[$0.old].id.value })
        let keptOld = old.steps.lazy.map(\.id.value).filter { keptIDs.contains($0) }
        let keptNew = pairs.map { old.steps[$0.old].id.value }
        var inPlace = Set<String>()
        if !keptOld.elementsEqual(keptNew) {
            let keptOld = Array(keptOld)
            for (kind, range, fromOld) in TextDiff.edits(keptOld, keptNew) where kind == .same && fromOld {
                inPlace.formUnion(keptOld[range])
            }
        } else {
            inPlace = keptIDs
        }
        func edges(_ process: RawProcess, _ index: Int) -> [String] {
            let step = process.steps[index]
            guard let next = step.next else {
                return [index + 1 < process.steps.count ? process.steps[index + 1].id.value : endWord]
            }
            return next.map { ($0.when.map { $0 + " → " } ?? "") + ($0.to.value == "end" ? endWord : $0.to.value) }
        }
        for (oldIndex, newIndex) in pairs {
            let before = old.steps[oldIndex], after = new.steps[newIndex]
            if !inPlace.contains(before.id.value) {
                moved.append(Moved(id: after.id.value, name: after.name.value, from: oldIndex + 1, to: newIndex + 1))
            }
            if !Bytes.same(before.name.value, after.name.value) {
                renamed.append(Renamed(id: after.id.value, old: before.name.value, new: after.name.value))
            }
            var fields: [FieldChange] = []
            compare("id", before.id.value, after.id.value, into: &fields)
            if !before.input.elementsEqual(after.input, by: { Bytes.same($0.value, $1.value) }) {
                compare("keyInput", before.input.map(\.value), after.input.map(\.value), into: &fields)
            }
            compareParties("responsible", before.responsible, after.responsible, into: &fields)
            compareParty("accountable", before.accountable, after.accountable, into: &fields)
            compareParties("collaborators", before.collaborators, after.collaborators, into: &fields)
            compareParties("informed", before.informed, after.informed, into: &fields)
            text("duties", before.duties?.value, after.duties?.value, into: &fields)
            text("deadline", before.deadline, after.deadline, into: &fields)
            compare("outputs", before.outputs, after.outputs, into: &fields)
            text("risk", before.risk, after.risk, into: &fields)
            if before.kind != after.kind { compare("stepType", [before.kind.rawValue], [after.kind.rawValue], into: &fields) }
            compare("next", edges(old, oldIndex), edges(new, newIndex), into: &fields)
            if !fields.isEmpty { steps.append(StepChange(id: after.id.value, name: after.name.value, fields: fields)) }
        }
        // An unchanged body is kept as nothing, not as a copy of itself: the comparisons of a
        // handbook are kept between builds (`VersionCache`), most with the same body.
        let body = TextDiff.diff(old.body.text, new.body.text)
        self.body = TextDiff.changes(body) ? body : []
    }
}
