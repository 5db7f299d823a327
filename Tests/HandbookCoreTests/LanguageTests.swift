import Foundation
import Testing
@testable import HandbookCore

/// Documents in a language the UI does not speak: `content_language:` and a page's `lang:`.
@Suite("Content language")
struct LanguageTests {
    static let files: [String: String] = [
        "content/guides/onboarding.md": "# オンボーディング\n\n新入社員のためのガイドです。\n",
        "content/guides/english.md": "---\nlang: en-GB\n---\n# Onboarding\n",
    ]

    static func lang(_ html: String) -> String? {
        html.firstMatch(of: /<html lang="([^"]*)"/).map { String($0.output.1) }
    }

    @Test("content_language is the lang of plain pages without their own; the UI's pages keep the UI's")
    func contentLanguage() async throws {
        let handbook = try TestHandbook(Self.files.merging(["handbook.yml": "title: H\nlanguage: en\ncontent_language: ja\n"]) { $1 })
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        #expect(Self.lang(site.text("guides/onboarding/index.html")) == "ja")
        #expect(Self.lang(site.text("guides/english/index.html")) == "en-GB")
        #expect(Self.lang(site.text("search/index.html")) == "en")
        #expect(Self.lang(site.text("index.html")) == "en")
        // Japanese is found as Chinese is: by substring, from the page's part of the index.
        #expect(site.text(SearchIndex.partPath(0)).contains("新入社員のためのガイド"))
    }

    @Test("Without it a page is in the UI's language; a wrong tag is an error at its place")
    func defaults() async throws {
        let site = try await TestHandbook(Self.files).build()
        #expect(Self.lang(site.text("guides/onboarding/index.html")) == "zh-CN")
        let wrong = try TestHandbook(Self.files.merging(["handbook.yml": "title: H\ncontent_language: 日本語\n"]) { $1 })
        let report = await wrong.check()
        #expect(report.diagnostics.map(\.formatted) == [
            "handbook.yml:2:19: error: `content_language` is a language tag such as `ja`, `en` or `zh-Hant`, not `日本語` [handbook.config.value]",
        ])
        #expect(report.diagnostics.first?.message(in: .zhCN).contains("语言代码") == true)
    }

    @Test("language: ja is an error whose note points to content_language")
    func uiLanguage() async throws {
        let handbook = try TestHandbook(Self.files.merging(["handbook.yml": "title: H\nlanguage: ja\n"]) { $1 })
        let error = try #require(await handbook.check().diagnostics.first)
        #expect(error.rule == "handbook.config.language")
        #expect(error.notes == ["`language` is the UI's; for documents written in another language, add `content_language: ja`"])
        #expect(error.notes(in: .zhCN) == ["`language` 是界面的语言；文档用别的语言写成时，另写 `content_language: ja`"])
    }
}
