/// The fields of every step that duty rows, hand-overs and the matrix show, and each process's
/// title and draft flag, in flat arrays in handbook order. Read through the handbook, each row
/// went process object → its steps → the step object: three dependent loads from memory other
/// pages had long pushed out of the CPU's caches; at 20,000 processes those loads were the
/// fastest-growing cost of department and training pages.
struct StepTable: Sendable {
    struct Facts: Sendable {
        let id: String
        let name: String
        /// From the site root, with the step's anchor.
        let href: String
        let dutiesHTML: String
        /// Joined for display (`list`).
        let outputs: String
        let deadline: String?
    }

    private let first: [Int]
    private let facts: [Facts]
    /// By process index: not approved.
    let draft: [Bool]
    /// By process index.
    let title: [String]

    init(_ handbook: Handbook, separator: String) {
        var first: [Int] = [], facts: [Facts] = [], draft: [Bool] = [], title: [String] = []
        first.reserveCapacity(handbook.processes.count)
        draft.reserveCapacity(handbook.processes.count)
        title.reserveCapacity(handbook.processes.count)
        for process in handbook.processes {
            first.append(facts.count)
            draft.append(process.status != .approved)
            title.append(process.title)
            let page = Routes.process(process.id)
            for step in process.steps {
                facts.append(Facts(id: step.id, name: step.name, href: RootLink.to(page, fragment: Routes.stepAnchor(step.id)),
                                   dutiesHTML: step.dutiesHTML, outputs: step.outputs.joined(separator: separator),
                                   deadline: step.deadline))
            }
        }
        self.first = first
        self.facts = facts
        self.draft = draft
        self.title = title
    }

    subscript(process: Int, step: Int) -> Facts { facts[index(process: process, step: step)] }

    /// The step's place among all steps, in handbook order (`FragmentCache`'s slot).
    func index(process: Int, step: Int) -> Int {
        assert(step >= 0 && first[process] + step < (process + 1 < first.count ? first[process + 1] : facts.count),
               "step \(step) outside process \(process)")
        return first[process] + step
    }
}
