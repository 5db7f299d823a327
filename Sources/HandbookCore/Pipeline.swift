import Foundation

/// The stages end to end: load → resolve and check → render → write.
public enum Pipeline {
    public struct Options: Sendable {
        public var root: URL
        public var output: URL?
        public var drafts = false
        public var strict = false
        /// The date the site prints; `SOURCE_DATE_EPOCH` when set, else now.
        public var date = Date()

        public init(root: URL, output: URL? = nil, drafts: Bool = false, strict: Bool = false, date: Date = Date()) {
            self.root = root
            self.output = output
            self.drafts = drafts
            self.strict = strict
            self.date = date
        }
    }

    public struct Report: Sendable {
        /// Sorted by path and position; with `strict`, warnings are already errors.
        public var diagnostics: [Diagnostic]
        public var fileCount: Int
        public var pageCount = 0
        public var output: URL?
        public var published: Bool { output != nil }
        /// Wall time of each stage, in order (`load`, `check`, `render`, `write`).
        public var timings: [(stage: String, duration: Duration)] = []
    }

    public struct IOFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Loads and checks the handbook and its templates; publishes nothing.
    public static func check(_ options: Options) async -> Report {
        var report = await resolve(options).report
        var themeDiagnostics = Theme.load(root: options.root).1
        if options.strict { themeDiagnostics = themeDiagnostics.escalatingWarnings() }
        report.diagnostics = (report.diagnostics + themeDiagnostics).sortedByPosition()
        return report
    }

    /// Checks, then writes the site atomically when there are no errors.
    /// Throws only for I/O failures writing the output.
    public static func build(_ options: Options) async throws -> Report {
        let (site, checked) = await render(options)
        var report = checked
        guard let site else { return report }
        let output = options.output ?? options.root.appendingPathComponent(site.outputFolder, isDirectory: true)
        let content = options.root.appendingPathComponent(contentFolder(root: options.root), isDirectory: true)
        if let refusal = OutputSafety.check(output: output, root: options.root, content: content) {
            throw IOFailure(description: refusal)
        }
        let start = ContinuousClock.now
        do {
            try OutputWriter.write(site.files, to: output)
        } catch {
            throw IOFailure(description: "cannot write \(output.path): \(error)")
        }
        report.timings.append(("write", start.duration(to: .now)))
        report.output = output
        return report
    }

    /// A rendered site held in memory (what `serve` serves), before it is written anywhere.
    public struct Site: Sendable {
        var files: [OutputFile]
        var outputFolder: String

        /// Every file of the site by its path (`processes/x/index.html`), contents read.
        public func contents() -> [String: [UInt8]] {
            var result: [String: [UInt8]] = [:]
            for file in files {
                switch file.contents {
                case .text(let text): result[file.path] = Array(text.utf8)
                case .copy(let url): result[file.path] = FileManager.default.contents(atPath: url.path).map(Array.init) ?? []
                }
            }
            return result
        }
    }

    /// Checks and renders; the site is nil when there are errors.
    public static func render(_ options: Options, cache: DocumentCache? = nil) async -> (Site?, Report) {
        let (handbook, loaded, checked) = await resolve(options, cache: cache)
        var report = checked
        guard let handbook, !report.diagnostics.hasErrors else { return (nil, report) }
        let start = ContinuousClock.now
        let (theme, themeDiagnostics) = Theme.load(root: options.root)
        report.diagnostics = (report.diagnostics + themeDiagnostics).sortedByPosition()
        guard let theme, !report.diagnostics.hasErrors else { return (nil, report) }
        let files = await SiteRenderer.render(handbook, theme: theme, printedDate: printedDate(options.date),
                                              contentURL: loaded.contentURL, assets: handbook.assets)
        report.timings.append(("render", start.duration(to: .now)))
        report.pageCount = files.filter { $0.path.hasSuffix(".html") }.count
        return (Site(files: files, outputFolder: handbook.config.outputFolder), report)
    }

    private static func resolve(_ options: Options, cache: DocumentCache? = nil) async -> (handbook: Handbook?, loaded: LoadedHandbook, report: Report) {
        let start = ContinuousClock.now
        let loaded = await HandbookLoader.load(root: options.root, cache: cache)
        let loadTime = start.duration(to: .now)
        let (handbook, found) = await Resolver.resolve(loaded, drafts: options.drafts,
                                                         today: printedDate(options.date))
        var diagnostics = (loaded.diagnostics + found).sortedByPosition()
        if options.strict { diagnostics = diagnostics.escalatingWarnings() }
        var report = Report(diagnostics: diagnostics, fileCount: loaded.fileCount)
        report.timings = [("load", loadTime), ("check", start.duration(to: .now) - loadTime)]
        return (diagnostics.hasErrors ? nil : handbook, loaded, report)
    }

    /// The content folder named in handbook.yml (default `content`).
    public static func contentFolder(root: URL) -> String {
        HandbookLoader.loadConfig(root: root).0.contentFolder
    }

    static func printedDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
