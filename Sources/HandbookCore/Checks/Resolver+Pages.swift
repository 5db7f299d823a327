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
}
