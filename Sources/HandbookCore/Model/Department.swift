/// A department of the organisation, with its roles.
public struct Department: Sendable, Identifiable {
    public var id: String
    public var name: String
    public var parentID: String?
    public var headRoleID: String?
    public var roles: [Role]
    public var descriptionHTML: String
    public var source: SourcePosition

    public func role(_ id: String) -> Role? { roles.first { $0.id == id } }
}

/// A position within a department.
public struct Role: Sendable, Identifiable, Hashable {
    public var id: String
    public var name: String
    public var source: SourcePosition
}

/// A resolved reference to a department or to one of its roles.
public struct Party: Sendable, Hashable, Comparable {
    public var departmentID: String
    public var roleID: String?

    public static func < (lhs: Party, rhs: Party) -> Bool {
        (lhs.departmentID, lhs.roleID ?? "") < (rhs.departmentID, rhs.roleID ?? "")
    }
}
