import Foundation
import HandbookTheme
import HandbookTemplate

/// The templates and assets of a build: the built-in theme, with any file of the handbook's
/// `templates/` folder replacing the built-in file of the same name. Parsed once per build.
struct Theme: Sendable {
    static let pageTemplates = ["index", "process", "department", "training", "page", "notfound", "matrix", "matrixIndex", "search", "feedback", "checklistRow", "knownRow",
                                "role", "roleRow", "processIndex", "departmentIndex", "trainingIndex", "review",
                                "versionCompare", "deltaSheet"]

    let library: TemplateLibrary
    /// Files copied to the site as they are (`assets/style.css`), output path → source file.
    let assets: [String: URL]

    static func load(root: URL) -> (Theme?, [Diagnostic]) {
        var files: [String: (url: URL, display: String)] = [:]
        var diagnostics: [Diagnostic] = []
        if let builtIn = DefaultTheme.directory {
            for name in listFiles(builtIn, display: "(built-in theme)", diagnostics: &diagnostics) {
                files[name] = (builtIn.appendingPathComponent(name), "(built-in theme)/\(name)")
            }
        } else {
            diagnostics.append(.warning("handbook.template.no-built-in",
                Phrase("在程序旁边找不到内置主题，只用 `templates/` 里的模板", en: "the built-in theme was not found beside the handbook executable; using templates/ only"),
                at: SourcePosition(path: "templates", line: 1, column: 1)))
        }
        let override = root.appendingPathComponent("templates", isDirectory: true)
        for name in listFiles(override, display: "templates", diagnostics: &diagnostics) {
            files[name] = (override.appendingPathComponent(name), "templates/\(name)")
        }

        var templates: [String: Template] = [:]
        var sources: [String: String] = [:]  // template name → how diagnostics show its file
        for (name, file) in files where name.hasSuffix(".mustache") && !name.contains("/") {
            let templateName = String(name.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: file.url.path) else {
                diagnostics.append(.error("handbook.template.unreadable", Phrase("无法读取这个模板", en: "cannot read template"),
                                          at: SourcePosition(path: file.display, line: 1, column: 1)))
                continue
            }
            // It is there: whatever is wrong with it, it is not also reported missing.
            sources[templateName] = file.display
            let text: String
            switch SourceFile.decode([UInt8](data), path: file.display) {
            case .success(let decoded): text = decoded
            case .failure(let problem):
                // Where the bad byte is, as for content (a template saved in GBK, say).
                diagnostics.append(.error("handbook.template.unreadable", Phrase("无法读取这个模板：\(problem.message(in: .zhCN))", en: "cannot read template: \(problem.message)"),
                                          at: problem.position))
                continue
            }
            do {
                templates[templateName] = try Template(text)
            } catch {
                diagnostics.append(.error("handbook.template.syntax", Phrase("模板语法有误：\(TemplateWords.zh(error.message))", en: "template syntax error: \(error.message)"),
                    at: SourcePosition(path: file.display, line: error.line, column: error.column)))
            }
        }
        for name in pageTemplates where sources[name] == nil {
            diagnostics.append(.error("handbook.template.missing", Phrase("主题里缺少模板 `\(name).mustache`", en: "the theme has no `\(name).mustache`"),
                                      at: SourcePosition(path: "templates/\(name).mustache", line: 1, column: 1)))
        }
        // An unknown partial renders as nothing; refuse it here instead.
        let references = templates.mapValues(\.references)
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            for reference in template.references where sources[reference.name] == nil {
                diagnostics.append(.error("handbook.template.unknown-partial",
                    Phrase("没有名为 `\(reference.name)` 的子模板", en: "unknown partial `\(reference.name)`"), at: SourcePosition(path: sources[name]!, line: reference.line, column: reference.column),
                    notes: Suggestion.note(for: reference.name, in: sources.keys)))
            }
        }
        for (template, reference) in unguardedCycles(references) {
            diagnostics.append(.error("handbook.template.recursion",
                Phrase("子模板 `\(reference.name)` 又引用回 `\(template)`，外面没有区块包着，渲染会无限循环",
                       en: "partial `\(reference.name)` leads back to `\(template)` with no section around it; rendering would never end"),
                at: SourcePosition(path: sources[template]!, line: reference.line, column: reference.column)))
        }
        diagnostics += TemplateVocabulary.check(templates, sources: sources)
        let assets = files.filter { !$0.key.hasSuffix(".mustache") }.mapValues(\.url)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Theme(library: TemplateLibrary(templates), assets: assets), diagnostics)
    }

    func render(_ template: String, _ model: Model) -> String {
        library.render(template, .object(model)) ?? ""
    }

    /// The page as UTF-8, ready to write (no String made and validated on the way), handed to
    /// `flush` in pieces of `OutputFile.chunk` bytes; returns the rest.
    func renderUTF8(_ template: String, _ model: Model, flush: (inout [UInt8]) -> Void) -> [UInt8] {
        library.renderUTF8(template, .object(model), chunk: OutputFile.chunk, flush: flush) ?? []
    }

    /// Partials that include themselves (directly or through others) with no section that could
    /// stop them: rendering them would never end.
    static func unguardedCycles(_ references: [String: [TemplateReference]]) -> [(template: String, TemplateReference)] {
        var cycles: [(String, TemplateReference)] = []
        for (start, refs) in references.sorted(by: { $0.key < $1.key }) {
            for ref in refs where !ref.guarded {
                var seen: Set<String> = []
                var stack = [ref.name]
                while let current = stack.popLast() {
                    if current == start {
                        cycles.append((start, ref))
                        break
                    }
                    guard seen.insert(current).inserted else { continue }
                    stack += (references[current] ?? []).filter { !$0.guarded }.map(\.name)
                }
            }
        }
        return cycles
    }

    /// The theme's files, relative to `folder`. A `templates` that is itself a link (a theme
    /// shared between handbooks) is followed; a link inside it only to a file inside it, as in
    /// content/, so a theme cannot publish a file from elsewhere on the machine.
    private static func listFiles(_ folder: URL, display: String, diagnostics: inout [Diagnostic]) -> [String] {
        guard let (_, tree) = FolderListing.tree(under: folder.path) else { return [] }
        for path in tree.outside {
            diagnostics.append(.warning("handbook.template.symlink", Phrase("符号链接指向 `\(display)/` 之外，不予使用", en: "symbolic link leads outside \(display)/; not used"),
                                        at: SourcePosition(path: "\(display)/\(path)", line: 1, column: 1)))
        }
        // A dangling template is reported as unreadable below; a dangling asset here.
        for path in tree.dangling where !path.hasSuffix(".mustache") {
            diagnostics.append(.warning("handbook.template.symlink", Phrase("符号链接指向的文件不存在，不予使用", en: "symbolic link leads nowhere; not used"),
                                        at: SourcePosition(path: "\(display)/\(path)", line: 1, column: 1)))
        }
        return (tree.files + tree.dangling.filter { $0.hasSuffix(".mustache") }).sorted()
    }
}
