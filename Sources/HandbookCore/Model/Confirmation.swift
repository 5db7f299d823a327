/// A department's sign-off of its own duties in one version of a process (issue #29): the seed's
/// stage 4 ends with every department head confirming their department's duties (各部门负责人确认
/// 本部门职责), which turns "无重叠、无遗漏" into an agreement.
public struct Confirmation: Sendable, Hashable {
    /// Who confirmed: a role of the department (or the department itself).
    public var by: Party
    public var date: String
    public var version: String
}

/// What stands for one department with a duty (R, A, C or I) in a process.
public struct DepartmentConfirmation: Sendable {
    public var departmentID: String
    /// The confirmation that counts: of the current version, or carried over from an older one.
    public var confirmation: Confirmation?
    /// `confirmation` is of an older version and carries over: the department's duties did not
    /// change since (see `DutyChanges`).
    public var carried: Bool
    /// When awaiting: the department's newest confirmation of an older version, which does not
    /// carry (its duties changed, or whether they did is unknown).
    public var earlier: Confirmation?

    public var awaiting: Bool { confirmation == nil }
}

/// A process's confirmations, resolved: as written, and per department with a duty.
public struct ProcessConfirmations: Sendable {
    /// As written in `confirmations:`, resolved (unresolved ones are errors and left out).
    public var records: [Confirmation]
    /// Each department with a duty, in order of its first appearance in the steps.
    public var departments: [DepartmentConfirmation]
    /// Whether the process has a `confirmations:` key at all (possibly empty).
    public var written: Bool
    /// Where a missing confirmation is reported: the `confirmations:` key, else `version`.
    public var anchor: SourcePosition?

    public static let empty = ProcessConfirmations(records: [], departments: [], written: false, anchor: nil)

    /// Departments that have not confirmed the current version (nor carry an older confirmation).
    public var awaiting: [String] { departments.filter(\.awaiting).map(\.departmentID) }
}
