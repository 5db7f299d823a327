import Foundation

/// One file of the built site.
struct OutputFile: Sendable {
    var path: String
    var contents: Contents

    /// Bytes a streamed file is made in: written while they are still in the CPU's caches.
    static let chunk = 1 << 17

    enum Contents: Sendable {
        case text(String)
        /// UTF-8 made as it is written: `make` hands `flush` each piece of about `chunk` bytes
        /// (`flush` takes out of it what it wrote) and returns the rest, so a page of many
        /// megabytes never sits whole in memory. `root`: the site-root links (`hb-root:/`) are
        /// made relative to it on the way out (pages); nil for data files.
        case streamed(root: String?, make: @Sendable (_ flush: (inout [UInt8]) -> Void) -> [UInt8])
        case copy(URL)

        /// A page made by `make`, its site-root links relative to `root`.
        static func page(root: String, _ make: @escaping @Sendable (_ flush: (inout [UInt8]) -> Void) -> [UInt8]) -> Self {
            .streamed(root: root, make: make)
        }

        /// The whole file (a page's links made relative).
        var bytes: [UInt8]? {
            switch self {
            case .text(let text): return Array(text.utf8)
            case .streamed(let root, let make):
                var whole: [UInt8] = []
                let rest = make { piece in
                    whole += piece
                    piece.removeAll(keepingCapacity: true)
                }
                whole += rest
                return root.map { RootLink.relativize(whole, root: $0) } ?? whole
            case .copy(let url): return FileManager.default.contents(atPath: url.path).map(Array.init)
            }
        }
    }
}

/// The resolved handbook into every file of the site. `plan` lists each file with the work
/// that makes it, nothing rendered yet: `build` runs them all in parallel and writes each file
/// as soon as it is made (so the whole site never sits in memory), `serve` runs one when a
/// browser asks for it (so an edit shows without re-rendering thousands of pages).
enum SiteRenderer {
    struct Job: Sendable {
        var path: String
        /// What `build --timings` adds this job's CPU time to: the page's template, or the kind of file.
        var kind: String
        var isPage: Bool
        var make: @Sendable () -> OutputFile.Contents
    }

