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

struct RawProcess: Sendable {
    var file: SourceFile
    var id: Located<String>
    var title: Located<String>
    var owner: Located<String>
    var status: ProcessStatus
    var statusPosition: SourcePosition
    var version: Located<String>?
    var effective: Located<String>?
    var approvedBy: Located<String>?
    var reviewDue: Located<String>?
    var category: String?
    var summary: String?
    var goals: [String]
    var inputs: [String]
    var changes: [Process.Change]
    var steps: [RawStep]
    /// Where `steps` is written, when it is a list (possibly empty).
    var stepsPosition: SourcePosition?
    var body: MarkdownSource
}

struct RawStep: Sendable {
    var position: SourcePosition
    var id: Located<String>
    var name: Located<String>
    var input: [Located<String>]
    /// Exactly one is expected; the list lets the checker report zero or several.
    var responsible: [Located<String>]
    var accountable: Located<String>?
    var collaborators: [Located<String>]
    var informed: [Located<String>]
    var duties: Located<String>?
    var deadline: String?
    var outputs: [String]
    var risk: String?
    var kind: Step.Kind
    /// nil: the following step. A branch whose `to` is `end` ends the flow.
    var next: [RawBranch]?
    /// `duties: >` folds lines, so a link's line and column inside it cannot be mapped back.
    var dutiesFolded = false
}

struct RawBranch: Sendable {
    var to: Located<String>
    var when: String?
}

struct RawPage: Sendable {
    var file: SourceFile
    var title: String?
    var body: MarkdownSource
}

enum RawDocument: Sendable {
    case department(RawDepartment)
    case process(RawProcess)
    case page(RawPage)
}
