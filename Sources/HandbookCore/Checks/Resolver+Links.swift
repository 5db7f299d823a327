import Foundation
import HandbookMarkdown

/// Resolver's steps about links: the index of every link target, bodies rendered against it,
/// then their links checked.
extension Resolver {
    /// Where every document lands, for links: the index, with pages' folder pages, old
    /// addresses and generated section pages.
    struct LinkPlan {
        var links = LinkIndex()
        var folderPages: [String: String] = [:]
        /// A page's old addresses, by its content path.
        var aliasRoutes: [String: [(route: String, position: SourcePosition)]] = [:]
        /// Folders without a page of their own, which get one listing them.
        var generatedSections: [String] = []
    }

    static func planLinks(_ loaded: LoadedHandbook, directory: Directory, processes: [RawProcess], pages rawPages: [RawPage],
                          assets: [String], drafts: Bool) -> Stage<LinkPlan> {
        var found: [Diagnostic] = []
        var plan = LinkPlan()
        plan.links.linkBase = loaded.config.linksRelativeTo
        plan.links.headingIDs = loaded.config.headingIDs
        plan.links.assets = Set(assets)
        plan.links.withheld = Set(loaded.assets).subtracting(assets)
        plan.links.unreadable = loaded.unreadable
        for department in directory.departments.values {
            plan.links.targets[department.file.contentPath] = .init(route: Routes.department(department.id.value), anchors: [], published: true)
        }
        for process in processes {
            plan.links.targets[process.file.contentPath] = .init(
                route: Routes.process(process.id.value),
                anchors: process.stepAnchors,
                published: process.status.isPublished(drafts: drafts))
        }
        plan.folderPages = PageResolver.folderPages(rawPages)
        var publishedPaths: [String] = []
        for page in rawPages {
            let published = page.file.kind == .home || page.meta.status.isPublished(drafts: drafts)
            plan.links.targets[page.file.contentPath] = .init(route: PageResolver.route(page, folderPages: plan.folderPages), anchors: [],
                                                              published: published, isPage: page.file.kind == .page)
            if published, page.file.kind == .page { publishedPaths.append(page.file.contentPath) }
        }
        var aliasAddresses: [(address: String, page: String)] = []
        for page in rawPages where page.file.kind == .page && !page.meta.aliases.isEmpty && plan.links.targets[page.file.contentPath]?.published == true {
            let (aliases, problems) = PageResolver.aliases(page)
            found += problems
            // Jekyll sites move a page with `permalink:` and keep its old path in `redirect_from`;
            // without the permalink the old path is the page's own address: nothing to redirect.
            for alias in aliases where alias.route != plan.links.targets[page.file.contentPath]?.route {
                aliasAddresses.append((alias.address, page.file.contentPath))
                plan.aliasRoutes[page.file.contentPath, default: []].append((alias.route, alias.position))
            }
        }
        // A folder without a page of its own gets one listing it (links to the folder land
        // there), unless a page names the folder as its old address: the redirect is there.
        let redirected = Set(plan.aliasRoutes.values.joined().map(\.route))
        plan.generatedSections = PageResolver.generatedSections(published: publishedPaths, folderPages: plan.folderPages)
            .filter { !redirected.contains(FolderPages.route(ofFolder: $0)) }
        for folder in plan.generatedSections {
            plan.links.targets[folder + "/"] = .init(route: FolderPages.route(ofFolder: folder), anchors: [], published: true, isPage: true)
        }
        plan.links.indexAddresses()
        // Old addresses lead to their page, for links as for browsers; a page's own address wins.
        for alias in aliasAddresses where plan.links.addresses[alias.address] == nil {
            plan.links.addresses[alias.address] = alias.page
        }
        plan.links.indexLowercased()
        plan.links.indexNames()
        return Stage(value: plan, diagnostics: found)
    }

    struct Body: Sendable {
        var filePath: String
        /// The whole file, to know it unchanged (see `ResolutionMemo`).
        var fileText: String
        var firstLine: Int
        var rendered: RenderedMarkdown
    }

    /// Every body rendered (concurrently); their heading anchors then join the index.
    static func renderBodies(_ loaded: LoadedHandbook, links: inout LinkIndex, memo: MarkdownMemo?) async -> [String: Body] {
        memo?.begin("body", links: links)
        let bodies = await renderBodies(loaded.documents, links: links, unsafeHTML: loaded.config.unsafeHTML, memo: memo)
        for (path, body) in bodies {
            links.targets[path]?.headings = body.rendered.headingAnchors
        }
        return bodies
    }

    /// Each body's links against the finished index, and its dropped raw HTML; an unchanged
    /// file's from `serve`'s last rebuild.
    static func checkBodies(_ bodies: [String: Body], links: LinkIndex, results: ResolutionMemo?) async -> [Diagnostic] {
        results?.keep(only: Set(bodies.keys))
        var diagnostics: [Diagnostic] = []
        var unchecked: [(path: String, body: Body)] = []
        for (path, body) in bodies {
            if let found = results?.body(path, fileText: body.fileText) {
                diagnostics += found
            } else {
                unchecked.append((path, body))
            }
        }
        for (index, found) in await checkBodies(unchecked, links: links).enumerated() {
            results?.store(unchecked[index].path, fileText: unchecked[index].body.fileText, bodyDiagnostics: found)
            diagnostics += found
        }
        return diagnostics
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
                        Markdown.render(body.text, unsafeHTML: unsafeHTML, reservedAnchors: key.reserved, headingIDs: links.headingIDs) {
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
}
