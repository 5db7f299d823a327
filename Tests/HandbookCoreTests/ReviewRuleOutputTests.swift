import Foundation
import Testing
@testable import HandbookCore

/// What the review's findings do: `--strict`, whether `build` publishes, and the two output
/// formats of `check`.
@Suite("Review rules: strict, build and output formats")
struct ReviewRuleOutputTests {
    /// An invalid fixture, markers removed, in a temporary handbook.
    static func handbook(_ fixture: String) throws -> TestHandbook {
        try TestHandbook(ReviewRuleTests.load(fixture).files)
    }

    /// Fixtures whose diagnostics are warnings only.
    static let warningsOnly = ["department-no-duty", "link-unpublished", "markdown-raw-html", "step-no-output",
                               "process-approval-incomplete", "step-broken-handover", "frontmatter-unknown-key"]

    @Test("--strict turns every warning into an error at the same place, with the same rule", arguments: warningsOnly)
    func strict(_ fixture: String) async throws {
        let handbook = try Self.handbook(fixture)
        let plain = await Pipeline.check(handbook.options())
        let strict = await Pipeline.check(handbook.options(strict: true))
        #expect(!plain.diagnostics.isEmpty)
        #expect(plain.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(!plain.diagnostics.hasErrors)
        #expect(strict.diagnostics.allSatisfy { $0.severity == .error })
        #expect(strict.diagnostics.map(\.position) == plain.diagnostics.map(\.position))
        #expect(strict.diagnostics.map(\.rule) == plain.diagnostics.map(\.rule))
        #expect(strict.diagnostics.map(\.message) == plain.diagnostics.map(\.message))
    }

    @Test("build publishes with warnings only, and publishes nothing with --strict", arguments: warningsOnly)
    func buildWithWarnings(_ fixture: String) async throws {
        let handbook = try Self.handbook(fixture)
        let strict = try await handbook.build(strict: true)
        #expect(!strict.report.published)
        #expect(!FileManager.default.fileExists(atPath: handbook.output.path))
        let site = try await handbook.build()
        #expect(site.report.published)
        #expect(site.exists("index.html"))
        #expect(site.exists("processes/intake/index.html"))
        #expect(!site.report.diagnostics.isEmpty)
    }

    @Test("build with errors publishes nothing and leaves the previous output exactly as it was",
          arguments: ["reference-unknown-department", "link-broken", "yaml-syntax", "step-no-end"])
    func buildWithErrors(_ fixture: String) async throws {
        let marked = try ReviewRuleTests.load(fixture)
        let handbook = try TestHandbook(fixture: "valid-basic")
        let first = try await handbook.build()
        #expect(first.report.published)
        let before = first.snapshot()
        try FileManager.default.removeItem(at: handbook.root)
        try FileManager.default.createDirectory(at: handbook.root, withIntermediateDirectories: true)
        try handbook.write(marked.files)
        let second = try await handbook.build()
        #expect(!second.report.published)
        #expect(second.report.diagnostics.hasErrors)
        #expect(second.snapshot() == before)
    }

    @Test("An output folder that is, holds or sits in the content folder is refused; no build deletes the sources",
          arguments: ["content", "./content", ".", "content/site"])
    func outputOverContent(_ output: String) async throws {
        let handbook = try Self.handbook("department-no-duty")
        let config = MarkedText("title: 手册\noutput: 1️⃣\(output)\n")
        try handbook.write(["handbook.yml": config.text])
        let options = Pipeline.Options(root: handbook.root, date: TestHandbook.date)  // the output of handbook.yml
        let report = await Pipeline.check(options)
        let refused = report.diagnostics.filter { $0.rule == "handbook.config.folder" }.map(\.position)
        #expect(refused == [SourcePosition(path: "handbook.yml", line: config["1️⃣"].line, column: config["1️⃣"].column)])
        _ = try? await Pipeline.build(options)
        _ = try? await Pipeline.build(options)
        let source = handbook.root.appendingPathComponent("content/departments/legal.md")
        let sourcesKept = FileManager.default.fileExists(atPath: source.path)
        let noNestedSite = !FileManager.default.fileExists(atPath: handbook.root.appendingPathComponent("content/site/site").path)
        #expect(sourcesKept)
        #expect(noNestedSite)
    }

    // MARK: The executable

