import Foundation
import HandbookMarkdown

/// Raw documents into the resolved, published `Handbook`, with every diagnostic found.
///
/// `resolve` reads as its steps; each step is a function returning its value and the
/// diagnostics it found (`Stage`), in `Resolver+*.swift`.
public enum Resolver {
    /// A step's value and what the step found.
    struct Stage<Value> {
        var value: Value
        var diagnostics: [Diagnostic] = []
    }

    /// `today` (`yyyy-MM-dd`) dates the review-overdue check.
    /// `cache`: what `serve` keeps between rebuilds (renders and checking results).
    static func resolve(_ loaded: LoadedHandbook, drafts: Bool, today: String,
                        cache: DocumentCache? = nil) async -> (Handbook, [Diagnostic]) {
        let memo = cache?.markdown, results = cache?.resolution
        var diagnostics: [Diagnostic] = []
        /// The step's value; its diagnostics join the others.
        func take<Value>(_ stage: Stage<Value>) -> Value {
            diagnostics += stage.diagnostics
            return stage.value
        }
        let documents = take(sortDocuments(loaded))
        let directory = take(makeDirectory(documents.departments))
        let organization = take(resolveOrganization(directory))
        let rawProcesses = take(uniqueProcessIDs(documents.processes, today: today))
        let assets = take(publishableAssets(loaded))
        var plan = take(planLinks(loaded, directory: directory, processes: rawProcesses, pages: documents.pages,
                                  assets: assets, drafts: drafts))
        diagnostics += otherToolsKeys(documents.pages, config: loaded.config)
        let bodies = await renderBodies(loaded, links: &plan.links, memo: memo)
        let environment = results?.begin(.init(departments: departmentNames(documents.departments),
                                               links: plan.links, unsafeHTML: loaded.config.unsafeHTML, today: today,
                                               contentFolder: loaded.config.contentFolder))
        diagnostics += await checkBodies(bodies, links: plan.links, results: results)
        let departments = makeDepartments(directory, organization: organization, bodies: bodies)
        memo?.begin("duties", links: plan.links, unchanged: environment?.sameLinks)
        let outcomes = await resolveProcesses(rawProcesses, directory: directory, links: plan.links, bodies: bodies,
                                              unsafeHTML: loaded.config.unsafeHTML, today: today, memo: memo, results: results)
        let processes = take(publishedProcesses(outcomes, drafts: drafts))
        let confirming = rawProcesses.contains { $0.confirmationsKey != nil }
        if confirming { diagnostics += missingConfirmations(outcomes, directory: directory) }
        diagnostics += coverage(outcomes, directory: directory, unreadable: loaded.unreadable)
        let pages = makePages(documents.pages, plan: plan, bodies: bodies)
        diagnostics += OutputPathCheck.check(processes: processes, departments: departments, pages: pages.pages,
                                             sections: plan.generatedSections, redirects: pages.redirects,
                                             assets: assets, contentFolder: loaded.config.contentFolder)
        var handbook = Handbook(config: loaded.config, departments: departments, processes: processes,
                                pages: pages.pages, home: pages.home, redirects: pages.redirects)
        handbook.assets = assets
        handbook.confirmationsInUse = confirming
        return (handbook, diagnostics)
    }

    /// The documents by kind, departments and processes in the order their ids are claimed:
    /// ids taken from a file name first, so a clash is blamed on the `id:` someone wrote.
    struct Documents {
        var departments: [RawDepartment] = []
        var processes: [RawProcess] = []
        var pages: [RawPage] = []
    }

    static func sortDocuments(_ loaded: LoadedHandbook) -> Stage<Documents> {
        var documents = Documents()
        for document in loaded.documents {
            switch document {
            case .department(let value): documents.departments.append(value)
            case .process(let value): documents.processes.append(value)
            case .page(let value): documents.pages.append(value)
            }
        }
        var found: [Diagnostic] = []
        for department in documents.departments {
            found += [IdentifierCheck.check(department.id, kind: "department")].compactMap { $0 }
            found += department.roles.compactMap { IdentifierCheck.check($0.id, kind: "role") }
        }
        documents.departments.sort { ($0.id.position.line > 1 ? 1 : 0, $0.file.path) < ($1.id.position.line > 1 ? 1 : 0, $1.file.path) }
        documents.processes.sort { ($0.id.position.line > 1 ? 1 : 0, $0.file.path) < ($1.id.position.line > 1 ? 1 : 0, $1.file.path) }
        return Stage(value: documents, diagnostics: found)
    }

    static func makeDirectory(_ departments: [RawDepartment]) -> Stage<Directory> {
        var found: [Diagnostic] = []
        let directory = Directory(departments, diagnostics: &found)
        return Stage(value: directory, diagnostics: found)
    }

    static func resolveOrganization(_ directory: Directory) -> Stage<OrganizationResolver.Resolved> {
        var found: [Diagnostic] = []
        let organization = OrganizationResolver.resolve(directory, diagnostics: &found)
        return Stage(value: organization, diagnostics: found)
    }

    /// The processes whose id is not already taken; the others are still checked on their own.
    static func uniqueProcessIDs(_ processes: [RawProcess], today: String) -> Stage<[RawProcess]> {
        var found: [Diagnostic] = []
        var processIDs: [String: String] = [:]
        let unique = processes.filter { process in
            if let first = processIDs[process.id.value] {
                found.append(.error("handbook.process.duplicate-id",
                    Phrase("流程编号 `\(process.id.value)` 已被 \(first) 使用", en: "process id `\(process.id.value)` is already used by \(first)"), at: process.id.position))
                // Checked on its own all the same, as the others are below.
                found += ProcessChecks.ownChecks(process, today: today)
                return false
            }
            processIDs[process.id.value] = process.file.path
            return true
        }
        return Stage(value: unique, diagnostics: found)
    }

    /// The content's files that are copied to the site (not withheld as active markup).
    static func publishableAssets(_ loaded: LoadedHandbook) -> Stage<[String]> {
        let (assets, found) = OutputPathCheck.publishable(loaded.assets, unsafeHTML: loaded.config.unsafeHTML,
                                                          prefix: loaded.config.contentFolder,
                                                          activeMarkup: loaded.activeMarkup)
        return Stage(value: assets, diagnostics: found)
    }

    /// One warning per other tool's key and status a page uses.
    static func otherToolsKeys(_ pages: [RawPage], config: HandbookConfig) -> [Diagnostic] {
        PageResolver.foreignKeys(pages, ignore: config.ignoreKeys) + PageResolver.otherStatuses(pages)
    }

    /// What a process can name in a department: ids and names, of it and of its roles.
    static func departmentNames(_ departments: [RawDepartment]) -> [String] {
        departments.flatMap { department in
            [department.id.value, department.name.value, String(department.roles.count)] + department.roles.flatMap { [$0.id.value, $0.name.value] }
        }
    }
}
