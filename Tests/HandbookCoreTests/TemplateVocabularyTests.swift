import Foundation
import HandbookTheme
import Testing
@testable import HandbookCore

/// `TemplateVocabulary` (the names view models give templates) against the sources, and the
/// warning for a name a handbook's own template reads that no page provides.
@Suite("Template names no page provides")
struct TemplateVocabularyTests {
    static let rendering = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/HandbookCore/Rendering").standardizedFileURL

    /// Keys written in the view models' sources: `"key": .text(…)` and `model["key"] = …`.
    static func keysInSources() throws -> Set<String> {
        let patterns = [#""([a-zA-Z][a-zA-Z0-9_]*)"\s*:\s*[.a-zA-Z\[(]"#, #"\["([a-zA-Z][a-zA-Z0-9_]*)"\]\s*="#]
            .map { try! NSRegularExpression(pattern: $0) }
        var keys = Set<String>()
        let files = try FileManager.default.subpathsOfDirectory(atPath: rendering.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20, "the view models' sources are not at \(rendering.path)")
        for file in files {
            let text = try String(contentsOf: rendering.appendingPathComponent(file), encoding: .utf8)
            for pattern in patterns {
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    keys.insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        return keys
    }

    @Test("Every key the view models write is in TemplateVocabulary.keys")
    func listIsComplete() throws {
        let keys = try Self.keysInSources()
        #expect(keys.count > 200)
        #expect(keys.subtracting(TemplateVocabulary.keys).sorted() == [], "add these to TemplateVocabulary.keys")
    }

    @Test("A copy of every built-in template as the handbook's own raises no warning; a misspelt name does, with the nearest")
    func overrides() async throws {
        let folder = try #require(DefaultTheme.directory)
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            files["templates/" + name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        let copy = try TestHandbook(fixture: "valid-basic", files)
        let clean = await Pipeline.check(copy.options())
        #expect(clean.diagnostics.filter { $0.rule == "handbook.template.unknown-variable" }.map(\.formatted) == [])

        files["templates/notfound.mustache"] = "{{<layout}}{{$content}}\n<h1>{{t.notFund}}</h1>{{#site}}{{homeHerf}}{{/site}}\n{{/content}}{{/layout}}\n"
        let misspelt = try TestHandbook(fixture: "valid-basic", files)
        let report = await Pipeline.check(misspelt.options())
        let found = report.diagnostics.filter { $0.rule == "handbook.template.unknown-variable" }
        #expect(found.map { "\($0.position.path):\($0.position.line):\($0.position.column)" } == ["templates/notfound.mustache:2:5", "templates/notfound.mustache:2:32"])
        #expect(found.map(\.message) == ["no page provides `notFund`, which this template reads; it renders as nothing",
                                         "no page provides `homeHerf`, which this template reads; it renders as nothing"])
        #expect(found.map { $0.notes.first ?? "" } == ["did you mean notFound?", "did you mean homeHref?"])
        #expect(found.first?.formatted(in: .zhCN).contains("模板里的 `notFund` 没有哪个页面提供") == true)
        // `build` says the same, and still builds: a warning.
        let built = try await Pipeline.build(misspelt.options())
        #expect(built.diagnostics.filter { $0.rule == "handbook.template.unknown-variable" }.count == 2)
        #expect(built.published)
    }
}
