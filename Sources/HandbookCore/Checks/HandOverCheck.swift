/// 衔接不畅: a step input that no earlier step outputs and that is not an input of the process.
/// "Earlier" follows the flow: any step from which this one can be reached.
enum HandOverCheck {
    static func check(raw: RawProcess, steps: [Step]) -> [Diagnostic] {
        let external = Set(raw.inputs)
        var predecessors: [String: [String]] = [:]
        for step in steps {
            for edge in step.next { if let to = edge.to { predecessors[to, default: []].append(step.id) } }
        }
        let outputs = Dictionary(steps.map { ($0.id, $0.outputs) }, uniquingKeysWith: { a, _ in a })
        var diagnostics: [Diagnostic] = []
        for step in raw.steps {
            var available = external
            var seen: Set<String> = [step.id.value]
            var queue = predecessors[step.id.value] ?? []
            while let current = queue.popLast() {
                guard seen.insert(current).inserted else { continue }
                available.formUnion(outputs[current] ?? [])
                queue += predecessors[current] ?? []
            }
            for input in step.input where !available.contains(input.value) {
                diagnostics.append(.warning("handbook.step.broken-handover",
                    "input `\(input.value)` of step `\(step.id.value)` is not an output of any earlier step nor an input of the process (衔接不畅)",
                    at: input.position,
                    notes: Suggestion.note(for: input.value, in: available.sorted())))
            }
        }
        return diagnostics
    }
}
