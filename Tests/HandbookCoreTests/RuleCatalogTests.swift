import Foundation
import Testing
@testable import HandbookCore

/// The rule catalog against what the code can emit, the README's table and `handbook explain`.
@Suite("Rule catalog")
struct RuleCatalogTests {
    /// Rule ids written as literals anywhere in Sources: every diagnostic names its rule so.
    static func emittedIDs() throws -> Set<String> {
        let sources = TestHandbook.repositoryRoot.appendingPathComponent("Sources")
        var ids: Set<String> = []
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in files where url.pathExtension == "swift" && !url.path.contains("/Rules/") {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: /"(handbook\.[a-z]+(?:-[a-z]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*)"/) { ids.insert(String(match.1)) }
        }
        return ids
    }

    /// The ids in the README's "What check enforces" table; `a` / `b` after a full id share its first two parts.
    static func readmeIDs() throws -> Set<String> {
        let readme = try String(contentsOf: TestHandbook.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## What check enforces").dropFirst().first?.components(separatedBy: "\n## ").first)
        var ids: Set<String> = []
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.split(separator: "|").first.map(String.init) ?? ""
            var prefix = ""
            for match in cell.matches(of: /`([a-z0-9.\-]+)`/) {
                var id = String(match.1)
                if id.hasPrefix("handbook.") {
                    prefix = id.split(separator: ".").prefix(2).joined(separator: ".")
                } else {
                    id = prefix + "." + id
                }
                ids.insert(id)
            }
        }
        return ids
    }

    @Test("The catalog lists every rule id the code can emit, and no other")
    func catalogMatchesSources() throws {
        let emitted = try Self.emittedIDs()
        let listed = Set(RuleCatalog.ids)
        #expect(emitted.count > 50)
        #expect(emitted.subtracting(listed).sorted() == [], "emitted but not in RuleCatalog")
        #expect(listed.subtracting(emitted).sorted() == [], "in RuleCatalog but never emitted")
        #expect(RuleCatalog.ids.count == listed.count, "an id listed twice")
    }

    @Test("The README's rules table names exactly the catalog's rules, at their severity")
    func readmeMatchesCatalog() throws {
        let readme = try Self.readmeIDs()
        let listed = Set(RuleCatalog.ids)
        #expect(listed.subtracting(readme).sorted() == [], "missing from the README's table")
        #expect(readme.subtracting(listed).sorted() == [], "in the README but not a rule")
    }

    @Test("Every rule has a summary in both languages, with no English in the Chinese")
    func summaries() {
        for rule in RuleCatalog.all {
            #expect(!rule.summary.zh.isEmpty && !rule.summary.en.isEmpty, "\(rule.id)")
            let text = RuleCatalog.explanation(of: rule, in: .zhCN)
            // Examples are indented as code; the prose around them is Chinese.
            let prose = text.split(separator: "\n").filter { !$0.hasPrefix("    ") }.dropFirst().joined(separator: "\n")
            #expect(DiagnosticLanguageTests.englishRuns(prose) == [], "\(rule.id): \(prose)")
        }
    }

    @Test("Each rule's default severity is the one its diagnostics have in the fixtures")
    func severities() async throws {
        for fixture in ReviewRuleTests.cases {
            for expected in fixture.expected {
                let rule = try #require(RuleCatalog.rule(expected.rule), "\(expected.rule)")
                #expect(rule.severity == expected.severity, "\(expected.rule) in \(fixture.fixture)")
            }
        }
    }

    @Test("`rules:` sets a level (`severity:` still does); an id that is no rule is an error at its line with the nearest one")
    func rulesKey() async throws {
        let marked = MarkedText("""
            title: 手册
            rules:
              handbook.step.no-output: off
              1️⃣handbook.step.no-outputs: off
            """)
        let handbook = try TestHandbook(fixture: "valid-basic", ["handbook.yml": marked.text])
        let (config, diagnostics) = HandbookLoader.loadConfig(root: handbook.root)
        #expect(config.severity["handbook.step.no-output"] == .off)
        #expect(diagnostics.map { "\($0.position.line):\($0.position.column) \($0.rule)" } == ["\(marked.markers["1️⃣"]!) handbook.config.severity"])
        #expect(diagnostics.first?.notes == ["did you mean handbook.step.no-output?"])
        #expect(diagnostics.first?.notes(in: .zhCN) == ["是否指“handbook.step.no-output”？"])
        try handbook.write(["handbook.yml": "title: 手册\nseverity:\n  handbook.step.no-output: off\n"])
        let (old, none) = HandbookLoader.loadConfig(root: handbook.root)
        #expect(old.severity["handbook.step.no-output"] == .off && none.isEmpty)
    }
}

/// `handbook explain`, run as a user would.
@Suite("handbook explain", .enabled(if: CommandLine.handbookBinary != nil, "the handbook executable is not built"))
struct ExplainCommandTests {
    @Test("explain RULE prints the explanation in the language asked for; a wrong id exits 2 with the nearest")
    func explain() throws {
        let zh = try CommandLineTests.run(["explain", "handbook.step.no-responsible", "--lang", "zh-CN"])
        #expect(zh.status == 0)
        #expect(zh.stdout.hasPrefix("handbook.step.no-responsible (错误)\n\n步骤没有负责人（遗漏）\n"), "\(zh.stdout)")
        #expect(zh.stdout.contains("每一步必须有且只有一个负责人"))
        let en = try CommandLineTests.run(["explain", "step.no-responsible", "--lang", "en"])
        #expect(en.stdout.hasPrefix("handbook.step.no-responsible (error)\n\na step without a responsible party"), "\(en.stdout)")
        let warning = try CommandLineTests.run(["explain", "handbook.process.review-overdue", "--lang", "en"])
        #expect(warning.stdout.contains("handbook.yml's `rules:` can set it to error, warning or off."))
        let wrong = try CommandLineTests.run(["explain", "handbook.step.no-responsable", "--lang", "en"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("did you mean handbook.step.no-responsible?"), "\(wrong.stderr)")
        let all = try CommandLineTests.run(["explain", "--lang", "en"])
        #expect(all.stdout.split(separator: "\n").count == RuleCatalog.all.count)
    }
}
