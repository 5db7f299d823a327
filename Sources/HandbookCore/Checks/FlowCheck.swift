/// The flow of a process makes sense: decisions branch, every step is reachable from the
/// first, and from every step some path reaches an end.
enum FlowCheck {
    static func check(raw: RawProcess, steps: [Step]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The raw step with an id, for where to point; looked up only to report.
        func rawStep(_ id: String) -> RawStep? { raw.steps.first { $0.id.value == id } }
        for index in steps.indices where steps[index].kind == .decision && steps[index].next.count < 2 {
            let id = steps[index].id, count = steps[index].next.count
            let at = rawStep(id)?.next?.first?.to.position ?? rawStep(id)?.name.position ?? steps[index].source
            diagnostics.append(.error("handbook.step.decision-branches",
                Phrase("判断步骤 `\(id)` 只有 \(count) 个分支，判断至少要有两个分支", en: "decision `\(id)` has \(count) branch\(count == 1 ? "" : "es"); a decision needs at least two"),
                at: at))
        }
        guard !steps.isEmpty else { return diagnostics }
        // Steps by number: `first[i]` is the first step with step i's id (a repeated id is
        // reported elsewhere and counts as one step, the first one's edges leading on); an edge
        // leads to a step number, to -1 for an id that is no step, or to nil for the end. Ids and
        // edges are taken out once: looping over `steps` copies each whole `Step` (a retain per
        // field), and the walks below loop many times.
        let ids = steps.map { $0.id }
        var number: [String: Int] = [:]
        number.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() where number[id] == nil { number[id] = index }
        let first = ids.map { number[$0]! }
        let next: [[Int?]] = steps.map { step in step.next.map { edge in edge.to.map { number[$0] ?? -1 } } }

        var reached = [Bool](repeating: false, count: ids.count)
        reached[0] = true
        var queue = [0]
        while let current = queue.popLast() {
            for case let to? in next[current] where to >= 0 && !reached[to] {
                reached[to] = true
                queue.append(to)
            }
        }
        for index in ids.indices where !reached[first[index]] {
            diagnostics.append(.error("handbook.step.unreachable",
                Phrase("从第一步出发走不到\(ReaderWords.step(ids[index]))", en: "no path from the first step reaches step `\(ids[index])`"),
                at: rawStep(ids[index])?.id.position ?? steps[index].source))
        }
        // Steps that can reach an end, found backwards from the steps that end the flow.
        var ends = [Bool](repeating: false, count: ids.count)
        for index in ids.indices where next[index].contains(where: { $0 == nil }) { ends[first[index]] = true }
        var changed = true
        while changed {
            changed = false
            for index in ids.indices where !ends[first[index]] && next[index].contains(where: { $0.map { $0 >= 0 && ends[$0] } ?? true }) {
                ends[first[index]] = true
                changed = true
            }
        }
        for index in ids.indices where reached[first[index]] && !ends[first[index]] {
            diagnostics.append(.error("handbook.step.no-end",
                Phrase("从\(ReaderWords.step(ids[index]))出发走不到流程结束", en: "from step `\(ids[index])` no path reaches the end of the process"),
                at: rawStep(ids[index])?.id.position ?? steps[index].source))
        }
        return diagnostics
    }
}
