/// A department of the organisation, with its roles.
/// A class, made once and never changed: rows look departments up by the thousand, and each
/// lookup copied the struct, a retain per field.
public final class Department: Sendable, Identifiable {
    public let id: String
    public let name: String
    public let parentID: String?
    public let headRoleID: String?
    public let roles: [Role]
    public let descriptionHTML: String
    public let source: SourcePosition

    public init(id: String, name: String, parentID: String?, headRoleID: String?, roles: [Role], descriptionHTML: String,
                source: SourcePosition) {
        self.id = id
        self.name = name
        self.parentID = parentID
        self.headRoleID = headRoleID
        self.roles = roles
        self.descriptionHTML = descriptionHTML
        self.source = source
    }

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
