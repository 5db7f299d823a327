/// The flow of a process makes sense: decisions branch, every step is reachable from the
/// first, and from every step some path reaches an end.
enum FlowCheck {
    static func check(raw: RawProcess, steps: [Step]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let rawByID = Dictionary(raw.steps.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        for index in steps.indices where steps[index].kind == .decision && steps[index].next.count < 2 {
            let id = steps[index].id, count = steps[index].next.count
            let at = rawByID[id]?.next?.first?.to.position ?? rawByID[id]?.name.position ?? steps[index].source
            diagnostics.append(.error("handbook.step.decision-branches",
                "decision `\(id)` has \(count) branch\(count == 1 ? "" : "es"); a decision needs at least two",
                at: at))
        }
        guard !steps.isEmpty else { return diagnostics }
        // Ids and edges taken out once: looping over `steps` copies each whole `Step` (a retain
        // per field), and the fixpoint below loops many times.
        let ids = steps.map { $0.id }, next = steps.map { $0.next }
        let edges = Dictionary(zip(ids, next), uniquingKeysWith: { a, _ in a })

        var reached: Set<String> = [ids[0]]
        var queue = [ids[0]]
        while let current = queue.popLast() {
            for edge in edges[current] ?? [] {
                if let to = edge.to, reached.insert(to).inserted { queue.append(to) }
            }
        }
        for index in ids.indices where !reached.contains(ids[index]) {
            diagnostics.append(.error("handbook.step.unreachable",
                "no path from the first step reaches step `\(ids[index])`",
                at: rawByID[ids[index]]?.id.position ?? steps[index].source))
        }
        // Steps that can reach an end, found backwards from the steps that end the flow.
        var ends = Set(ids.indices.filter { next[$0].contains { $0.to == nil } }.map { ids[$0] })
        var changed = true
        while changed {
            changed = false
            for index in ids.indices where !ends.contains(ids[index]) && next[index].contains(where: { $0.to.map(ends.contains) ?? true }) {
                ends.insert(ids[index])
                changed = true
            }
        }
        for index in ids.indices where reached.contains(ids[index]) && !ends.contains(ids[index]) {
            diagnostics.append(.error("handbook.step.no-end",
                "from step `\(ids[index])` no path reaches the end of the process",
                at: rawByID[ids[index]]?.id.position ?? steps[index].source))
        }
        return diagnostics
    }
}
