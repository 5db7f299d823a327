import Foundation

/// One file of the built site.
struct OutputFile: Sendable {
    var path: String
    var contents: Contents

    enum Contents: Sendable {
        case text(String)
        /// UTF-8, as pages come out of the template renderer.
        case bytes([UInt8])
        case copy(URL)
    }
}

/// The resolved handbook into every page of the site, rendered in parallel. Each file goes to
/// `emit` as soon as it is made (written to disk by `build`, kept in memory by `serve`), so the
/// whole site never has to sit in memory at once. Returns the number of pages.
enum SiteRenderer {
    static func render(_ handbook: Handbook, theme: Theme, printedDate: String, contentURL: URL?,
                       assets: [String], emit: @escaping @Sendable (OutputFile) -> Void) async -> Int {
        let views = ViewModels(handbook: handbook, printedDate: printedDate,
                               renderFragment: { template, model in theme.render(template, model) })
        var jobs: [(path: String, template: String, model: @Sendable () -> Model)] = [
            (Routes.home, "index", { views.home() }),
            (Routes.notFound, "notfound", { views.notFound() }),
            (Routes.matrix, "matrix", { views.matrix() }),
            (Routes.search, "search", { views.search() }),
        ]
        for process in handbook.processes {
            jobs.append((Routes.process(process.id), "process", { views.process(process) }))
            jobs.append((Routes.feedbackForm(process.id), "feedback", { views.feedbackForm(process) }))
        }
        for department in handbook.departments {
            jobs.append((Routes.department(department.id), "department", { views.department(department) }))
            jobs.append((Routes.training(department.id), "training", { views.training(department, role: nil) }))
            for role in department.roles {
                jobs.append((Routes.training(department.id, role: role.id), "training", { views.training(department, role: role) }))
            }
        }
        for page in handbook.pages {
            jobs.append((Routes.page(page.contentPath), "page", { views.page(page) }))
        }

        await withTaskGroup(of: Void.self) { group in
            // The two whole-handbook files first: each is one long task, run beside the pages.
            group.addTask { emit(OutputFile(path: SearchIndex.path, contents: .text(SearchIndex.encode(handbook, strings: views.strings)))) }
            group.addTask { emit(OutputFile(path: Routes.data, contents: .text(HandbookJSON.encode(handbook)))) }
            for job in jobs {
                group.addTask {
                    let html = theme.renderUTF8(job.template, job.model())
                    emit(OutputFile(path: job.path, contents: .bytes(RootLink.relativize(html, root: Routes.rootPrefix(of: job.path)))))
                }
            }
        }
        var files: [OutputFile] = []
        files.append(OutputFile(path: OutputSafety.marker, contents: .text("This folder is written by `handbook build` and replaced whole by the next build.\n")))
        for (path, url) in theme.assets.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: path, contents: .copy(url)))
        }
        if let contentURL {
            for asset in assets {
                files.append(OutputFile(path: asset, contents: .copy(contentURL.appendingPathComponent(asset))))
            }
        }
        files.forEach(emit)
        return jobs.count
    }
}
