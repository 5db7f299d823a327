import Foundation
import Testing
@testable import HandbookCore

/// What `check` asks of authors once git has the approved versions: each rule at the `version`
/// it is about, in a repository made for the purpose (`HistoryTests.repository`: 1.0, 1.1, 2.0).
@Suite("Version checks against git history")
struct HistoryCheckTests {
    /// Today's file: version 2.0 as committed, changed as `edit` says, with `1️⃣` at its version.
    static func check(_ marked: String) async throws -> (report: Pipeline.Report, marker: MarkedText.Location) {
        let handbook = try HistoryTests.repository()
        let text = MarkedText(marked)
        try handbook.write(["content/processes/complaints.md": text.text])
        var options = handbook.options()
        options.history = true
        return (await Pipeline.check(options), text["1️⃣"])
    }

    static func found(_ report: Pipeline.Report) -> [String] {
        report.diagnostics.filter { $0.rule.hasPrefix("handbook.history.") }.map {
            "\($0.position.path):\($0.position.line):\($0.position.column) \($0.severity.rawValue) \($0.rule)"
        }
    }

    static let committed = HistoryTests.process(
        version: "2.0", changes: HistoryTests.v20, receiveDeadline: "接收后10分钟内", handler: "customer-service/cs-supervisor",
        followUp: true, archiveName: "数据归档", body: "客户投诉按本流程处理，并在两日内回访。")

    static func marked(_ text: String, version: String) -> String {
        // The process's own `version` (a line of its own), not those of `changes:`; the
        // position is the value's first character, inside its quotes.
        text.replacingOccurrences(of: "\nversion: \"\(version)\"", with: "\nversion: \"1️⃣\(version)\"")
    }

    @Test("The committed file has nothing to say")
    func clean() async throws {
        let (report, _) = try await Self.check(Self.marked(Self.committed, version: "2.0"))
        #expect(Self.found(report) == [])
    }

    @Test("Steps changed while the version stayed: a warning at `version`, naming the step")
    func unchangedVersion() async throws {
        let edited = Self.committed.replacingOccurrences(of: "收到工单后48小时内", with: "收到工单后24小时内")
        let (report, at) = try await Self.check(Self.marked(edited, version: "2.0"))
        #expect(Self.found(report) == ["content/processes/complaints.md:\(at.line):\(at.column) warning handbook.history.unchanged-version"])
        let diagnostic = try #require(report.diagnostics.first { $0.rule == "handbook.history.unchanged-version" })
        #expect(diagnostic.notes == ["steps changed: 2"])
        #expect(diagnostic.message(in: .zhCN).contains("版本号却没变"))
    }

    @Test("A body edit alone does not ask for a new version")
    func bodyOnly() async throws {
        let edited = Self.committed.replacingOccurrences(of: "并在两日内回访", with: "并在三日内回访")
        let (report, _) = try await Self.check(Self.marked(edited, version: "2.0"))
        #expect(Self.found(report) == [])
    }

    @Test("A version lower than one approved before is an error")
    func backwards() async throws {
        let edited = HistoryTests.process(version: "1.5", changes: [("1.5", "回退")] + HistoryTests.v20)
        let (report, at) = try await Self.check(Self.marked(edited, version: "1.5"))
        #expect(Self.found(report) == ["content/processes/complaints.md:\(at.line):\(at.column) error handbook.history.version-backwards"])
        #expect(report.diagnostics.hasErrors)
    }

    @Test("A new version without its `changes:` entry is a warning")
    func noChangeEntry() async throws {
        let edited = HistoryTests.process(version: "2.1", changes: HistoryTests.v20, handler: "customer-service/cs-supervisor")
        let (report, at) = try await Self.check(Self.marked(edited, version: "2.1"))
        #expect(Self.found(report) == ["content/processes/complaints.md:\(at.line):\(at.column) warning handbook.history.no-change-entry"])
    }

    @Test("Versions compare part by part, numbers as numbers")
    func versionOrder() {
        #expect(HistoryChecks.compare("1.10", "1.9") == .orderedDescending)
        #expect(HistoryChecks.compare("2.0", "2") == .orderedSame)
        #expect(HistoryChecks.compare("1.0", "1.0.1") == .orderedAscending)
    }
}
