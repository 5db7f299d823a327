import Foundation
import Testing
@testable import HandbookCore

/// One invalid handbook per rule under `Fixtures/invalid/<rule>/`, each marked with `1️⃣`…
/// where its diagnostics must point: `check` reports exactly the marked (position, severity,
/// rule) triples, nothing more, nothing less.
@Suite("Review rules: one invalid fixture per rule")
struct ReviewRuleTests {
    /// A diagnostic expected at a marker.
    struct Expected: Sendable, CustomStringConvertible {
        var marker: String
        var severity: Diagnostic.Severity
        var rule: String
        /// When given, the diagnostic's notes exactly.
        var notes: [String]?

        static func error(_ marker: String, _ rule: String, notes: [String]? = nil) -> Expected {
            Expected(marker: marker, severity: .error, rule: rule, notes: notes)
        }

        static func warning(_ marker: String, _ rule: String, notes: [String]? = nil) -> Expected {
            Expected(marker: marker, severity: .warning, rule: rule, notes: notes)
        }

        var description: String { "\(marker) \(severity.rawValue) [\(rule)]" }
    }

    /// A fixture folder, what it must report, and how it is checked.
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var expected: [Expected]
        var date = TestHandbook.date
        /// Set while Sources get this case wrong: why, and what they do instead.
        var knownIssue: String?
        /// Set while Sources report more than this case expects; the expected ones must still be there.
        var knownExtra: String?

        init(_ fixture: String, _ expected: [Expected], date: Date = TestHandbook.date,
             knownIssue: String? = nil, knownExtra: String? = nil) {
            self.fixture = fixture
            self.expected = expected
            self.date = date
            self.knownIssue = knownIssue
            self.knownExtra = knownExtra
        }

