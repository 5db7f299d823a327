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
        /// Keep the replaced output beside the new one (`.NAME.spare`) for the next build to
        /// write over: rebuilds then create and delete almost no files, for one site's disk space.
        public var keepSpare = true
        /// For a process that exits right after the build or check (the command line): the
        /// resolved handbook, and the site's plan or the loaded documents, are left to the
        /// operating system instead of being freed object by object on one core (about 40 ms at
        /// 2,000 processes). Off for callers that build again (tests, `serve`).
        public var leaveModelToExit = false
        /// The language of diagnostics and summaries (`--lang`); nil: handbook.yml's `language`.
        public var language: HandbookConfig.Language?
        /// Read approved versions from git when the handbook is in a work tree (the command
        /// line's default; `--no-history` turns it off). Off for library callers unless asked.
        public var history = false

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
        /// `build`: CPU time spent making and writing each kind of file (page template, or
        /// `handbook.json`, `search index`, `files copied`), most first.
        public var kindTimes: [(kind: String, cpu: Duration)] = []
        /// What to print diagnostics in: `Options.language`, else handbook.yml's `language`.
        public var language: HandbookConfig.Language = .zhCN
        /// What the build could not find and says once (no git, a shallow clone): not
        /// diagnostics, so that a CI clone does not fail `--strict`.
        public var notices: [Phrase] = []
        /// Why no history was read although asked for (no git work tree): `build` says it.
        public var historyUnavailable: Phrase?
    }

    /// Loads and checks the handbook and its templates; publishes nothing.
    public static func check(_ options: Options) async -> Report {
        let resolved = await resolve(options, compare: false)
        if options.leaveModelToExit { LeftToExit.keep((resolved.handbook, resolved.loaded)) }
        var report = resolved.report
        let themeDiagnostics = Theme.load(root: options.root).1.leveled(strict: options.strict, severity: resolved.loaded.config.severity)
        report.diagnostics = (report.diagnostics + themeDiagnostics).sortedByPosition()
        return report
    }

    /// Checks, then writes the site atomically when there are no errors: pages are written to
    /// a staging folder as they are rendered, which is swapped in when all are done.
    /// Throws only for I/O failures writing the output.
    public static func build(_ options: Options) async throws -> Report {
        let (ready, checked) = await prepare(options, cache: nil)
        var report = checked
        guard let ready else { return report }
        let output = options.output ?? options.root.appendingPathComponent(ready.handbook.config.outputFolder, isDirectory: true)
        let content = options.root.appendingPathComponent(ready.handbook.config.contentFolder, isDirectory: true)
        if let refusal = OutputSafety.check(output: output, root: options.root, content: content) {
            throw IOFailure(refusal)
        }
        let start = ContinuousClock.now
        let jobs = SiteRenderer.plan(ready.handbook, theme: ready.theme, printedDate: printedDate(options.date),
                                     contentURL: ready.contentURL, assets: ready.handbook.assets)
        report.pageCount = jobs.filter(\.isPage).count
        let kindTimes = try await OutputWriter.publish(jobs, to: output, keepSpare: options.keepSpare)
        report.timings.append(("render and write", start.duration(to: .now)))
        report.kindTimes = kindTimes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
        report.output = output
        if options.leaveModelToExit { LeftToExit.keep((ready, jobs)) }
        return report
    }

    /// The site `serve` serves: every file's path, each rendered the first time it is asked
    /// for and kept. Making one is quick (nothing is rendered), so a rebuild after an edit
    /// costs loading and checking, plus the pages the browser then opens.
    public final class Site: Sendable {
        private let jobs: [String: SiteRenderer.Job]
        /// A slot per file asked for so far, and how many were rendered.
        private let slots = Locked<(byPath: [String: Slot], renders: Int)>(([:], 0))

        /// One file: rendered once, by the first request; others asking meanwhile wait for it.
        private final class Slot: Sendable {
            let bytes = Locked<[UInt8]?>(nil)
        }

        init(jobs: [SiteRenderer.Job]) {
            self.jobs = Dictionary(jobs.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        }

        public func contains(_ path: String) -> Bool { jobs[path] != nil }

        /// The file at `path` (`processes/x/index.html`), rendered now if it was not yet.
        /// Different files render at the same time; the same one only once.
        public func contents(of path: String) -> [UInt8]? {
            guard let job = jobs[path] else { return nil }
            let slot = slots.withLock {
                if let slot = $0.byPath[path] { return slot }
                let slot = Slot()
                $0.byPath[path] = slot
                return slot
            }
            return slot.bytes.withLock {
                if let bytes = $0 { return bytes }
                let bytes = job.make().bytes ?? []
                $0 = bytes
                slots.withLock { $0.renders += 1 }
                return bytes
            }
        }

        /// How many files were rendered so far (each at most once).
        var renderCount: Int { slots.withLock { $0.renders } }
    }

    /// Checks and plans the site in memory (for `serve`); the site is nil when there are errors.
    public static func render(_ options: Options, cache: DocumentCache? = nil) async -> (Site?, Report) {
        let (ready, checked) = await prepare(options, cache: cache)
        var report = checked
        guard let ready else { return (nil, report) }
        let start = ContinuousClock.now
        let jobs = SiteRenderer.plan(ready.handbook, theme: ready.theme, printedDate: printedDate(options.date),
                                     contentURL: ready.contentURL, assets: ready.handbook.assets)
        report.pageCount = jobs.filter(\.isPage).count
        report.timings.append(("plan", start.duration(to: .now)))
        return (Site(jobs: jobs), report)
    }

    private struct Ready {
        var handbook: Handbook
        var theme: Theme
        /// The content folder, for its assets. The loaded documents themselves are not kept:
        /// rendering needs none of them, and the memory they free is what pages are made in.
        var contentURL: URL?
    }

    /// Load, check, and load the theme: everything before rendering.
    private static func prepare(_ options: Options, cache: DocumentCache?) async -> (Ready?, Report) {
        let (handbook, loaded, checked) = await resolve(options, cache: cache)
        var report = checked
        // The theme is checked whatever the content's errors: `build` reports what `check` does.
        var (theme, themeDiagnostics) = Theme.load(root: options.root)
        themeDiagnostics = themeDiagnostics.leveled(strict: options.strict, severity: loaded.config.severity)
        report.diagnostics = (report.diagnostics + themeDiagnostics).sortedByPosition()
        guard let handbook, let theme, !report.diagnostics.hasErrors else { return (nil, report) }
        let ready = Ready(handbook: handbook, theme: theme, contentURL: loaded.contentURL)
        freeElsewhere(loaded)
        return (ready, report)
    }

    /// `compare`: compare each process's versions (for pages and handbook.json; `check`, which
    /// only reports, does without: 8,000 comparisons in the 2,000-process benchmark).
    private static func resolve(_ options: Options, cache: DocumentCache? = nil,
                                compare: Bool = true) async -> (handbook: Handbook?, loaded: LoadedHandbook, report: Report) {
        let start = ContinuousClock.now
        // git reads the old versions while today's files are loaded (it waits mostly on the disk),
        // and they are parsed while today's files are checked.
        let git = options.history ? GitRead.start(root: options.root, contentFolder: contentFolder(root: options.root)) : nil
        let loaded = await HandbookLoader.load(root: options.root, cache: cache)
        let loadTime = start.duration(to: .now)
        let history = git.map { git in Task { await HistoryStage.read(loaded, root: options.root, git: git) } }
        var (handbook, found) = await Resolver.resolve(loaded, drafts: options.drafts,
                                                       today: printedDate(options.date), cache: cache)
        var notices: [Phrase] = []
        var unavailable: Phrase?
        if let history {
            let read = await history.value
            found += HistoryStage.check(loaded, read)
            let parties = PartyNames(handbook.departments, language: loaded.config.language)
            let histories = HistoryStage.byProcessID(loaded, read)
            if compare {
                handbook.history = await HistoryStage.compare(histories, handbook: handbook, parties: parties, cache: read.cache)
            } else {
                handbook.history = histories
                HistoryStage.keepComparisons(read.cache)
            }
            handbook.historyParties = parties
            notices = read.notices
            unavailable = read.unavailable
        }
        let diagnostics = (loaded.diagnostics + found).sortedByPosition().leveled(strict: options.strict, severity: loaded.config.severity)
        var report = Report(diagnostics: diagnostics, fileCount: loaded.fileCount)
        report.language = options.language ?? loaded.config.language
        report.notices = notices
        report.historyUnavailable = unavailable
        report.timings = [("load", loadTime), ("check", start.duration(to: .now) - loadTime)]
        return (diagnostics.hasErrors ? nil : handbook, loaded, report)
    }

    /// The language named in handbook.yml (default zh-CN), for commands that load nothing else.
    public static func language(root: URL) -> HandbookConfig.Language {
        HandbookLoader.loadConfig(root: root).0.language
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
