import Testing
@testable import HandbookCore

/// References to departments and roles: by id or by exact name, with suggestions.
@Suite("Reference resolution")
struct DirectoryTests {
    static func department(_ file: String, _ frontmatter: String) -> RawDepartment {
        let path = "content/departments/\(file).md"
        let source = SourceFile(path: path, contentPath: "departments/\(file).md", kind: .department,
                                text: "---\n\(frontmatter)\n---\n")
        guard case .department(let department)? = DocumentParser.parse(source).0 else {
            fatalError("fixture department \(file) does not parse")
        }
        return department
    }

    static let departments = [
        department("customer-service", "name: 客服部\nroles:\n  - {id: cs-agent, name: 客服专员}\n  - {id: cs-supervisor, name: 客服主管}"),
        department("finance", "name: 财务部\nroles:\n  - {id: accountant, name: 会计}"),
        department("qa", "id: quality-assurance\nname: 品保部"),
    ]

    let position = SourcePosition(path: "content/processes/p.md", line: 7, column: 18)

    func resolve(_ reference: String, allowRole: Bool = true) -> Result<Party, Diagnostic> {
        var diagnostics: [Diagnostic] = []
        let directory = Directory(Self.departments, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        return directory.party(Located(reference, at: position), allowRole: allowRole)
    }

    @Test("By id, by exact name, and mixed", arguments: [
        ("customer-service", "customer-service", nil),
        ("客服部", "customer-service", nil),
        ("客服部/客服专员", "customer-service", "cs-agent"),
        ("customer-service/cs-supervisor", "customer-service", "cs-supervisor"),
        ("客服部/cs-agent", "customer-service", "cs-agent"),
        ("customer-service/客服主管", "customer-service", "cs-supervisor"),
        ("财务部/会计", "finance", "accountant"),
        ("quality-assurance", "quality-assurance", nil),
        ("品保部", "quality-assurance", nil),
    ] as [(String, String, String?)])
    func resolves(_ reference: String, _ department: String, _ role: String?) throws {
        let party = try resolve(reference).get()
        #expect(party == Party(departmentID: department, roleID: role))
    }

    @Test("The file name is not an id when the file gives another one")
    func fileNameIsNotID() {
        guard case .failure(let diagnostic) = resolve("qa") else {
            Issue.record("`qa` should not resolve: the department's id is quality-assurance")
            return
        }
        #expect(diagnostic.rule == "handbook.reference.unknown-department")
    }

    @Test("Unknown department: error at the reference, with the nearest name", arguments: [
        ("客服布", "客服部"),
        ("客服布/客服专员", "客服部"),
        ("custmer-service", "customer-service"),
        ("财物部", "财务部"),
    ])
    func unknownDepartment(_ reference: String, _ suggestion: String) {
        guard case .failure(let diagnostic) = resolve(reference) else {
            Issue.record("`\(reference)` should not resolve")
            return
        }
        #expect(diagnostic.rule == "handbook.reference.unknown-department")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.position == position)
        #expect(diagnostic.message.contains(String(reference.split(separator: "/")[0])))
        #expect(diagnostic.notes == ["did you mean \(suggestion)?"])
        #expect(diagnostic.formatted.hasPrefix("content/processes/p.md:7:18: error: "))
        #expect(diagnostic.formatted.hasSuffix("[handbook.reference.unknown-department]"))
    }

    @Test("No suggestion when nothing is near")
    func noFarSuggestion() {
        guard case .failure(let diagnostic) = resolve("人力资源与行政管理中心") else {
            Issue.record("should not resolve")
            return
        }
        #expect(diagnostic.notes.isEmpty)
    }

    @Test("Unknown role: error with the nearest role name")
    func unknownRole() {
        guard case .failure(let diagnostic) = resolve("客服部/客服专元") else {
            Issue.record("should not resolve")
            return
        }
        #expect(diagnostic.rule == "handbook.reference.unknown-role")
        #expect(diagnostic.position == position)
        #expect(diagnostic.notes == ["did you mean 客服专员?"])
    }

    @Test("A role where only a department is allowed")
    func roleNotAllowed() {
        guard case .failure(let diagnostic) = resolve("客服部/客服专员", allowRole: false) else {
            Issue.record("should not resolve")
            return
        }
        #expect(diagnostic.rule == "handbook.reference.role-not-allowed")
    }

    @Test("Duplicate department ids and names, duplicate role ids")
    func duplicates() {
        var diagnostics: [Diagnostic] = []
        _ = Directory([
            Self.department("a", "name: 甲部"),
            Self.department("a2", "id: a\nname: 乙部"),
            Self.department("b", "name: 甲部"),
            Self.department("c", "name: 丙部\nroles:\n  - {id: r, name: 一}\n  - {id: r, name: 二}"),
        ], diagnostics: &diagnostics)
        #expect(Set(diagnostics.map(\.rule)) == ["handbook.department.duplicate-id", "handbook.department.duplicate-name",
                                                 "handbook.role.duplicate-id"])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }
}
