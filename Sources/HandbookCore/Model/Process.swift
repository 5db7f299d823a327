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
public struct Process: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var ownerID: String
    public var status: ProcessStatus
    public var version: String?
    public var effective: String?
    public var approvedBy: String?
    public var reviewDue: String?
    public var category: String?
    public var summary: String?
    public var goals: [String]
    public var inputs: [String]
    public var changes: [Change]
    public var steps: [Step]
    public var bodyHTML: String
    public var source: SourcePosition

    public struct Change: Sendable {
        public var version: String?
        public var date: String?
        public var summary: String
    }
}

/// RACI letters.
public enum Involvement: String, Sendable, CaseIterable, Comparable, Codable {
    case responsible = "R", accountable = "A", consulted = "C", informed = "I"

    public static func < (lhs: Involvement, rhs: Involvement) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One step of a process: a row of the seed's responsibility table.
public struct Step: Sendable, Identifiable {
    public enum Kind: String, Sendable, Codable { case task, decision }

    /// Where the flow goes after this step. `to == nil` means the flow ends.
    public struct Edge: Sendable, Hashable {
        public var to: String?
        public var when: String?
    }

    public var id: String
    public var name: String
    public var input: [String]
    public var responsible: Party
    public var accountable: Party?
    public var collaborators: [Party]
    public var informed: [Party]
    public var dutiesHTML: String
    public var dutiesText: String
    public var deadline: String?
    public var outputs: [String]
    public var risk: String?
    public var kind: Kind
    public var next: [Edge]
    public var source: SourcePosition

    /// Every party with a RACI letter on this step, in R, A, C, I order.
    public var involvements: [(Party, Involvement)] {
        var list: [(Party, Involvement)] = [(responsible, .responsible)]
        if let accountable { list.append((accountable, .accountable)) }
        list += collaborators.map { ($0, .consulted) }
        list += informed.map { ($0, .informed) }
        return list
    }
}
