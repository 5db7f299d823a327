import Foundation
import Testing
@testable import HandbookCore

/// Diagnostics in the handbook's language: every invalid fixture, checked as a zh-CN handbook,
/// says everything in Chinese (notes included); as an `en` one, in English.
@Suite("Diagnostics in the handbook's language")
struct DiagnosticLanguageTests {
    /// Runs of English words left in `text`: three or more letters with a lowercase one among
    /// them, outside what is quoted as written (`` `code` ``, “名称”), paths, file names and rule
    /// ids (anything with a `/` or `.` in it). Acronyms (YAML, UTF-8, MB, SVG) are not words.
    static func englishRuns(_ text: String) -> [String] {
        var rest = text.replacing(/`[^`]*`/, with: " ")
        rest = rest.replacing(/“[^”]*”/, with: " ")
        rest = rest.replacing(/[A-Za-z0-9_~\-]*[\/.][A-Za-z0-9_~\/.\-]*/, with: " ")
        return rest.matches(of: /[A-Za-z]{3,}/).map { String($0.output) }.filter { $0.contains(where: \.isLowercase) }
    }

    static func check(_ fixture: ReviewRuleTests.Case, _ language: HandbookConfig.Language) async throws -> (Pipeline.Report, TestHandbook) {
        let handbook = try TestHandbook(try ReviewRuleTests.load(fixture.fixture).files)
        var options = handbook.options(date: fixture.date)
        options.language = language
        return (await Pipeline.check(options), handbook)
    }

    @Test("The detector finds English and lets code, names and paths be")
    func detector() {
        #expect(Self.englishRuns("unknown role `客服主官` in 客服部") == ["unknown", "role"])
        #expect(Self.englishRuns("客服部没有岗位“客服主官”（是否指“客服主管”？）") == [])
        #expect(Self.englishRuns("流程编号 `intake` 已被 content/processes/intake.md 使用 [handbook.process.duplicate-id]") == [])
        #expect(Self.englishRuns("文件不是有效的 UTF-8 编码，超过 10 MB 的 YAML") == [])
        #expect(Self.englishRuns("是否指“summary”？ did you mean") == ["did", "you", "mean"])
    }

    @Test("zh-CN: no English in any message or note of an invalid fixture", arguments: ReviewRuleTests.cases)
    func chinese(_ fixture: ReviewRuleTests.Case) async throws {
        let (report, _) = try await Self.check(fixture, .zhCN)
        #expect(report.language == .zhCN)
        #expect(!report.diagnostics.isEmpty)
        for diagnostic in report.diagnostics {
            #expect(diagnostic.chinese != nil, "no Chinese for \(diagnostic.formatted)")
            let text = diagnostic.formatted(in: .zhCN)
            for part in [diagnostic.message(in: .zhCN)] + diagnostic.notes(in: .zhCN) {
                #expect(Self.englishRuns(part) == [], "English in: \(text)")
            }
            #expect(diagnostic.notes(in: .zhCN).count == diagnostic.notes.count, "\(text)")
        }
    }

    @Test("en: the English message and notes, which are English", arguments: ReviewRuleTests.cases)
    func english(_ fixture: ReviewRuleTests.Case) async throws {
        let (report, _) = try await Self.check(fixture, .en)
        #expect(report.language == .en)
        for diagnostic in report.diagnostics {
            #expect(diagnostic.message(in: .en) == diagnostic.message)
            #expect(diagnostic.notes(in: .en) == diagnostic.notes)
            #expect(diagnostic.formatted(in: .en) == diagnostic.formatted)
            #expect(!Self.englishRuns(diagnostic.message).isEmpty, "not English: \(diagnostic.formatted)")
        }
    }

    @Test("Without --lang, the report's language is handbook.yml's; a broken theme is reported in it too")
    func fromConfig() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "templates/process.mustache": "{{#steps}}\n{{name}}\n",
            "content/departments/test.md": "---\nname: 测试部\nhead: 客服主官\nroles:\n  - name: 客服主管\n---\n",
        ])
        let zh = await handbook.check()
        #expect(zh.language == .zhCN)
        let lines = zh.diagnostics.filter { $0.severity == .error }.map { $0.formatted(in: zh.language) }
        #expect(lines.contains { $0.contains("模板语法有误：`{{#steps}}` 没有结束标签") }, "\(lines)")
        #expect(lines.contains { $0.contains("测试部的负责人“客服主官”不是本部门的岗位（是否指“客服主管”？）") }, "\(lines)")
        try handbook.write(["handbook.yml": "title: Handbook\nlanguage: en\n"])
        let en = await handbook.check()
        #expect(en.language == .en)
        #expect(en.diagnostics.map { $0.formatted(in: en.language) }.contains { $0.contains("template syntax error: '{{#steps}}' is never closed") })
    }

    @Test("JSON: keys and rule ids as ever, the message and notes in the language asked for")
    func json() throws {
        var diagnostic = Diagnostic.error("handbook.reference.unknown-role", Phrase("客服部没有岗位“客服主官”", en: "unknown role `客服主官` in 客服部"),
                                          at: SourcePosition(path: "content/x.md", line: 3, column: 5),
                                          notes: Suggestion.note(for: "客服主官", in: ["客服主管"]))
        diagnostic.severity = .error
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.userInfo[Diagnostic.languageKey] = HandbookConfig.Language.zhCN
        let zh = String(decoding: try encoder.encode(diagnostic), as: UTF8.self)
        #expect(zh.contains(#""message":"客服部没有岗位“客服主官”""#), "\(zh)")
        #expect(zh.contains(#""notes":["是否指“客服主管”？"]"#), "\(zh)")
        #expect(zh.contains(#""rule":"handbook.reference.unknown-role""#))
        encoder.userInfo[Diagnostic.languageKey] = HandbookConfig.Language.en
        let en = String(decoding: try encoder.encode(diagnostic), as: UTF8.self)
        #expect(en.contains(#""message":"unknown role `客服主官` in 客服部""#), "\(en)")
        #expect(en.contains(#""notes":["did you mean 客服主管?"]"#), "\(en)")
    }
}
