import Foundation
import HandbookMarkdown

/// Raw documents into the resolved, published `Handbook`, with every diagnostic found.
public enum Resolver {
    /// `today` (`yyyy-MM-dd`) dates the review-overdue check.
    /// `memo`, `results`: renders and results kept between `serve`'s rebuilds.
    static func resolve(_ loaded: LoadedHandbook, drafts: Bool, today: String,
                        memo: MarkdownMemo? = nil, results: ResolutionMemo? = nil) async -> (Handbook, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var rawDepartments: [RawDepartment] = []
        var rawProcesses: [RawProcess] = []
        var rawPages: [RawPage] = []
        for document in loaded.documents {
            switch document {
            case .department(let value): rawDepartments.append(value)
            case .process(let value): rawProcesses.append(value)
            case .page(let value): rawPages.append(value)
            }
        }
        for department in rawDepartments {
            diagnostics += [IdentifierCheck.check(department.id, kind: "department")].compactMap { $0 }
            diagnostics += department.roles.compactMap { IdentifierCheck.check($0.id, kind: "role") }
        }
        rawDepartments.sort { ($0.id.position.line > 1 ? 1 : 0, $0.file.path) < ($1.id.position.line > 1 ? 1 : 0, $1.file.path) }
        let directory = Directory(rawDepartments, diagnostics: &diagnostics)
        let organization = OrganizationResolver.resolve(directory, diagnostics: &diagnostics)

        var processIDs: [String: String] = [:]
        // Ids taken from a file name first: a clash is then blamed on the `id:` someone wrote.
        rawProcesses.sort { ($0.id.position.line > 1 ? 1 : 0, $0.file.path) < ($1.id.position.line > 1 ? 1 : 0, $1.file.path) }
        rawProcesses = rawProcesses.filter { process in
            if let first = processIDs[process.id.value] {
                diagnostics.append(.error("handbook.process.duplicate-id",
                    Phrase("流程编号 `\(process.id.value)` 已被 \(first) 使用", en: "process id `\(process.id.value)` is already used by \(first)"), at: process.id.position))
                // Checked on its own all the same, as the others are below.
                diagnostics += ProcessChecks.ownChecks(process, today: today)
                return false
            }
            processIDs[process.id.value] = process.file.path
            return true
        }

        let (assets, assetDiagnostics) = OutputPathCheck.publishable(loaded.assets, unsafeHTML: loaded.config.unsafeHTML,
                                                                     prefix: loaded.config.contentFolder,
                                                                     activeMarkup: loaded.activeMarkup)
        diagnostics += assetDiagnostics
        var links = LinkIndex()
        links.linkBase = loaded.config.linksRelativeTo
        links.assets = Set(assets)
        links.withheld = Set(loaded.assets).subtracting(assets)
        links.unreadable = loaded.unreadable
        for department in directory.departments.values {
            links.targets[department.file.contentPath] = .init(route: Routes.department(department.id.value), anchors: [], published: true)
        }
        for process in rawProcesses {
            links.targets[process.file.contentPath] = .init(
                route: Routes.process(process.id.value),
                anchors: process.stepAnchors,
                published: process.status.isPublished(drafts: drafts))
        }
        let folderPages = PageResolver.folderPages(rawPages)
        var publishedPaths: [String] = []
        for page in rawPages {
            let published = page.file.kind == .home || page.meta.status.isPublished(drafts: drafts)
            links.targets[page.file.contentPath] = .init(route: PageResolver.route(page, folderPages: folderPages), anchors: [],
                                                         published: published, isPage: page.file.kind == .page)
            if published, page.file.kind == .page { publishedPaths.append(page.file.contentPath) }
        }
        var aliasRoutes: [String: [(route: String, position: SourcePosition)]] = [:]
        var aliasAddresses: [(address: String, page: String)] = []
        for page in rawPages where page.file.kind == .page && !page.meta.aliases.isEmpty && links.targets[page.file.contentPath]?.published == true {
            let (found, problems) = PageResolver.aliases(page)
            diagnostics += problems
            // Jekyll sites move a page with `permalink:` and keep its old path in `redirect_from`;
            // without the permalink the old path is the page's own address: nothing to redirect.
            for alias in found where alias.route != links.targets[page.file.contentPath]?.route {
                aliasAddresses.append((alias.address, page.file.contentPath))
                aliasRoutes[page.file.contentPath, default: []].append((alias.route, alias.position))
            }
        }
        // A folder without a page of its own gets one listing it (links to the folder land
        // there), unless a page names the folder as its old address: the redirect is there.
        let redirected = Set(aliasRoutes.values.joined().map(\.route))
        let generatedSections = PageResolver.generatedSections(published: publishedPaths, folderPages: folderPages)
            .filter { !redirected.contains(FolderPages.route(ofFolder: $0)) }
        for folder in generatedSections {
            links.targets[folder + "/"] = .init(route: FolderPages.route(ofFolder: folder), anchors: [], published: true, isPage: true)
        }
        links.indexAddresses()
        // Old addresses lead to their page, for links as for browsers; a page's own address wins.
        for alias in aliasAddresses where links.addresses[alias.address] == nil {
            links.addresses[alias.address] = alias.page
        }
        links.indexLowercased()
        links.indexNames()
        diagnostics += PageResolver.foreignKeys(rawPages, ignore: loaded.config.ignoreKeys)
        diagnostics += PageResolver.otherStatuses(rawPages)

        // Bodies: rendered concurrently, then their heading anchors join the index.
        memo?.begin("body", links: links)
        let bodies = await renderBodies(loaded.documents, links: links, unsafeHTML: loaded.config.unsafeHTML, memo: memo)
        for (path, body) in bodies {
            links.targets[path]?.headings = body.rendered.headingAnchors
        }
        // What a process can name in a department: ids and names, of it and of its roles.
        let names = rawDepartments.flatMap { department in
            [department.id.value, department.name.value, String(department.roles.count)] + department.roles.flatMap { [$0.id.value, $0.name.value] }
        }
        let unchanged = results?.begin(.init(departments: names,
                                             links: links, unsafeHTML: loaded.config.unsafeHTML, today: today,
                                             contentFolder: loaded.config.contentFolder))
        results?.keep(only: Set(bodies.keys))
        var unchecked: [(path: String, body: Body)] = []
        for (path, body) in bodies {
            if let found = results?.body(path, fileText: body.fileText) {
                diagnostics += found
            } else {
                unchecked.append((path, body))
            }
        }
        for (index, found) in await checkBodies(unchecked, links: links).enumerated() {
            results?.store(unchecked[index].path, ResolutionMemo.BodyResult(fileText: unchecked[index].body.fileText, diagnostics: found))
            diagnostics += found
        }

        let departments = directory.departments.values.sorted { $0.id.value < $1.id.value }.map { raw in
            Department(
                id: raw.id.value, name: raw.name.value,
                parentID: organization.departments[raw.id.value]?.parent,
                headRoleID: organization.departments[raw.id.value]?.head,
                roles: raw.roles.map { Role(id: $0.id.value, name: $0.name.value, source: $0.id.position) },
                descriptionHTML: bodies[raw.file.contentPath]?.rendered.html ?? "",
                source: raw.id.position)
        }
        memo?.begin("duties", links: links, unchanged: unchanged?.sameLinks)
        let processResolver = ProcessResolver(directory: directory, links: links, unsafeHTML: loaded.config.unsafeHTML, memo: memo)
        // Every process is checked, published or not: a draft is reviewed before approval.
        // On all cores: each process's steps and duties are resolved on their own.
        let sortedProcesses = rawProcesses.sorted { $0.id.value < $1.id.value }
        var outcomes = [ResolutionMemo.ProcessResult?](repeating: nil, count: sortedProcesses.count)
        var missed: [Int] = []
        for (index, raw) in sortedProcesses.enumerated() {
            let bodyHTML = bodies[raw.file.contentPath]?.rendered.html ?? ""
            if let hit = results?.process(raw.file.contentPath, fileText: raw.file.text, bodyHTML: bodyHTML) {
                outcomes[index] = hit
            } else {
                missed.append(index)
            }
        }
        let made = await withTaskGroup(of: (Int, ResolutionMemo.ProcessResult).self) { group in
            for index in missed {
                let raw = sortedProcesses[index]
                let bodyHTML = bodies[raw.file.contentPath]?.rendered.html ?? ""
                group.addTask {
                    var found = ProcessChecks.ownChecks(raw, today: today)
                    let process = processResolver.resolve(raw, bodyHTML: bodyHTML, diagnostics: &found)
                    found += HandOverCheck.check(raw: raw, steps: process.steps)
                    return (index, ResolutionMemo.ProcessResult(
                        fileText: raw.file.text, bodyHTML: bodyHTML, process: process, diagnostics: found,
                        parties: CoverageCheck.parties(of: process)))
                }
            }
            var collected: [(Int, ResolutionMemo.ProcessResult)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        for (index, result) in made {
            outcomes[index] = result
            results?.store(sortedProcesses[index].file.contentPath, result)
        }
        var processes: [Process] = []
        var partiesWithDuty = Set<Party>()
        for case let outcome? in outcomes {
            diagnostics += outcome.diagnostics
            if outcome.process.status == .approved { partiesWithDuty.formUnion(outcome.parties) }
            if outcome.process.status.isPublished(drafts: drafts) { processes.append(outcome.process) }
        }
        let confirming = rawProcesses.contains { $0.confirmationsKey != nil }
        if confirming {
            for case let outcome? in outcomes {
                if let problem = ConfirmationCheck.missing(outcome.process, names: { directory.departments[$0]?.name.value ?? $0 }) {
                    diagnostics.append(problem)
                }
            }
        }
        // A process that could not be read may be the one giving those duties: its own error
        // says what to fix, and "no duty" warnings for its parties would only mislead.
        if !loaded.unreadable.contains(where: { ContentScanner.kind(of: $0) == .process }) {
            diagnostics += CoverageCheck.check(departments: directory.departments.values.sorted { $0.id.value < $1.id.value },
                                               partiesWithDuty: partiesWithDuty)
        }
        var home: Page?
        var pages: [Page] = []
        var redirects: [Redirect] = []
        for raw in rawPages {
            let path = raw.file.contentPath
            // Unpublished pages are left out here: nothing after this sees them.
            guard let target = links.targets[path], target.published else { continue }
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
            page.isFolderPage = raw.file.kind == .page && folderPages[page.folder] == path
            for alias in aliasRoutes[path] ?? [] {
                redirects.append(Redirect(route: alias.route, target: target.route, title: title, source: alias.position))
            }
            if raw.file.kind == .home { home = page } else { pages.append(page) }
        }
        pages.sort { $0.contentPath < $1.contentPath }
        diagnostics += OutputPathCheck.check(outputSources(processes: processes, departments: departments, pages: pages,
                                                           rawPages: rawPages, assets: assets, contentFolder: loaded.config.contentFolder,
                                                           sections: generatedSections, redirects: redirects))
        var handbook = Handbook(config: loaded.config, departments: departments, processes: processes,
                                pages: pages, home: home, redirects: redirects)
        handbook.assets = assets
        handbook.confirmationsInUse = confirming
        return (handbook, diagnostics)
    }

    struct Body: Sendable {
        var filePath: String
        /// The whole file, to know it unchanged (see `ResolutionMemo`).
        var fileText: String
        var firstLine: Int
        var rendered: RenderedMarkdown
    }

    /// Each body's links against the finished index, and its dropped raw HTML; on all cores, in
    /// slices, the diagnostics returned in the order of `bodies`.
    private static func checkBodies(_ bodies: [(path: String, body: Body)], links: LinkIndex) async -> [[Diagnostic]] {
        func check(_ path: String, _ body: Body) -> [Diagnostic] {
            var found: [Diagnostic] = []
            if let dropped = RawHTMLCheck.check(body) { found.append(dropped) }
            for link in body.rendered.links {
                let at = SourcePosition(path: body.filePath, line: body.firstLine + link.line - 1, column: link.column)
                if let problem = links.check(link.destination, from: path, at: at) { found.append(problem) }
            }
            return found
        }
        let slice = max(64, bodies.count / (4 * ProcessInfo.processInfo.activeProcessorCount) + 1)
        return await withTaskGroup(of: (Int, [[Diagnostic]]).self) { group in
            for start in stride(from: 0, to: bodies.count, by: slice) {
                group.addTask {
                    (start, bodies[start..<min(start + slice, bodies.count)].map { check($0.path, $0.body) })
                }
            }
            var found = [[Diagnostic]](repeating: [], count: bodies.count)
            for await (start, slice) in group {
                found.replaceSubrange(start..<start + slice.count, with: slice)
            }
            return found
        }
    }

    private static func renderBodies(_ documents: [RawDocument], links: LinkIndex,
                                     unsafeHTML: Bool, memo: MarkdownMemo?) async -> [String: Body] {
        var bodies: [String: Body] = [:]
        bodies.reserveCapacity(documents.count)
        // Renders kept from the last rebuild are taken here; only the others become tasks.
        var missed: [(file: SourceFile, body: MarkdownSource, key: MarkdownMemo.Key)] = []
        for document in documents {
            let (file, body): (SourceFile, MarkdownSource) = switch document {
            case .department(let value): (value.file, value.body)
            case .process(let value): (value.file, value.body)
            case .page(let value): (value.file, value.body)
            }
            if let rendered = memo?.cached("body", file: file.contentPath, text: file.text, unsafeHTML: unsafeHTML) {
                bodies[file.contentPath] = Body(filePath: file.path, fileText: file.text, firstLine: body.firstLine, rendered: rendered)
                continue
            }
            // The anchors of a step table, and those the page layout uses, are not for headings.
            let reserved = PageAnchors.reserved(for: file.kind).union(links.targets[file.contentPath]?.anchors ?? [])
            let key = MarkdownMemo.Key(text: body.text, source: file.contentPath, reserved: reserved, unsafeHTML: unsafeHTML)
            if let rendered = memo?.cached("body", key) {
                memo?.keep("body", file: file.contentPath, text: file.text, unsafeHTML: unsafeHTML, rendered)
                bodies[file.contentPath] = Body(filePath: file.path, fileText: file.text, firstLine: body.firstLine, rendered: rendered)
            } else {
                missed.append((file, body, key))
            }
        }
        return await withTaskGroup(of: (String, Body).self) { group in
            for (file, body, key) in missed {
                group.addTask {
                    let make = {
                        Markdown.render(body.text, unsafeHTML: unsafeHTML, reservedAnchors: key.reserved) {
                            links.rewrite($0, from: file.contentPath)
                        }
                    }
                    let rendered = memo?.render("body", key, make: make) ?? make()
                    memo?.keep("body", file: file.contentPath, text: file.text, unsafeHTML: unsafeHTML, rendered)
                    return (file.contentPath, Body(filePath: file.path, fileText: file.text, firstLine: body.firstLine, rendered: rendered))
                }
            }
            for await (path, body) in group { bodies[path] = body }
            return bodies
        }
    }

    /// Everything the site will write from the content, in a fixed order (generated pages first).
    private static func outputSources(processes: [Process], departments: [Department], pages: [Page], rawPages: [RawPage],
                                      assets: [String], contentFolder: String, sections: [String] = [],
                                      redirects: [Redirect] = []) -> [OutputPathCheck.Source] {
        var sources: [OutputPathCheck.Source] = []
        for process in processes {
            sources.append(.init(route: Routes.process(process.id), description: "process \(process.id)", position: process.source))
            sources.append(.init(route: Routes.feedbackForm(process.id), description: "the feedback form of \(process.id)", position: process.source))
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
