/// Every file of the site has one source: two documents (or a document and a generated page)
/// that would be written to the same path are an error, not a silent overwrite. Active content
/// files (HTML, scripts) are not published unless `unsafe_html` allows raw HTML.
enum OutputPathCheck {
    /// Files a browser runs script in, whatever they hold. SVG and XML are published when
    /// `ActiveMarkup` finds nothing that could run script in them.
    static let activeExtensions: Set<String> = ["html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "xsl", "xslt",
                                                "mht", "mhtml", "svgz"]

    /// Paths the site writes whatever the content is.
    static let generated: [String] = [
        Routes.home, Routes.notFound, Routes.data, Routes.matrix, Routes.search, OutputSafety.marker,
        Routes.stylesheet, "assets/search.js", "assets/print.js", "assets/filter.js", "assets/delta.js", SearchIndex.path, Routes.trainingPlan,
        Routes.processIndex, Routes.departmentIndex, Routes.trainingIndex, Routes.review,
    ]

    struct Source {
        var route: String
        var description: String
        var position: SourcePosition?
    }

    static func check(_ sources: [Source]) -> [Diagnostic] {
        var taken: [String: String] = Dictionary(generated.map { ($0, "a page the site generates") }, uniquingKeysWith: { a, _ in a })
        var diagnostics: [Diagnostic] = []
        for source in sources {
            if let owner = taken[source.route] {
                if let position = source.position {
                    diagnostics.append(.error("handbook.output.collision",
                        Phrase("\(CheckWords.output(source.description))要写到 `\(source.route)`，但那里已是\(CheckWords.output(owner))",
                               en: "\(source.description) would be written to \(source.route), which is already \(owner)"), at: position))
                }
            } else {
                taken[source.route] = source.description
            }
        }
        return diagnostics
    }

    /// Content files published as they are, minus active ones unless `unsafe_html`.
    static func publishable(_ assets: [String], unsafeHTML: Bool, prefix: String,
                            activeMarkup: [String: ActiveMarkup.Finding] = [:]) -> (kept: [String], [Diagnostic]) {
        guard !unsafeHTML else { return (assets, []) }
        var kept: [String] = []
        var diagnostics: [Diagnostic] = []
        for asset in assets {
            let ext = asset.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if activeExtensions.contains(ext), asset.contains(".") {
                diagnostics.append(.warning("handbook.content.active-file",
                    Phrase("\(ext.uppercased()) 文件可能运行脚本，设了 `unsafe_html: true` 才发布", en: "\(ext) files can run script; not published unless `unsafe_html: true`"),
                    at: SourcePosition(path: "\(prefix)/\(asset)", line: 1, column: 1)))
            } else if let finding = activeMarkup[asset] {
                diagnostics.append(.warning("handbook.content.active-file",
                    Phrase("打开这个 \(ext.uppercased()) 文件时，其中的\(CheckWords.active(finding.what))可能运行脚本，设了 `unsafe_html: true` 才发布",
                           en: "\(finding.what) can run script when this \(ext) file is opened; not published unless `unsafe_html: true`"),
                    at: SourcePosition(path: "\(prefix)/\(asset)", line: finding.line, column: finding.column)))
            } else {
                kept.append(asset)
            }
        }
        return (kept, diagnostics)
    }
}
