import Foundation
import Testing
@testable import HandbookCore

/// Rules about files as bytes and folders, which fixture text cannot hold: invalid UTF-8, NUL
/// bytes, oversized files, symbolic links, a missing content folder.
@Suite("Review rules: files and folders")
struct ReviewRuleFileTests {
    /// The rules this suite covers (for the coverage test in ReviewRuleTests).
    static let rules: Set<String> = [
        "handbook.file.invalid-utf8", "handbook.file.nul-byte", "handbook.file.too-large",
        "handbook.content.symlink-outside", "handbook.content.missing",
    ]

    static let department = "---\nname: 客服部\n---\n"
    static let process = """
        ---
        title: 投诉受理
        owner: cs
        status: approved
        version: "1"
        effective: 2026-01-01
        approved_by: 客服部经理
        steps:
          - {id: 1, name: 接收投诉, responsible: cs, duties: 记录投诉, outputs: [投诉工单]}
        ---

        """

    /// A clean handbook plus one more file, written as bytes.
    static func handbook(_ path: String, _ data: Data) throws -> TestHandbook {
        let handbook = try TestHandbook(["content/departments/cs.md": department, "content/processes/intake.md": process])
        try handbook.write(path, data)
        return handbook
    }

    /// Marked text whose `X` is replaced by raw bytes: the marker sits right before them.
    static func bytes(_ marked: String, replacing byte: [UInt8]) -> (Data, MarkedText.Location) {
        let text = MarkedText(marked)
        var data = Data()
        for part in text.text.split(separator: "X", omittingEmptySubsequences: false).enumerated() {
            if part.offset > 0 { data.append(contentsOf: byte) }
            data.append(contentsOf: Array(part.element.utf8))
        }
        return (data, text["1️⃣"])
    }

    static func only(_ report: Pipeline.Report) -> [String] {
        report.diagnostics.map { "\($0.position.path):\($0.position.line):\($0.position.column): \($0.severity.rawValue) [\($0.rule)]" }
    }

    static let invalidBytes: [(String, [UInt8])] = [
        ("---\nname: 客服1️⃣X部\n---\n", [0xFF]),
        ("---\nname: 客服部\n---\n正文第一行\n中文1️⃣X", [0xE5, 0xAE]),  // a sequence cut short at the end
        ("1️⃣X---\nname: 客服部\n---\n", [0xC0, 0xAF]),             // an overlong `/`
    ]

    @Test("Bytes that are not UTF-8: an error at the character where they are", arguments: invalidBytes)
    func invalidUTF8(_ marked: String, _ byte: [UInt8]) async throws {
        let (data, at) = Self.bytes(marked, replacing: byte)
        let handbook = try Self.handbook("content/departments/bad.md", data)
        let report = await Pipeline.check(handbook.options())
        #expect(Self.only(report) == ["content/departments/bad.md:\(at): error [handbook.file.invalid-utf8]"])
    }

    @Test("A NUL byte: an error where it is, the file is not read further")
    func nulByte() async throws {
        let (data, at) = Self.bytes("---\ntitle: 指南\n---\n正文里有1️⃣X一个空字符\n", replacing: [0])
        let handbook = try Self.handbook("content/guide.md", data)
        let report = await Pipeline.check(handbook.options())
        #expect(Self.only(report) == ["content/guide.md:\(at): error [handbook.file.nul-byte]"])
    }

