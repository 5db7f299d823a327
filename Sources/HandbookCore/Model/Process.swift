import Foundation

public enum ProcessStatus: String, Sendable, CaseIterable, Codable {
    case draft, review, approved, retired

    /// Draft and review processes are published only with `--drafts`; retired never.
    public func isPublished(drafts: Bool) -> Bool {
        switch self {
        case .approved: true
        case .draft, .review: drafts
        case .retired: false
        }
    }
}

/// A business process: metadata and its steps.
/// A class, made once and never changed: pages read processes by the thousand, and copying
/// a struct of sixteen fields retained each of them every time one was read out of the list.
public final class Process: Sendable, Identifiable {
    public let id: String
    public let title: String
    public let ownerID: String
    public let status: ProcessStatus
    public let version: String?
    public let effective: String?
    public let approvedBy: String?
    public let reviewDue: String?
    public let category: String?
    public let summary: String?
    public let goals: [String]
    public let inputs: [String]
    public let changes: [Change]
    public let steps: [Step]
    public let bodyHTML: String
    public let source: SourcePosition
    /// Each department's confirmation of its duties (see `Confirmation`).
    public let confirmations: ProcessConfirmations

    public init(id: String, title: String, ownerID: String, status: ProcessStatus, version: String?,
                effective: String?, approvedBy: String?, reviewDue: String?, category: String?, summary: String?,
                goals: [String], inputs: [String], changes: [Change], steps: [Step], bodyHTML: String,
                source: SourcePosition, confirmations: ProcessConfirmations = .empty) {
        self.id = id
        self.title = title
        self.ownerID = ownerID
        self.status = status
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
        self.bodyHTML = bodyHTML
        self.source = source
        self.confirmations = confirmations
    }

    public struct Change: Sendable {
        public var version: String?
        public var date: String?
        public var summary: String
        /// The ids of the steps this version changed, when the author lists them: departments
        /// with no duty in any of them keep their confirmations (see `DutyChanges`).
        public var steps: [String]? = nil
    }
}

/// RACI letters.
public enum Involvement: String, Sendable, CaseIterable, Comparable, Codable {
    case responsible = "R", accountable = "A", consulted = "C", informed = "I"

    /// Position in R, A, C, I: a switch, where `allCases.firstIndex` made the array each time
    /// (rows sort letters and turn them into bits by the thousand).
    public var order: Int {
        switch self {
        case .responsible: 0
        case .accountable: 1
        case .consulted: 2
        case .informed: 3
        }
    }

    public static func < (lhs: Involvement, rhs: Involvement) -> Bool { lhs.order < rhs.order }
}

/// One step of a process: a row of the seed's responsibility table.
/// A class, made once and never changed: pages and checks hand steps around constantly, and
/// copying a struct of fifteen fields cost a retain per field each time.
public final class Step: Sendable, Identifiable {
    public enum Kind: String, Sendable, Codable { case task, decision }

    /// Where the flow goes after this step. `to == nil` means the flow ends.
    public struct Edge: Sendable, Hashable {
        public var to: String?
        public var when: String?
    }

    public let id: String
    public let name: String
    public let input: [String]
    public let responsible: Party
    public let accountable: Party?
    public let collaborators: [Party]
    public let informed: [Party]
    public let dutiesHTML: String
    public let dutiesText: String
    public let deadline: String?
    public let outputs: [String]
    public let risk: String?
    public let kind: Kind
    public let next: [Edge]
    public let source: SourcePosition

    public init(
                id: String,
                name: String,
                input: [String],
                responsible: Party,
                accountable: Party?,
                collaborators: [Party],
                informed: [Party],
                dutiesHTML: String,
                dutiesText: String,
                deadline: String?,
                outputs: [String],
                risk: String?,
                kind: Kind,
                next: [Edge],
                source: SourcePosition
    ) {
        self.id = id
        self.name = name
        self.input = input
        self.responsible = responsible
        self.accountable = accountable
        self.collaborators = collaborators
        self.informed = informed
        self.dutiesHTML = dutiesHTML
        self.dutiesText = dutiesText
        self.deadline = deadline
        self.outputs = outputs
        self.risk = risk
        self.kind = kind
        self.next = next
        self.source = source
    }

    /// Every party with a RACI letter on this step, in R, A, C, I order.
    public var involvements: [(Party, Involvement)] {
        var list: [(Party, Involvement)] = [(responsible, .responsible)]
        if let accountable { list.append((accountable, .accountable)) }
        list += collaborators.map { ($0, .consulted) }
        list += informed.map { ($0, .informed) }
        return list
    }
}
