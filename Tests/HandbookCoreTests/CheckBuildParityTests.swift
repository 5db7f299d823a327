import Foundation
import Testing
@testable import HandbookCore

/// `build` reports exactly what `check` reports, then writes: on every invalid fixture, the
/// same diagnostics in the same order, with the same text in both languages.
@Suite("check and build report the same")
struct CheckBuildParityTests {
    @Test("Every invalid fixture: build's diagnostics are check's", arguments: ReviewRuleTests.cases)
    func parity(_ fixture: ReviewRuleTests.Case) async throws {
        let handbook = try TestHandbook(try ReviewRuleTests.load(fixture.fixture).files)
        for strict in [false, true] {
            let options = handbook.options(strict: strict, date: fixture.date)
            let checked = await Pipeline.check(options)
            let built = try await Pipeline.build(options)
            #expect(built.diagnostics.map { $0.formatted(in: .zhCN) } == checked.diagnostics.map { $0.formatted(in: .zhCN) },
                    "strict: \(strict)")
            #expect(built.diagnostics.map(\.formatted) == checked.diagnostics.map(\.formatted), "strict: \(strict)")
            #expect(built.published == !checked.diagnostics.hasErrors, "strict: \(strict)")
        }
    }

    @Test("The commands print the same lines: build's stderr is check's, then its summary",
          .enabled(if: CommandLine.handbookBinary != nil, "the handbook executable is not built"),
          arguments: ReviewRuleTests.cases)
    func commands(_ fixture: ReviewRuleTests.Case) throws {
        let handbook = try TestHandbook(try ReviewRuleTests.load(fixture.fixture).files)
        let epoch = ["SOURCE_DATE_EPOCH": String(Int(fixture.date.timeIntervalSince1970))]
        let check = try CommandLineTests.run(["check", handbook.root.path], environment: epoch)
        let build = try CommandLineTests.run(["build", handbook.root.path, "--output", handbook.output.path], environment: epoch)
        // build alone says that it read no history (these fixtures are in no git work tree): a
        // line of its own, like its summary.
        var lines = build.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("提示：不在 git") && !$0.hasPrefix("note: not in a git") }
        if build.status == 1 { lines.removeLast(2) } else { lines.removeLast() }
        #expect(lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n") == check.stderr)
        #expect(check.status == build.status)
    }
}
