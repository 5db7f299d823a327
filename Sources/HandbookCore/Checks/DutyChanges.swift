/// Whether a department's duties in a process changed since an older version: `true`, `false`,
/// or `nil` when it cannot be told (then the department must confirm again). A confirmation of an
/// older version carries over only on `false`.
///
/// The built-in answer reads the process's own `changes:` (`fromChangeLog`); the version history
/// from git (issue #27) can answer instead, or first, by making another `DutyChanges`.
public struct DutyChanges: Sendable {
    public struct Query: Sendable {
        public var processID: String
        public var currentVersion: String?
        /// Newest first, as written.
        public var changes: [Process.Change]
        /// The current version's steps.
        public var steps: [Step]
        public var departmentID: String
        /// The older version the department confirmed.
        public var since: String
    }

    public let changed: @Sendable (Query) -> Bool?

    public init(_ changed: @escaping @Sendable (Query) -> Bool?) {
        self.changed = changed
    }

    /// Another source first, this one where it cannot tell.
    public func after(_ first: DutyChanges) -> DutyChanges {
        DutyChanges { query in first.changed(query) ?? self.changed(query) }
    }

    /// From `changes:`: every version after `since` up to the current one must have an entry
    /// listing the steps it changed (`steps: [3, 4]`); the duties changed when one of those steps
    /// gives the department a duty now. A listed step the process no longer has may have been the
    /// department's: unknown. A version with no entry, or an entry without `steps`: unknown.
    public static let fromChangeLog = DutyChanges { query in
        guard let current = query.currentVersion, current != query.since,
              let older = query.changes.firstIndex(where: { $0.version == query.since }) else { return nil }
        let newer = query.changes[..<older]
        guard newer.contains(where: { $0.version == current }) else { return nil }
        var unknown = false
        for change in newer {
            guard let listed = change.steps else { return nil }
            for id in listed {
                guard let step = query.steps.first(where: { $0.id == id }) else {
                    unknown = true
                    continue
                }
                if step.involvements.contains(where: { $0.0.departmentID == query.departmentID }) { return true }
            }
        }
        return unknown ? nil : false
    }
}
