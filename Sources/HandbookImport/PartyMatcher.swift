import HandbookCore

/// Reads a 责任部门/岗位 cell (`客服部（客服专员）`, `客服部/客服专员`, `客服专员`, `品保部`) as one
/// party of the handbook, by name or id. A cell naming several parties (`流程分析师+业务骨干`,
/// `项目负责人（统筹）、各部门负责人`) is no one party: it is kept as written and reported.
struct PartyMatcher: Sendable {
    struct Resolution: Sendable {
        enum Outcome: Sendable, Equatable {
            /// `reference` is what the process file says (`客服部/客服专员`); `department` its id.
            case matched(department: String)
            /// Several parties in one cell.
            case composite
            /// No such department or role; `department`/`role` is how the cell reads, for
            /// `--create-departments`; `suggestion` the nearest name there is.
            case unknown(department: String, role: String?, suggestion: String?)
        }

        var reference: String
        var outcome: Outcome
        /// Words in brackets that are no role (`项目负责人（部门经理）`): dropped, and said.
        var dropped: String?
    }

    private(set) var departments: [DepartmentCatalog.Entry]

    init(_ catalog: DepartmentCatalog) { departments = catalog.departments }

    mutating func add(_ department: DepartmentCatalog.Entry) { departments.append(department) }

    static let separators: Set<Character> = ["+", "＋", "、", "，", ",", ";", "；", "&", "＆", "\n"]

    func resolve(_ raw: String) -> Resolution {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.contains(where: Self.separators.contains) {
            return Resolution(reference: text, outcome: .composite)
        }
        if let department = department(text) { return matched(department, nil) }
        // 客服部/客服专员, 客服部／客服专员
        if let slash = text.firstIndex(where: { $0 == "/" || $0 == "／" }) {
            let head = String(text[..<slash]).trimmingCharacters(in: .whitespaces)
            let tail = String(text[text.index(after: slash)...]).trimmingCharacters(in: .whitespaces)
            return split(head, tail, whole: text, roleIsCertain: true)
        }
        // 客服部（客服专员）, 项目负责人(部门经理)
        if let open = text.firstIndex(where: { $0 == "（" || $0 == "(" }), text.last == "）" || text.last == ")" {
            let head = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingCharacters(in: .whitespaces)
            return split(head, inner, whole: text, roleIsCertain: false)
        }
        let roles = departments.flatMap { department in department.roles.filter { $0.name == text || $0.id == text }.map { (department, $0) } }
        if roles.count == 1 { return matched(roles[0].0, roles[0].1) }
        return Resolution(reference: text, outcome: .unknown(department: text, role: nil, suggestion: suggestion(for: text)))
    }

    /// `head` then `tail`: a department and one of its roles; else a role (unique in the
    /// handbook) with a remark in brackets; else unknown.
    private func split(_ head: String, _ tail: String, whole: String, roleIsCertain: Bool) -> Resolution {
        if let department = department(head) {
            if let role = department.roles.first(where: { $0.name == tail || $0.id == tail }) { return matched(department, role) }
            if roleIsCertain {
                let roleNames = department.roles.map(\.name)
                return Resolution(reference: whole, outcome: .unknown(department: head, role: tail,
                    suggestion: DepartmentCatalog.nearest(to: tail, in: roleNames).map { "\(department.name)/\($0)" }))
            }
            var resolution = matched(department, nil)
            resolution.dropped = tail
            return resolution
        }
        if !roleIsCertain {
            let roles = departments.flatMap { department in department.roles.filter { $0.name == head || $0.id == head }.map { (department, $0) } }
            if roles.count == 1 {
                var resolution = matched(roles[0].0, roles[0].1)
                resolution.dropped = tail
                return resolution
            }
        }
        return Resolution(reference: roleIsCertain ? whole : "\(head)/\(tail)",
                          outcome: .unknown(department: head, role: tail, suggestion: suggestion(for: head)))
    }

    private func department(_ text: String) -> DepartmentCatalog.Entry? {
        departments.first { $0.name == text } ?? departments.first { $0.id == text }
    }

    /// Names as the process file writes them, ids when a name holds `/` (it would read as department/role).
    private func matched(_ department: DepartmentCatalog.Entry, _ role: DepartmentCatalog.RoleEntry?) -> Resolution {
        let departmentName = department.name.contains("/") ? department.id : department.name
        let reference = role.map { departmentName + "/" + ($0.name.contains("/") ? $0.id : $0.name) } ?? departmentName
        return Resolution(reference: reference, outcome: .matched(department: department.id))
    }

    private func suggestion(for text: String) -> String? {
        var candidates = departments.map(\.name)
        for department in departments { candidates += department.roles.map { "\(department.name)/\($0.name)" } }
        if let near = DepartmentCatalog.nearest(to: text, in: candidates) { return near }
        // A role's own name, nearest among roles: `客服专元` → 客服部/客服专员.
        for department in departments {
            if let role = DepartmentCatalog.nearest(to: text, in: department.roles.map(\.name)) { return "\(department.name)/\(role)" }
        }
        return nil
    }
}
