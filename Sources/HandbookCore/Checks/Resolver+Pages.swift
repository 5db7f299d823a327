import Foundation

/// Resolver's steps about plain pages and the paths everything is written to.
extension Resolver {
    struct Pages {
        var home: Page?
        var pages: [Page] = []
        var redirects: [Redirect] = []
    }

    /// The published pages (unpublished ones are left out here: nothing after this sees them),
    /// with a redirect page for each old address.
    static func makePages(_ rawPages: [RawPage], plan: LinkPlan, bodies: [String: Body]) -> Pages {
        var result = Pages()
        for raw in rawPages {
            let path = raw.file.contentPath
            guard let target = plan.links.targets[path], target.published else { continue }
            let rendered = bodies[path]?.rendered
            let title = raw.title ?? rendered?.headings.first(where: { $0.level == 1 })?.text
                ?? rendered?.headings.first?.text ?? DocumentParser.fileID(raw.file)
            var page = Page(contentPath: path, title: title, bodyHTML: rendered?.html ?? "",
                            source: SourcePosition(path: raw.file.path, line: 1, column: 1), route: target.route)
            page.status = raw.meta.status
            page.description = raw.meta.description
            page.weight = raw.meta.weight
            page.lang = raw.meta.lang
            page.tags = raw.meta.tags
            page.date = raw.meta.date
            page.owner = raw.meta.owner
            page.isFolderPage = raw.file.kind == .page && plan.folderPages[page.folder] == path
            for alias in plan.aliasRoutes[path] ?? [] {
                result.redirects.append(Redirect(route: alias.route, target: target.route, title: title, source: alias.position))
            }
            if raw.file.kind == .home { result.home = page } else { result.pages.append(page) }
        }
        result.pages.sort { $0.contentPath < $1.contentPath }
        return result
    }

    /// No two sources written to one path.
    static func outputPaths(processes: [Process], departments: [Department], pages: Pages, plan: LinkPlan,
                            assets: [String], contentFolder: String) -> [Diagnostic] {
        OutputPathCheck.check(outputSources(processes: processes, departments: departments, pages: pages.pages,
                                            assets: assets, contentFolder: contentFolder,
                                            sections: plan.generatedSections, redirects: pages.redirects))
    }

    /// Everything the site will write from the content, in a fixed order (generated pages first).
    private static func outputSources(processes: [Process], departments: [Department], pages: [Page],
                                      assets: [String], contentFolder: String, sections: [String] = [],
                                      redirects: [Redirect] = []) -> [OutputPathCheck.Source] {
        var sources: [OutputPathCheck.Source] = []
        for process in processes {
            sources.append(.init(route: Routes.process(process.id), description: "process \(process.id)", position: process.source))
            sources.append(.init(route: Routes.feedbackForm(process.id), description: "the feedback form of \(process.id)", position: process.source))
            // Taken whether or not this build reads the history: `check` and `build --no-history`
            // say the same, and a page never lands where a later build puts the comparisons.
            sources.append(.init(route: Routes.processChanges(process.id), description: "the version changes of \(process.id)", position: process.source))
        }
        for department in departments {
            sources.append(.init(route: Routes.department(department.id), description: "department \(department.id)", position: department.source))
            sources.append(.init(route: Routes.training(department.id), description: "the checklist of \(department.id)", position: department.source))
            sources.append(.init(route: Routes.matrix(department.id), description: "the matrix of \(department.id)", position: department.source))
            var seen = Set<String>()
            // A repeated role id is already its own error.
            for role in department.roles where seen.insert(role.id).inserted {
                sources.append(.init(route: Routes.training(department.id, role: role.id),
                                     description: "the checklist of \(department.id)/\(role.id)", position: role.source))
                sources.append(.init(route: Routes.role(department.id, role: role.id),
                                     description: "the page of \(department.id)/\(role.id)", position: role.source))
                sources.append(.init(route: Routes.deltaSheet(department.id, role: role.id),
                                     description: "the retraining sheet of \(department.id)/\(role.id)", position: role.source))
            }
        }
        for page in pages.sorted(by: { $0.contentPath < $1.contentPath }) {
            sources.append(.init(route: page.route, description: page.source.path, position: page.source))
        }
        for folder in sections {
            sources.append(.init(route: FolderPages.route(ofFolder: folder), description: "the section page of \(contentFolder)/\(folder)/",
                                 position: nil))
        }
        for redirect in redirects {
            sources.append(.init(route: redirect.route, description: "an old address of \(redirect.target)", position: redirect.source))
        }
        for asset in assets {
            sources.append(.init(route: asset, description: "\(contentFolder)/\(asset)",
                                 position: SourcePosition(path: "\(contentFolder)/\(asset)", line: 1, column: 1)))
        }
        return sources
    }
}
