/// A Markdown body and the file line its first line sits on.
struct MarkdownSource: Sendable {
    var text: String
    var firstLine: Int
}

/// Documents as written, before references are resolved.
struct RawDepartment: Sendable {
    var file: SourceFile
    var id: Located<String>
    var name: Located<String>
    var parent: Located<String>?
    var head: Located<String>?
    var roles: [RawRole]
    var body: MarkdownSource
}

struct RawRole: Sendable {
    var id: Located<String>
    var name: Located<String>
}

/// A class, made once by the parser and never changed: the checks hand processes around
/// (sorted, filtered, kept by `serve` between rebuilds), and each copy of a struct of eighteen
/// fields retained every one of them.
final class RawProcess: Sendable {
    let file: SourceFile
    let id: Located<String>
    let title: Located<String>
    let owner: Located<String>
    let status: ProcessStatus
    let statusPosition: SourcePosition
    let version: Located<String>?
    let effective: Located<String>?
    let approvedBy: Located<String>?
    let reviewDue: Located<String>?
    let category: String?
    let summary: String?
    let goals: [String]
    let inputs: [String]
    let changes: [Process.Change]
    let steps: [RawStep]
    /// Where `steps` is written, when it is a list (possibly empty).
    let stepsPosition: SourcePosition?
    let body: MarkdownSource
    /// `step-<id>` for each step: what links may name on its page besides its headings. Made
    /// with the document, so that `serve`, keeping an unchanged file's document from one rebuild
    /// to the next, hands the link index the same set each time, and comparing the index with
    /// the last one compares the sets by identity instead of element by element.
    let stepAnchors: Set<String>
    /// `confirmations:` as written, and where its key is (nil: no such key).
    let confirmations: [RawConfirmation]
    let confirmationsKey: SourcePosition?

    init(file: SourceFile, id: Located<String>, title: Located<String>, owner: Located<String>, status: ProcessStatus,
         statusPosition: SourcePosition, version: Located<String>?, effective: Located<String>?,
         approvedBy: Located<String>?, reviewDue: Located<String>?, category: String?, summary: String?,
         goals: [String], inputs: [String], changes: [Process.Change], steps: [RawStep],
         stepsPosition: SourcePosition?, body: MarkdownSource,
         confirmations: [RawConfirmation] = [], confirmationsKey: SourcePosition? = nil) {
        self.file = file
        self.id = id
        self.title = title
        self.owner = owner
        self.status = status
        self.statusPosition = statusPosition
        self.version = version
        self.effective = effective
        self.approvedBy = approvedBy
        self.reviewDue = reviewDue
        self.category = category
        self.summary = summary
        self.goals = goals
        self.inputs = inputs
        self.changes = changes
        self.steps = steps
        self.stepsPosition = stepsPosition
        self.body = body
        stepAnchors = Set(steps.lazy.map { Routes.stepAnchor($0.id.value) })
        self.confirmations = confirmations
        self.confirmationsKey = confirmationsKey
    }
}

/// A class, for the reason `RawProcess` is one: checks walk the steps again and again.
final class RawStep: Sendable {
    let position: SourcePosition
    let id: Located<String>
    let name: Located<String>
    let input: [Located<String>]
    /// Exactly one is expected; the list lets the checker report zero or several.
    let responsible: [Located<String>]
    let accountable: Located<String>?
    let collaborators: [Located<String>]
    let informed: [Located<String>]
    let duties: Located<String>?
    let deadline: String?
    let outputs: [String]
    let risk: String?
    let kind: Step.Kind
    /// nil: the following step. A branch whose `to` is `end` ends the flow.
    let next: [RawBranch]?
    /// Where the duties' characters are, when not simply line by line from `duties.position`:
    /// a link in them is reported at its place.
    let dutiesSource: ScalarSource?

    init(position: SourcePosition, id: Located<String>, name: Located<String>, input: [Located<String>],
         responsible: [Located<String>], accountable: Located<String>?, collaborators: [Located<String>],
         informed: [Located<String>], duties: Located<String>?, deadline: String?, outputs: [String], risk: String?,
         kind: Step.Kind, next: [RawBranch]?, dutiesSource: ScalarSource? = nil) {
        self.position = position
        self.id = id
        self.name = name
        self.input = input
        self.responsible = responsible
        self.accountable = accountable
        self.collaborators = collaborators
        self.informed = informed
        self.duties = duties
        self.deadline = deadline
        self.outputs = outputs
        self.risk = risk
        self.kind = kind
        self.next = next
        self.dutiesSource = dutiesSource
    }
}

struct RawBranch: Sendable {
    var to: Located<String>
    var when: String?
}

struct RawPage: Sendable {
    var file: SourceFile
    var title: String? { meta.title }
    var body: MarkdownSource
    var meta = PageMeta()
}

enum RawDocument: Sendable {
    case department(RawDepartment)
    case process(RawProcess)
    case page(RawPage)
}
