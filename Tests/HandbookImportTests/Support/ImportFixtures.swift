import Foundation
import HandbookCore
@testable import HandbookImport

/// The committed fixtures (made by `Fixtures/import/make_fixtures.py`) and small handbooks
/// written to a temporary folder for each test.
enum ImportFixtures {
    static func path(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/import/\(name)", withExtension: nil) else {
            throw Missing(name: name)
        }
        return url.path
    }

    struct Missing: Error { var name: String }

    /// A handbook with the seed's departments: 客服部 (客服专员, 客服主管, 数据专员) and 品保部
    /// (品保工程师); `departments: false` for one with none.
    static func handbook(departments: Bool = true) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("import-test-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("content/departments")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "title: 测试手册\n".write(to: root.appendingPathComponent("handbook.yml"), atomically: true, encoding: .utf8)
        try "# 测试手册\n".write(to: root.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        guard departments else { return root }
        try """
        ---
        name: 客服部
        roles:
          - {id: cs-agent, name: 客服专员}
          - {id: cs-supervisor, name: 客服主管}
          - {id: data-analyst, name: 数据专员}
        ---
        """.write(to: folder.appendingPathComponent("customer-service.md"), atomically: true, encoding: .utf8)
        try """
        ---
        name: 品保部
        roles:
          - {id: qa-engineer, name: 品保工程师}
        ---
        """.write(to: folder.appendingPathComponent("quality-assurance.md"), atomically: true, encoding: .utf8)
        return root
    }

    /// Every file under `root`'s content folder, relative to it, with its text.
    static func contents(_ root: URL) -> [String: String] {
        var found: [String: String] = [:]
        let content = root.appendingPathComponent("content")
        guard let enumerator = FileManager.default.enumerator(atPath: content.path) else { return [:] }
        for case let path as String in enumerator {
            let url = content.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                found[path] = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            }
        }
        return found
    }

    /// The handbook built with drafts; its `handbook.json`'s processes.
    static func builtProcesses(_ root: URL) async throws -> [[String: Any]] {
        let output = root.appendingPathComponent("public")
        let report = try await Pipeline.build(Pipeline.Options(root: root, output: output, drafts: true))
        guard report.published else { throw BuildFailed(diagnostics: report.diagnostics.map(\.formatted)) }
        let data = try Data(contentsOf: output.appendingPathComponent("handbook.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return json?["processes"] as? [[String: Any]] ?? []
    }

    struct BuildFailed: Error { var diagnostics: [String] }
}
