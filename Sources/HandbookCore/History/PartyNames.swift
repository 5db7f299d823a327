/// Party references of any version (`customer-service/cs-agent`, `客服部/客服专员`) resolved
/// against today's organisation: a key that is the same however the party was written, and the
/// name a page shows. A department or role gone since keeps its reference as written.
struct PartyNames: Sendable {
    private struct Entry: Sendable {
        var id: String
        var name: String
        var roles: [(id: String, name: String)]
    }

    private var byReference: [String: Entry] = [:]
    private let language: HandbookConfig.Language
    /// The organisation's names as a number: comparisons kept between builds name parties as
    /// they were named when made, and are kept only while this is the same.
    private(set) var stamp = Hash.start

    init(_ departments: [(id: String, name: String, roles: [(id: String, name: String)])], language: HandbookConfig.Language) {
        self.language = language
        stamp = Hash.add(bytes: language.rawValue.utf8, to: stamp)
        for department in departments {
            for text in [department.id, department.name] + department.roles.flatMap({ [$0.id, $0.name] }) {
                stamp = Hash.add(bytes: text.utf8, to: Hash.add(UInt64(text.utf8.count), to: stamp))
            }
            stamp = Hash.add(UInt64(department.roles.count), to: stamp)
            let entry = Entry(id: department.id, name: department.name, roles: department.roles)
            if byReference[department.id] == nil { byReference[department.id] = entry }
            if byReference[department.name] == nil { byReference[department.name] = entry }
        }
    }

    init(_ departments: [Department], language: HandbookConfig.Language) {
        self.init(departments.map { ($0.id, $0.name, $0.roles.map { ($0.id, $0.name) }) }, language: language)
    }

    init(_ departments: [RawDepartment], language: HandbookConfig.Language) {
        self.init(departments.map { ($0.id.value, $0.name.value, $0.roles.map { ($0.id.value, $0.name.value) }) }, language: language)
    }

    func resolve(_ reference: String) -> (key: String, name: String) {
        if let whole = byReference[reference] { return (whole.id, whole.name) }
        guard let slash = reference.firstIndex(of: "/"), let department = byReference[String(reference[..<slash])] else {
            return (reference, reference)
        }
        let roleReference = String(reference[reference.index(after: slash)...])
        guard let role = department.roles.first(where: { $0.id == roleReference }) ?? department.roles.first(where: { $0.name == roleReference }) else {
            return (department.id + "/" + roleReference, department.name + "/" + roleReference)
        }
        let name = language == .zhCN ? "\(department.name)（\(role.name)）" : "\(department.name) (\(role.name))"
        return (department.id + "/" + role.id, name)
    }
}