    static func plan(_ handbook: Handbook, theme: Theme, printedDate: String, contentURL: URL?,
                     assets: [String]) -> [Job] {
        let views = ViewModels(handbook: handbook, printedDate: printedDate,
                               renderFragment: { template, model in theme.render(template, model) })
        func pageJob(_ path: String, _ template: String, _ model: @escaping @Sendable () -> Model) -> Job {
            Job(path: path, kind: template, isPage: true) {
                .page(root: Routes.rootPrefix(of: path)) { flush in theme.renderUTF8(template, model(), flush: flush) }
            }
        }
        // The two whole-handbook files first: each is one long task, run beside the pages.
        var jobs: [Job] = [
            Job(path: SearchIndex.path, kind: "search index", isPage: false) {
                .streamed(root: nil) { SearchIndex.encode(handbook, strings: views.strings, flush: $0) }
            },
            Job(path: Routes.data, kind: "handbook.json", isPage: false) { .streamed(root: nil) { HandbookJSON.encode(handbook, flush: $0) } },
            pageJob(Routes.home, "index") { views.home() },
            pageJob(Routes.notFound, "notfound") { views.notFound() },
            pageJob(Routes.matrix, "matrixIndex") { views.matrixIndex() },
            pageJob(Routes.search, "search") { views.search() },
            Job(path: Routes.trainingPlan, kind: "training plan", isPage: false) { .streamed(root: nil) { views.trainingPlanCSV(flush: $0) } },
            Job(path: Routes.matrixCSV, kind: "csv", isPage: false) { .streamed(root: nil) { views.matrixCSV(flush: $0) } },
            pageJob(Routes.processIndex, "processIndex") { views.processIndex() },
            pageJob(Routes.departmentIndex, "departmentIndex") { views.departmentIndex() },
            pageJob(Routes.trainingIndex, "trainingIndex") { views.trainingIndex() },
            pageJob(Routes.review, "review") { views.review() },
        ]
        for (number, pages) in SearchIndex.parts(handbook.pages).enumerated() {
            jobs.append(Job(path: SearchIndex.partPath(number), kind: "search index", isPage: false) {
                .streamed(root: nil) { SearchIndex.encodePart(handbook, pages: pages, flush: $0) }
            })
        }
        // Department and training pages, each listing duties from many processes, before the
        // thousands of small process pages: the last jobs to finish are then short ones, and
        // neither core waits at the end for the other's long page.
        for department in handbook.departments {
            jobs.append(pageJob(Routes.department(department.id), "department") { views.department(department) })
            jobs.append(pageJob(Routes.training(department.id), "training") { views.training(department, role: nil) })
            jobs.append(pageJob(Routes.matrix(department.id), "matrix") { views.matrix(department) })
            jobs.append(Job(path: Routes.departmentDutiesCSV(department.id), kind: "csv", isPage: false) {
                .streamed(root: nil) { _ in views.departmentDutiesCSV(department) }
            })
            for role in department.roles {
                jobs.append(pageJob(Routes.training(department.id, role: role.id), "training") { views.training(department, role: role) })
                jobs.append(pageJob(Routes.role(department.id, role: role.id), "role") { views.role(department, role) })
                if views.hasDelta(department, role) {
                    jobs.append(pageJob(Routes.deltaSheet(department.id, role: role.id), "deltaSheet") { views.deltaSheet(department, role) })
                }
            }
        }
        for process in handbook.processes {
            jobs.append(pageJob(Routes.process(process.id), "process") { views.process(process) })
            jobs.append(pageJob(Routes.feedbackForm(process.id), "feedback") { views.feedbackForm(process) })
            if let history = handbook.history[process.id], history.versions.count > 1 {
                jobs.append(pageJob(Routes.processChanges(process.id), "versionCompare") { views.versionChanges(process) })
            }
        }
        for page in handbook.pages {
            jobs.append(pageJob(page.route, "page") { views.page(page) })
        }
        for (index, section) in handbook.pageTree.sections.enumerated() where section.generated {
            jobs.append(pageJob(section.route!, "page") { views.sectionPage(index) })
        }
        let language = handbook.config.language.rawValue
        for redirect in handbook.redirects {
            jobs.append(Job(path: redirect.route, kind: "redirect", isPage: true) {
                .text(ViewModels.redirectHTML(redirect, strings: views.strings, language: language))
            })
        }
        jobs.append(Job(path: OutputSafety.marker, kind: "files copied", isPage: false) {
            .text("This folder is written by `handbook build` and replaced whole by the next build.\n")
        })
        for (path, url) in theme.assets.sorted(by: { $0.key < $1.key }) {
            jobs.append(Job(path: path, kind: "files copied", isPage: false) { .copy(url) })
        }
        if let contentURL {
            for asset in assets {
                let url = contentURL.appendingPathComponent(asset)
                jobs.append(Job(path: asset, kind: "files copied", isPage: false) { .copy(url) })
            }
        }
        return jobs
    }

    /// Runs every job on all cores, each file handed to `emit` as soon as it is made. Returns
    /// the CPU time its thread spent on each kind of job (making and writing the file).
    @discardableResult
    static func run(_ jobs: [Job], emit: @escaping @Sendable (OutputFile) -> Void) async -> [String: Duration] {
        await withTaskGroup(of: (String, Duration).self) { group in
            for job in jobs {
                group.addTask {
                    let start = threadCPUTime()
                    emit(OutputFile(path: job.path, contents: job.make()))
                    return (job.kind, threadCPUTime() - start)
                }
            }
            var byKind: [String: Duration] = [:]
            for await (kind, time) in group { byKind[kind, default: .zero] += time }
            return byKind
        }
    }

    /// CPU time of the calling thread, user and system: a job runs on one thread from start to end.
    private static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
