/// The flow of a process makes sense: decisions branch, every step is reachable from the
/// first, and from every step some path reaches an end.
enum FlowCheck {
    static func check(raw: RawProcess, steps: [Step]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let rawByID = Dictionary(raw.steps.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        for step in steps where step.kind == .decision && step.next.count < 2 {
            let at = rawByID[step.id]?.next?.first?.to.position ?? rawByID[step.id]?.name.position ?? step.source
            diagnostics.append(.error("handbook.step.decision-branches",
                "decision `\(step.id)` has \(step.next.count) branch\(step.next.count == 1 ? "" : "es"); a decision needs at least two",
                at: at))
        }
        guard let first = steps.first else { return diagnostics }
        let edges = Dictionary(steps.map { ($0.id, $0.next) }, uniquingKeysWith: { a, _ in a })

        var reached: Set<String> = [first.id]
        var queue = [first.id]
        while let current = queue.popLast() {
            for edge in edges[current] ?? [] {
                if let to = edge.to, reached.insert(to).inserted { queue.append(to) }
            }
        }
        for step in steps where !reached.contains(step.id) {
            diagnostics.append(.error("handbook.step.unreachable",
                "no path from the first step reaches step `\(step.id)`",
                at: rawByID[step.id]?.id.position ?? step.source))
        }
        // Steps that can reach an end, found backwards from the steps that end the flow.
        var ends = Set(steps.filter { $0.next.contains { $0.to == nil } }.map(\.id))
        var changed = true
        while changed {
            changed = false
            for step in steps where !ends.contains(step.id) && step.next.contains(where: { $0.to.map(ends.contains) ?? true }) {
                ends.insert(step.id)
                changed = true
            }
        }
        for step in steps where reached.contains(step.id) && !ends.contains(step.id) {
            diagnostics.append(.error("handbook.step.no-end",
                "from step `\(step.id)` no path reaches the end of the process",
                at: rawByID[step.id]?.id.position ?? step.source))
        }
        return diagnostics
    }
}
