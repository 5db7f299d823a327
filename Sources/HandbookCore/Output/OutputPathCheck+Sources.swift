import Foundation

/// Everything the content makes the site write, for the check that no two land on one path.
extension OutputPathCheck {
    /// No two of the content's outputs written to one path: processes, departments and their
    /// roles, pages, generated section pages, redirects and files copied.
    static func check(processes: [Process], departments: [Department], pages: [Page], sections: [String],
                      redirects: [Redirect], assets: [String], contentFolder: String) -> [Diagnostic] {
        check(outputSources(processes: processes, departments: departments, pages: pages,
                            assets: assets, contentFolder: contentFolder,
                            sections: sections, redirects: redirects))
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
