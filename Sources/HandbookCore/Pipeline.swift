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
    }

    public struct IOFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Loads and checks the handbook; publishes nothing.
    public static func check(_ options: Options) async -> Report {
        await resolve(options).report
    }

    /// Checks, then writes the site atomically when there are no errors.
    /// Throws only for I/O failures writing the output.
    public static func build(_ options: Options) async throws -> Report {
        let (handbook, loaded, checked) = await resolve(options)
        var report = checked
        guard let handbook, !report.diagnostics.hasErrors else { return report }
        let (theme, themeDiagnostics) = Theme.load(root: options.root)
        report.diagnostics = (report.diagnostics + themeDiagnostics).sortedByPosition()
        guard let theme, !report.diagnostics.hasErrors else { return report }

        let files = await SiteRenderer.render(handbook, theme: theme, printedDate: printedDate(options.date),
                                              contentURL: loaded.contentURL, assets: loaded.assets)
        let output = options.output ?? options.root.appendingPathComponent(handbook.config.outputFolder, isDirectory: true)
        do {
            try OutputWriter.write(files, to: output)
        } catch {
            throw IOFailure(description: "cannot write \(output.path): \(error)")
        }
        report.pageCount = files.filter { $0.path.hasSuffix(".html") }.count
        report.output = output
        return report
    }

    private static func resolve(_ options: Options) async -> (handbook: Handbook?, loaded: LoadedHandbook, report: Report) {
        let loaded = await HandbookLoader.load(root: options.root)
        let (handbook, found) = await Resolver.resolve(loaded, drafts: options.drafts,
                                                         today: printedDate(options.date))
        var diagnostics = (loaded.diagnostics + found).sortedByPosition()
        if options.strict { diagnostics = diagnostics.escalatingWarnings() }
        let report = Report(diagnostics: diagnostics, fileCount: loaded.fileCount)
        return (diagnostics.hasErrors ? nil : handbook, loaded, report)
    }

    static func printedDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
