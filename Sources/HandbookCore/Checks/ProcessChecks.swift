/// The checks that need nothing but the process itself (and today's date): run with its
/// resolution, so `serve` reuses them with it for an unchanged file.
enum ProcessChecks {
    static func ownChecks(_ raw: RawProcess, today: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let problem = IdentifierCheck.check(raw.id, kind: "process") { diagnostics.append(problem) }
        for step in raw.steps {
            if let problem = IdentifierCheck.check(step.id, kind: "step") { diagnostics.append(problem) }
        }
        diagnostics += ApprovalCheck.check(raw, today: today)
        diagnostics += CoverageCheck.unproductiveSteps(raw)
        return diagnostics
    }
}
