/// 衔接不畅: a step input that no earlier step outputs and that is not an input of the process.
/// "Earlier" follows the flow: any step from which this one can be reached.
enum HandOverCheck {
    static func check(raw: RawProcess, steps: [Step]) -> [Diagnostic] {
        // Step ids numbered once, so that walking back from every step marks numbers instead of
        // hashing ids into sets: this ran for every step of every process on each build.
        var number: [String: Int] = [:]
        var predecessors: [[Int]] = []
        var outputs: [[String]?] = []
        func node(_ id: String) -> Int {
            if let known = number[id] { return known }
            number[id] = predecessors.count
            predecessors.append([])
            outputs.append(nil)
            return predecessors.count - 1
        }
        for step in steps {
            let from = node(step.id)
            if outputs[from] == nil { outputs[from] = step.outputs }  // the first step of a repeated id
            for edge in step.next {
                guard let to = edge.to else { continue }
                let target = node(to)
                predecessors[target].append(from)
            }
        }
        let external = raw.inputs
        var diagnostics: [Diagnostic] = []
        for step in raw.steps {
            let start = node(step.id.value)
            var seen = [Bool](repeating: false, count: predecessors.count)
            seen[start] = true
            var reached: [Int] = []
            var queue = predecessors[start]
            while let current = queue.popLast() {
                guard !seen[current] else { continue }
                seen[current] = true
                reached.append(current)
                queue += predecessors[current]
            }
            for input in step.input {
                let value = input.value
                if external.contains(value) || reached.contains(where: { outputs[$0]?.contains(value) ?? false }) { continue }
                let available = Set(external).union(reached.flatMap { outputs[$0] ?? [] })
                diagnostics.append(.warning("handbook.step.broken-handover",
                    Phrase("\(ReaderWords.step(step.id.value))的输入“\(value)”不是前面任何一步的输出，也不是流程的输入：衔接不畅",
                           en: "input `\(value)` of step `\(step.id.value)` is not an output of any earlier step nor an input of the process (衔接不畅)"),
                    at: input.position,
                    notes: Suggestion.note(for: value, in: available.sorted())))
            }
        }
        return diagnostics
    }
}