    @Test("A file over 10 MB is refused at 1:1, and the rest is still checked")
    func tooLarge() async throws {
        let line = Data("这是一行很长的说明文字，用来把文件撑大。\n".utf8)
        var data = Data(capacity: 11 * 1024 * 1024 + line.count)
        while data.count <= 11 * 1024 * 1024 { data.append(line) }
        let handbook = try Self.handbook("content/huge.md", data)
        try handbook.write("content/guide.md", Data("[坏链接](nope.md)\n".utf8))
        let report = await Pipeline.check(handbook.options())
        #expect(Self.only(report) == ["content/guide.md:1:1: error [handbook.link.broken]",
                                      "content/huge.md:1:1: error [handbook.file.too-large]"])
        #expect(report.diagnostics.last?.message.contains("10 MB") == true)
    }

    @Test("Exactly 10 MB is still read")
    func atTheLimit() async throws {
        var data = Data("# 标题\n\n".utf8)
        let line = Data(String(repeating: "a", count: 1023).utf8) + Data("\n\n".utf8)
        while data.count + line.count <= SourceFile.sizeLimit { data.append(line) }
        data.append(Data(repeating: UInt8(ascii: "\n"), count: SourceFile.sizeLimit - data.count))
        #expect(data.count == SourceFile.sizeLimit)
        let handbook = try Self.handbook("content/big.md", data)
        #expect(Self.only(await Pipeline.check(handbook.options())) == [])
    }

    @Test("A symbolic link to /etc/hostname: a warning, and nothing of the file is read or published",
          .enabled(if: FileManager.default.isReadableFile(atPath: "/etc/hostname")))
    func symlinkOutside() async throws {
        let handbook = try Self.handbook("content/guide.md", Data("# 指南\n".utf8))
        let content = handbook.root.appendingPathComponent("content")
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("hostname.md").path,
                                                   withDestinationPath: "/etc/hostname")
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("etc").path,
                                                   withDestinationPath: "/etc")
        let report = await Pipeline.check(handbook.options())
        #expect(Self.only(report) == ["content/etc:1:1: warning [handbook.content.symlink-outside]",
                                      "content/hostname.md:1:1: warning [handbook.content.symlink-outside]"])
        let site = try await handbook.build()
        #expect(site.report.published)
        #expect(!site.exists("hostname/index.html"))
        #expect(site.files().allSatisfy { !$0.hasPrefix("etc/") && !$0.hasPrefix("hostname") })
        let hostname = try String(contentsOfFile: "/etc/hostname", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if hostname.count >= 6 { #expect(site.filesContaining(hostname) == []) }
    }

    @Test("A document that cannot be read gets its own error, not a broken-link error in every file linking to it")
    func unreadableTargetIsNotBrokenLink() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let review = try handbook.source("content/processes/quality-review.md")
        // complaint-intake.md and guides/onboarding.md link to quality-review.md.
        try handbook.write(["content/processes/quality-review.md": review.replacingOccurrences(of: "title: 质量复核流程", with: "title: [质量复核流程")])
        let errors = await handbook.check().diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.rule) == ["handbook.yaml.syntax"], "\(errors.map(\.formatted))")
        #expect(errors.first?.position.path == "content/processes/quality-review.md")
    }

    @Test("A process that cannot be read does not make its departments and roles look idle")
    func unreadableProcessGivesNoCoverageWarnings() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        // 审计部's only duty is in audit.md.
        let audit = """
            ---
            title: 审计流程
            owner: 审计部
            status: approved
            steps:
              - {id: 1, name: 抽查, responsible: 审计部, duties: 抽查工单, outputs: [抽查记录]}
            ---
            """
        try handbook.write(["content/departments/审计部.md": "---\nname: 审计部\n---\n",
                            "content/processes/audit.md": audit])
        #expect(await handbook.check().diagnostics.filter { $0.rule.hasSuffix(".no-duty") }.isEmpty)
        try handbook.write(["content/processes/audit.md": audit.replacingOccurrences(of: "title: 审计流程", with: "title: [审计流程")])
        let report = await handbook.check()
        #expect(report.diagnostics.map(\.rule) == ["handbook.yaml.syntax"], "\(report.diagnostics.map(\.formatted))")
        // Without the process at all, 审计部 has no duty, and that is said.
        try FileManager.default.removeItem(at: handbook.root.appendingPathComponent("content/processes/audit.md"))
        let without = await handbook.check().diagnostics
        #expect(without.map(\.rule) == ["handbook.department.no-duty"], "\(without.map(\.formatted))")
    }

    @Test("A symbolic link that stays inside content/ is followed without a warning")
    func symlinkInside() async throws {
        let handbook = try Self.handbook("content/guides/real.md", Data("# 真实页面\n".utf8))
        try FileManager.default.createSymbolicLink(
            atPath: handbook.root.appendingPathComponent("content/alias.md").path,
            withDestinationPath: handbook.root.appendingPathComponent("content/guides/real.md").path)
        #expect(Self.only(await Pipeline.check(handbook.options())) == [])
    }

    @Test("No content folder and no handbook.yml: handbook.content.missing, at the default folder")
    func contentMissingByDefault() async throws {
        let handbook = try TestHandbook()
        let report = await Pipeline.check(handbook.options())
        #expect(Self.only(report) == ["content:1:1: error [handbook.content.missing]"])
        let site = try await handbook.build()
        #expect(!site.report.published)
    }
}
