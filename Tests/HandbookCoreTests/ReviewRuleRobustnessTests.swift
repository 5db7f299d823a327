import Foundation
import Testing
@testable import HandbookCore

/// Bad input never crashes or hangs `check`: the fuzzer's finds in `Fixtures/fuzz-regressions/`
/// and hand-made extremes, each read as a department, a process and a plain page.
@Suite("Review rules: hostile input", .serialized, .timeLimit(.minutes(1)))
struct ReviewRuleRobustnessTests {
    /// Where a file goes to be read as each kind of document.
    enum Kind: String, CaseIterable, Sendable {
        case department = "content/departments/x.md"
        case process = "content/processes/x.md"
        case page = "content/x.md"
    }

    static let regressionFolder = TestHandbook.fixture("fuzz-regressions")
    static let regressions: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: regressionFolder.path)) ?? [])
        .filter { $0.hasSuffix(".md") }.sorted()

    /// The rule a regression must be refused with, when it is more precise than "some error".
    static let expectedRule = [
        "alias-bomb-as-key.md": "handbook.yaml.alias-bomb",
        "wide-anchor-alias-bomb.md": "handbook.yaml.alias-bomb",
        "block-mapping-alias-bomb.md": "handbook.yaml.alias-bomb",
    ]
    /// Regressions that Sources do not handle yet.
    static let knownIssues: [String: String] = [:]

    /// Generous: alone each input takes well under a second, but the whole test run shares
    /// two cores with browsers and servers. A hang is caught, not a slow machine.
    static let limit = Duration.seconds(10)

    /// `check`, or nil when it does not return within `limit` (the work is left running, the
    /// test goes on and fails instead of hanging).
    static func check(_ handbook: TestHandbook) async -> Pipeline.Report? {
        let options = handbook.options()
        let once = Once()
        return await withCheckedContinuation { continuation in
            let timer = Task.detached {
                do { try await Task.sleep(for: limit) } catch { return }  // cancelled: the check returned
                if await once.claim() { continuation.resume(returning: nil) }
            }
            Task.detached {
                let report = await Pipeline.check(options)
                if await once.claim() { continuation.resume(returning: report) }
                timer.cancel()
            }
        }
    }

    actor Once {
        private var done = false
        func claim() -> Bool {
            defer { done = true }
            return !done
        }
    }

    static func handbook(_ kind: Kind, _ data: Data) throws -> TestHandbook {
        let handbook = try TestHandbook()
        try handbook.write(kind.rawValue, data)
        return handbook
    }

    @Test("There are fuzz regressions to replay")
    func regressionsExist() {
        #expect(Self.regressions.contains("alias-bomb-as-key.md"))
    }

    @Test("Each fuzz regression, as each kind of document: returns in seconds, with an error",
          arguments: regressions, Kind.allCases)
    func regression(_ file: String, _ kind: Kind) async throws {
        let data = try Data(contentsOf: Self.regressionFolder.appendingPathComponent(file))
        let handbook = try Self.handbook(kind, data)
        let report = try #require(await Self.check(handbook), "\(file) as \(kind) did not return within \(Self.limit)")
        let assertions = {
            let errors = report.diagnostics.filter { $0.severity == .error }.map(\.rule)
            if let rule = Self.expectedRule[file] {
                #expect(errors.contains(rule), "\(file) as \(kind): \(errors)")
            } else {
                #expect(!errors.isEmpty, "\(file) as \(kind) reported no error")
            }
        }
        if let reason = Self.knownIssues[file] {
            withKnownIssue(Comment(rawValue: reason)) { assertions() }
        } else {
            assertions()
        }
    }

    /// Hand-made extremes. A department or a process without its fields is an error; a page
    /// needs no frontmatter, so only some are errors as a page.
    static let extremes: [(name: String, pageError: Bool, text: @Sendable () -> String)] = [
        ("empty file", false, { "" }),
        ("frontmatter only", false, { "---\n---\n" }),
        ("frontmatter only, no final newline", false, { "---\ntitle: 只有头\n---" }),
        ("a lone ---", true, { "---" }),
        ("100,000 nested [", true, { "---\ngoals: " + String(repeating: "[", count: 100_000) + "\n---\n" }),
        ("100,000 nested - in YAML", true, { "---\nroles:\n  " + String(repeating: "- ", count: 100_000) + "x\n---\n" }),
        ("100,000 nested [ in a body", false, { "# 标题\n\n" + String(repeating: "[", count: 100_000) + "\n" }),
        ("100,000 nested > in a body", false, { String(repeating: ">", count: 100_000) + " 引用\n" }),
    ]

    @Test("Extreme files return in seconds as every kind of document",
          arguments: extremes.indices, Kind.allCases)
    func extreme(_ index: Int, _ kind: Kind) async throws {
        let (name, pageError, text) = Self.extremes[index]
        let handbook = try Self.handbook(kind, Data(text().utf8))
        let report = try #require(await Self.check(handbook), "\(name) as \(kind) did not return within \(Self.limit)")
        #expect(report.diagnostics.hasErrors == (kind != .page || pageError), "\(name) as \(kind)")
    }

    @Test("100,000 nested [ are refused at the 65th, as handbook.yaml.too-deep")
    func deepFlow() async throws {
        let marked = MarkedText("---\ngoals: " + String(repeating: "[", count: 64) + "1️⃣" + String(repeating: "[", count: 99_936) + "\n---\n")
        let handbook = try Self.handbook(.process, Data(marked.text.utf8))
        let report = try #require(await Self.check(handbook), "did not return within \(Self.limit)")
        let deep = report.diagnostics.filter { $0.rule == "handbook.yaml.too-deep" }.map(\.position)
        #expect(deep == [SourcePosition(path: Kind.process.rawValue, line: marked["1️⃣"].line, column: marked["1️⃣"].column)])
    }

    @Test("A `|` block of 50,000 lines is read quickly; a link on its last line is placed there")
    func longBlockScalar() async throws {
        let lines = (1..<50_000).map { "      第\($0)行说明" }.joined(separator: "\n")
        let marked = MarkedFiles([
            "content/departments/cs.md": "---\nname: 客服部\n---\n",
            Kind.process.rawValue: """
                ---
                title: 长说明
                owner: cs
                status: draft
                steps:
                  - id: 1
                    name: 接收
                    responsible: cs
                    outputs: [工单]
                    duties: |
                \(lines)
                      见1️⃣[不存在](nope.md)
                ---
                """,
        ])
        let handbook = try TestHandbook(marked.files)
        let report = try #require(await Self.check(handbook), "did not return within \(Self.limit)")
        let broken = report.diagnostics.filter { $0.rule == "handbook.link.broken" }.map(\.position)
        #expect(broken == [marked.positions["1️⃣"]!])
        #expect(marked.positions["1️⃣"]?.line == 50_010)
    }

    @Test("An 11 MB process file is refused as handbook.file.too-large without being parsed")
    func elevenMegabytes() async throws {
        let step = "  - {id: 1, name: 接收, responsible: cs, duties: 做, outputs: [工单]}\n"
        var text = "---\ntitle: 巨大\nowner: cs\nstatus: draft\nsteps:\n"
        text.reserveCapacity(11 * 1024 * 1024 + 100)
        while text.utf8.count < 11 * 1024 * 1024 { text += step }
        let handbook = try Self.handbook(.process, Data((text + "---\n").utf8))
        let report = try #require(await Self.check(handbook), "did not return within \(Self.limit)")
        #expect(report.diagnostics.map(\.rule) == ["handbook.file.too-large"])
    }
}