    /// In English (`--lang en`) unless `extra` names a language: the fixtures are zh-CN handbooks.
    static func runCheck(_ handbook: TestHandbook, _ extra: [String] = []) throws -> CommandLineTests.Run {
        let language = extra.contains("--lang") ? [] : ["--lang", "en"]
        return try CommandLineTests.run(["check", handbook.root.path] + language + extra, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
    }

    @Test("check in a zh-CN handbook: Chinese lines, notes and summary; JSON says the same with the same keys",
          .enabled(if: CommandLine.handbookBinary != nil, "the handbook executable is not built"))
    func chinese() async throws {
        let handbook = try Self.handbook("reference-unknown-department")
        let text = try Self.runCheck(handbook, ["--lang", "zh-CN"])
        let report = await Pipeline.check(handbook.options())
        let lines = text.stderr.split(separator: "\n").map(String.init)
        #expect(lines == report.diagnostics.map { $0.formatted(in: .zhCN) })
        #expect(lines.first == "content/processes/intake.md:3:8: error: 没有部门“客户部”（是否指“客服部”？） [handbook.reference.unknown-department]")
        #expect(text.stdout == "3 个错误，0 个警告，共 2 个文件\n")
        let json = try Self.runCheck(handbook, ["--lang", "zh-CN", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["message"] as? String } == report.diagnostics.map { $0.message(in: .zhCN) })
        #expect(objects.map { $0["notes"] as? [String] } == report.diagnostics.map { $0.notes(in: .zhCN) })
        #expect(objects.map { $0["rule"] as? String } == report.diagnostics.map(\.rule))
        // Without --lang: handbook.yml's language, zh-CN here.
        #expect(try CommandLineTests.run(["check", handbook.root.path]).stderr == text.stderr)
    }

    /// The text format's lines: `path:line:col: severity: message (notes) [rule]`.
    static func formatted(_ object: [String: Any]) -> String {
        var text = "\(object["path"]!):\(object["line"]!):\(object["column"]!): \(object["severity"]!): \(object["message"]!)"
        if let notes = object["notes"] as? [String], !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        return text + " [\(object["rule"]!)]"
    }

    @Test("check --format json: an array of flat objects that say what the text format says; exit 1 with errors",
          .enabled(if: CommandLine.handbookBinary != nil, "the handbook executable is not built"),
          arguments: ["reference-unknown-department", "frontmatter-unknown-key", "id-invalid", "link-broken-anchor"])
    func json(_ fixture: String) async throws {
        let handbook = try Self.handbook(fixture)
        let expectedStatus: Int32 = fixture == "frontmatter-unknown-key" ? 0 : 1
        let json = try Self.runCheck(handbook, ["--format", "json"])
        #expect(json.status == expectedStatus)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        let objects = try #require(parsed as? [[String: Any]], "not an array of objects: \(json.stdout)")
        #expect(!objects.isEmpty)
        let keys: Set<String> = ["path", "line", "column", "severity", "rule", "message", "notes"]
        for object in objects {
            #expect(Set(object.keys) == keys)
            #expect(object["line"] is Int && object["column"] is Int)
            #expect(["error", "warning"].contains(object["severity"] as? String))
            #expect(object["notes"] is [String])
        }

        let text = try Self.runCheck(handbook)
        #expect(text.status == expectedStatus)
        let lines = text.stderr.split(separator: "\n").map(String.init)
        #expect(objects.map(Self.formatted) == lines)

        // The same findings as the library reports, in the same order.
        let report = await Pipeline.check(handbook.options())
        #expect(lines == report.diagnostics.map(\.formatted))
        let errors = objects.filter { $0["severity"] as? String == "error" }.count
        let warnings = objects.count - errors
        let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(report.fileCount) files"
        #expect(text.stdout.split(separator: "\n").last.map(String.init) == summary)
    }

    @Test("check exits 0 on a clean handbook (JSON `[]`), and 1 with --strict when there are warnings",
          .enabled(if: CommandLine.handbookBinary != nil, "the handbook executable is not built"))
    func exitStatus() throws {
        let clean = try TestHandbook(fixture: "valid-basic")
        let json = try Self.runCheck(clean, ["--format", "json"])
        #expect(json.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.isEmpty == true)
        let text = try Self.runCheck(clean)
        #expect(text.status == 0)
        #expect(text.stderr.isEmpty)
        #expect(text.stdout.range(of: #"^0 errors, 0 warnings in \d+ files\n?$"#, options: .regularExpression) != nil)

        let warnings = try Self.handbook("department-no-duty")
        #expect(try Self.runCheck(warnings).status == 0)
        let strict = try Self.runCheck(warnings, ["--strict", "--format", "json"])
        #expect(strict.status == 1)
        let objects = try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8)) as? [[String: Any]]
        #expect(objects?.map { $0["severity"] as? String } == ["error"])
        #expect(try Self.runCheck(warnings, ["--strict"]).stdout.hasPrefix("1 error, 0 warnings in 3 files"))
    }
}
