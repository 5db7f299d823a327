import Foundation
import Testing
@testable import HandbookCore

/// A large handbook's pages stay small enough to open and print. The bound: at 2,000
/// processes and 60 departments no HTML file may pass 1 MB; a page's size grows at most with
/// the processes (a department's share of them), so at `processes` it must stay under
/// 1 MB × processes / 2,000. The whole-organisation matrix of old (processes × departments on
/// one page) was 8 MB at 2,000, 1.2 MB at 300: far over this bound.
@Suite("Page sizes at scale")
struct ScaleTests {
    static let processes = 300, departments = 60
    static let bound = (1 << 20) * processes / 2_000

    /// Like `gen-corpus.py`: departments of 2–5 roles, processes of 6–15 steps, each step
    /// given to a random role with up to two collaborating departments. Seeded: the same every run.
    static func corpus() throws -> TestHandbook {
        var random = SplitMix64(seed: 2_000)
        var files: [String: String] = [:]
        var roles: [[String]] = []
        for d in 0..<departments {
            let ids = (0..<Int.random(in: 2...5, using: &random)).map { "d\(d)-r\($0)" }
            roles.append(ids)
            files["content/departments/d\(d).md"] = "---\nname: 部门\(d)\nroles:\n"
                + ids.map { "  - id: \($0)\n    name: 岗位\($0)\n" }.joined() + "---\n部门\(d)的职责说明。\n"
        }
        let categories = ["客户服务", "采购管理", "财务管理", "人力资源", "质量管理", "信息安全", "生产运营"]
        for p in 0..<processes {
            var text = "---\ntitle: 流程\(p)：审核采购申请处理流程\nowner: d\(p % departments)\nstatus: approved\n"
                + "version: \"1.0\"\neffective: 2026-01-01\napproved_by: 经理\ncategory: \(categories[p % categories.count])\n"
                + "inputs: [申请]\nsteps:\n"
            let count = Int.random(in: 6...15, using: &random)
            for s in 1...count {
                let d = Int.random(in: 0..<departments, using: &random)
                let collaborators = (0..<Int.random(in: 0...2, using: &random)).map { _ in Int.random(in: 0..<departments, using: &random) }
                    .filter { $0 != d }.map { "d\($0)" }
                text += "  - id: \(s)\n    name: 审核第\(s)份采购申请\n    input: \(s == 1 ? "申请" : "记录\(s - 1)")\n"
                    + "    responsible: d\(d)/\(roles[d].randomElement(using: &random)!)\n"
                    + "    collaborators: [\(collaborators.joined(separator: ", "))]\n"
                    + "    duties: 记录投诉工单，审核采购申请，确认合同草案。\n    deadline: 接收后30分钟内\n"
                    + "    outputs: [记录\(s)]\n    risk: 需保证信息准确完整\n"
            }
            files["content/processes/p\(p).md"] = text + "---\n本流程适用于相关业务。\n"
        }
        return try TestHandbook(files)
    }

    @Test("No page passes its share of 1 MB at 2,000 processes; the matrix is a page per department")
    func sizes() async throws {
        let handbook = try Self.corpus()
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.prefix(3).map(\.formatted))")
        var largest: [String: (size: Int, path: String)] = [:]
        for path in site.files() where path.hasSuffix(".html") {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: site.url(path).path)[.size] as? Int)
            let kind = String(path.split(separator: "/").first ?? "")
            if size > largest[kind]?.size ?? -1 { largest[kind] = (size, path) }
            #expect(size <= Self.bound, "\(path) is \(size / 1024) KB, over \(Self.bound / 1024) KB")
        }
        #expect(site.files().filter { $0.hasPrefix("matrix/") && $0.hasSuffix(".html") }.count == Self.departments + 1)
        // The bound is not met by accident: the largest pages are the long lists it is about.
        #expect((largest["departments"]?.size ?? 0) > Self.bound / 3, "\(largest)")
    }
}