        var testDescription: String { fixture }
    }

    static func day(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)!
    }

    static let cases: [Case] = [
        // Reading YAML
        Case("yaml-syntax", [.error("1️⃣", "handbook.yaml.syntax"), .error("2️⃣", "handbook.yaml.syntax"),
                             .error("3️⃣", "handbook.yaml.syntax"), .error("4️⃣", "handbook.yaml.syntax"),
                             .error("5️⃣", "handbook.yaml.syntax"),
                             // A quote left open at line 5 and closed by the next quote, at line 17: a note points at line 5.
                             .error("6️⃣", "handbook.yaml.syntax", notes: [
                                 "the quote opened at line 5, column 10 closes only here: is its closing quote missing there?"])]),
        Case("yaml-duplicate-key", [.error("1️⃣", "handbook.yaml.duplicate-key")]),
        Case("yaml-duplicate-key-nested", [.error("1️⃣", "handbook.yaml.duplicate-key")]),
        Case("yaml-duplicate-key-flow", [.error("1️⃣", "handbook.yaml.duplicate-key")]),
        Case("yaml-type", [.error("1️⃣", "handbook.yaml.type"), .error("2️⃣", "handbook.yaml.type")]),
        Case("yaml-type-steps-text", [.error("1️⃣", "handbook.yaml.type")]),
        Case("yaml-too-deep", [.error("1️⃣", "handbook.yaml.too-deep"), .error("2️⃣", "handbook.yaml.too-deep"),
                               .error("3️⃣", "handbook.yaml.too-deep")]),
        Case("yaml-alias-bomb", [.error("1️⃣", "handbook.yaml.alias-bomb")]),
        // Frontmatter shape
        Case("frontmatter-unterminated", [.error("1️⃣", "handbook.frontmatter.unterminated")]),
        Case("frontmatter-missing-field", [.error("1️⃣", "handbook.frontmatter.missing-field"),
                                           .error("2️⃣", "handbook.frontmatter.missing-field"),
                                           .error("3️⃣", "handbook.frontmatter.missing-field")]),
        Case("frontmatter-unknown-key", [
            .warning("1️⃣", "handbook.frontmatter.unknown-key", notes: ["did you mean summary?"]),
            .warning("2️⃣", "handbook.frontmatter.unknown-key", notes: ["did you mean deadline?"]),
            .warning("3️⃣", "handbook.frontmatter.unknown-key", notes: ["did you mean title?"]),
        ]),
        Case("process-unknown-status", [.error("1️⃣", "handbook.process.unknown-status", notes: ["did you mean approved?"])]),
        Case("step-unknown-type", [.error("1️⃣", "handbook.step.unknown-type", notes: ["did you mean decision?"])]),
        // References
        Case("reference-unknown-department", [
            .error("1️⃣", "handbook.reference.unknown-department", notes: ["did you mean 客服部?"]),
            .error("2️⃣", "handbook.reference.unknown-department", notes: ["did you mean 客服部?"]),
            .error("3️⃣", "handbook.reference.unknown-department", notes: ["did you mean 客服部?"]),
        ]),
        Case("reference-suggestion-far", [.error("1️⃣", "handbook.reference.unknown-department", notes: [])]),
        Case("reference-unknown-role", [.error("1️⃣", "handbook.reference.unknown-role"),
                                        .error("2️⃣", "handbook.reference.unknown-role", notes: ["did you mean 客服专员?"])]),
        Case("reference-role-not-allowed", [.error("1️⃣", "handbook.reference.role-not-allowed"),
                                            .error("2️⃣", "handbook.reference.role-not-allowed")]),
        // Duplicates and ids
        Case("department-duplicate-id", [.error("1️⃣", "handbook.department.duplicate-id")]),
        Case("department-duplicate-name", [.error("1️⃣", "handbook.department.duplicate-name")]),
        Case("role-duplicate-id", [.error("1️⃣", "handbook.role.duplicate-id")]),
        Case("process-duplicate-id", [.error("1️⃣", "handbook.process.duplicate-id")]),
        Case("process-duplicate-id-implicit", [.error("1️⃣", "handbook.process.duplicate-id")]),
        Case("step-duplicate-id", [.error("1️⃣", "handbook.step.duplicate-id")]),
        Case("id-invalid", [.error("1️⃣", "handbook.id.invalid"), .error("2️⃣", "handbook.id.invalid"),
                            .error("3️⃣", "handbook.id.invalid"), .error("4️⃣", "handbook.id.invalid")]),
        // Steps and flow
        Case("process-no-steps", [.error("1️⃣", "handbook.process.no-steps")]),
        Case("step-no-responsible", [.error("1️⃣", "handbook.step.no-responsible"),
                                     .error("2️⃣", "handbook.step.no-responsible")]),
        Case("step-several-responsible", [.error("1️⃣", "handbook.step.several-responsible")]),
        Case("step-unknown-next", [.error("1️⃣", "handbook.step.unknown-next", notes: ["did you mean 回复?"]),
                                   .error("2️⃣", "handbook.step.unreachable")]),
        Case("step-decision-branches", [.error("1️⃣", "handbook.step.decision-branches"),
                                        .error("2️⃣", "handbook.step.decision-branches")]),
        Case("step-unreachable", [.error("1️⃣", "handbook.step.unreachable")]),
        Case("step-no-end", [.error("1️⃣", "handbook.step.no-end"), .error("2️⃣", "handbook.step.no-end"),
                             .error("3️⃣", "handbook.step.no-end")]),
        Case("department-parent-cycle", [.error("1️⃣", "handbook.department.parent-cycle")]),
        // Links in bodies and duties
        Case("link-broken", [.error("1️⃣", "handbook.link.broken"), .error("2️⃣", "handbook.link.broken"),
                             .error("3️⃣", "handbook.link.broken")]),
        Case("link-broken-anchor", [.error("1️⃣", "handbook.link.broken-anchor", notes: ["did you mean step-1?"]),
                                    .error("2️⃣", "handbook.link.broken-anchor", notes: ["did you mean 准备工作?"])]),
        Case("link-unpublished", [.warning("1️⃣", "handbook.link.unpublished")]),
        // Each at its own line (#26): after a backslash hard break, after link reference
        // definitions (both on the paragraph's first line before), in a table cell after `\|`;
        // `{#scope}` and GitHub's `dont-forget-datajson` are anchors.
        Case("link-broken-positions", [.error("1️⃣", "handbook.link.broken"), .error("2️⃣", "handbook.link.broken"),
                                       .error("3️⃣", "handbook.link.broken-anchor")]),
        Case("link-unpublished-page", [.error("1️⃣", "handbook.link.unpublished-page")]),
        Case("page-unknown-status", [.error("1️⃣", "handbook.page.unknown-status")]),
        Case("page-alias", [.error("1️⃣", "handbook.page.alias")]),
        Case("page-other-status", [.warning("1️⃣", "handbook.page.other-status")]),
        Case("frontmatter-thematic-break", [.warning("1️⃣", "handbook.frontmatter.thematic-break")]),
        // Warnings of the review
        Case("step-broken-handover", [.warning("1️⃣", "handbook.step.broken-handover"),
                                      .warning("2️⃣", "handbook.step.broken-handover")]),
        Case("process-approval-incomplete", [.warning("1️⃣", "handbook.process.approval-incomplete")]),
        Case("process-review-overdue", [.warning("1️⃣", "handbook.process.review-overdue")], date: day("2026-07-01")),
        Case("process-review-before-effective", [.error("1️⃣", "handbook.process.review-before-effective")], date: day("2026-01-15")),
        Case("department-no-duty", [.warning("1️⃣", "handbook.department.no-duty")]),
        Case("role-no-duty", [.warning("1️⃣", "handbook.role.no-duty")]),
        Case("step-no-output", [.warning("1️⃣", "handbook.step.no-output")]),
        Case("markdown-raw-html", [.warning("1️⃣", "handbook.markdown.raw-html")]),
        // Departments' confirmations of their duties (issue #29)
        Case("confirmation-missing", [.warning("1️⃣", "handbook.confirmation.missing")]),
        Case("confirmation-old-version", [.warning("1️⃣", "handbook.confirmation.missing")]),
        Case("confirmation-wrong-department", [.error("1️⃣", "handbook.confirmation.wrong-department")]),
        Case("confirmation-unknown-version", [.error("1️⃣", "handbook.confirmation.unknown-version"),
                                              .warning("2️⃣", "handbook.confirmation.missing")]),
        Case("confirmation-before-effective", [.error("1️⃣", "handbook.confirmation.before-effective"),
                                               .warning("2️⃣", "handbook.confirmation.missing")]),
        // The handbook folder and handbook.yml
        Case("content-missing", [.error("1️⃣", "handbook.content.missing")]),
        Case("config-language", [.error("1️⃣", "handbook.config.language")]),
        Case("config-folder", [.error("1️⃣", "handbook.config.folder")]),
        Case("config-value", [.error("1️⃣", "handbook.config.value")]),
        // The handbook's own theme
        Case("template-unknown-variable", [.warning("1️⃣", "handbook.template.unknown-variable", notes: ["did you mean pageTitle?"]),
                                           .warning("2️⃣", "handbook.template.unknown-variable")]),
    ]

    static var invalidFolder: URL { TestHandbook.fixture("invalid") }

    /// The fixture's files with markers removed, and the positions the markers name.
    static func load(_ fixture: String) throws -> MarkedFiles {
        MarkedFiles(try MarkedFiles.read(folder: invalidFolder.appendingPathComponent(fixture, isDirectory: true)))
    }

    static func line(_ position: SourcePosition, _ severity: Diagnostic.Severity, _ rule: String) -> String {
        "\(position.path):\(position.line):\(position.column): \(severity.rawValue) [\(rule)]"
    }

    @Test("The fixture reports exactly its marked diagnostics", arguments: cases)
    func fixture(_ rule: Case) async throws {
        let marked = try Self.load(rule.fixture)
        let handbook = try TestHandbook(marked.files)
        let report = await Pipeline.check(handbook.options(date: rule.date))
        let actual = report.diagnostics.map { Self.line($0.position, $0.severity, $0.rule) }.sorted()
        var expected: [String] = []
        for item in rule.expected {
            let position = try #require(marked.positions[item.marker], "no marker \(item.marker) in \(rule.fixture)")
            expected.append(Self.line(position, item.severity, item.rule))
        }
        expected.sort()
        let compare = {
            #expect(actual == expected, "reported:\n\(report.diagnostics.map(\.formatted).joined(separator: "\n"))")
            for item in rule.expected {
                guard let notes = item.notes, let position = marked.positions[item.marker] else { continue }
                let found = report.diagnostics.first { $0.position == position && $0.rule == item.rule }
                #expect(found?.notes == notes, "notes of \(item) at \(position)")
            }
        }
        if rule.knownExtra != nil {
            #expect(Set(expected).isSubset(of: Set(actual)), "expected diagnostics missing: \(actual)")
        }
        if let reason = rule.knownIssue ?? rule.knownExtra {
            withKnownIssue(Comment(rawValue: reason)) { compare() }
        } else {
            compare()
        }
    }

    @Test("Every folder under Fixtures/invalid has a case, every case a folder, every marker a use")
    func everyFixtureIsCovered() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.invalidFolder.path)
            .filter { !$0.hasPrefix(".") }.sorted()
        #expect(folders == Self.cases.map(\.fixture).sorted())
        #expect(Set(Self.cases.map(\.fixture)).count == Self.cases.count)
        for rule in Self.cases {
            let markers = try Self.load(rule.fixture).positions.keys.sorted()
            #expect(markers == Set(rule.expected.map(\.marker)).sorted(), "markers of \(rule.fixture)")
        }
    }

    @Test("Every rule of the README's table for content has at least one fixture or file test")
    func everyRuleIsCovered() {
        let covered = Set(Self.cases.flatMap { $0.expected.map(\.rule) }).union(ReviewRuleFileTests.rules)
        let listed = [
            "yaml.syntax", "yaml.duplicate-key", "yaml.too-deep", "yaml.alias-bomb", "yaml.type",
            "frontmatter.unterminated", "frontmatter.missing-field", "frontmatter.unknown-key",
            "process.unknown-status", "step.unknown-type", "reference.unknown-department", "reference.unknown-role",
            "reference.role-not-allowed", "department.duplicate-id", "department.duplicate-name", "role.duplicate-id",
            "process.duplicate-id", "step.duplicate-id", "id.invalid", "process.no-steps", "step.no-responsible",
            "step.several-responsible", "step.unknown-next", "step.decision-branches", "step.unreachable",
            "step.no-end", "department.parent-cycle", "link.broken", "link.broken-anchor", "link.unpublished",
            "step.broken-handover", "process.approval-incomplete", "process.review-overdue", "process.review-before-effective", "department.no-duty",
            "role.no-duty", "step.no-output", "markdown.raw-html", "content.missing", "content.symlink-outside",
            "config.language", "config.folder", "file.invalid-utf8", "file.nul-byte", "file.too-large",
            "confirmation.missing", "confirmation.wrong-department", "confirmation.unknown-version",
            "confirmation.before-effective",
            "link.unpublished-page", "page.unknown-status", "page.alias", "page.other-status", "frontmatter.thematic-break",
            "config.value",
            "template.unknown-variable",
        ].map { "handbook." + $0 }
        #expect(Set(listed).subtracting(covered).sorted() == [])
    }

    @Test("Dates are days the calendar has", arguments: [
        ("2026-01-31", true), ("2024-02-29", true), ("2000-02-29", true), ("2026-12-31", true), ("0001-01-01", true),
        ("2026-02-29", false), ("1900-02-29", false), ("2026-02-31", false), ("2026-04-31", false), ("2026-01-32", false),
        ("2026-13-01", false), ("2026-00-10", false), ("2026-01-00", false), ("0000-01-01", false), ("+202-01-01", false),
        ("2026-1-01", false), ("2026/01/01", false), ("２０２６-01-01", false),
    ])
    func calendarDates(_ text: String, _ valid: Bool) {
        #expect(ApprovalCheck.isDate(text) == valid)
    }

    @Test("A date written right but not on the calendar says so; one written otherwise shows the form")
    func dateMessages() {
        #expect(ApprovalCheck.dateProblem("effective", "2026-02-31", example: "2026-01-01") == "`effective`: 2026-02-31 is not a day of the calendar")
        #expect(ApprovalCheck.dateProblem("effective", "2026/01/01", example: "2026-01-01") == "`effective` must be a date such as 2026-01-01")
    }

    @Test("review_due: a warning only once the build date is past it", arguments: [
        ("2026-06-29", false), ("2026-06-30", false), ("2026-07-01", true), ("2030-01-01", true),
    ])
    func reviewDueAgainstBuildDate(_ today: String, _ overdue: Bool) async throws {
        let marked = try Self.load("process-review-overdue")
        let handbook = try TestHandbook(marked.files)
        let report = await Pipeline.check(handbook.options(date: Self.day(today)))
        let warnings = report.diagnostics.filter { $0.rule == "handbook.process.review-overdue" }
        #expect(warnings.map(\.position) == (overdue ? [marked.positions["1️⃣"]!] : []))
        #expect(report.diagnostics.count == warnings.count)
    }
}
