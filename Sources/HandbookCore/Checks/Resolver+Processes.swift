import Foundation

/// Resolver's steps about departments and processes: each process's steps and duties on all
/// cores, then the checks over all of them.
extension Resolver {
    static func makeDepartments(_ directory: Directory, organization: OrganizationResolver.Resolved,
                                bodies: [String: Body]) -> [Department] {
        directory.departments.values.sorted { $0.id.value < $1.id.value }.map { raw in
            Department(
                id: raw.id.value, name: raw.name.value,
                parentID: organization.departments[raw.id.value]?.parent,
                headRoleID: organization.departments[raw.id.value]?.head,
                roles: raw.roles.map { Role(id: $0.id.value, name: $0.name.value, source: $0.id.position) },
                descriptionHTML: bodies[raw.file.contentPath]?.rendered.html ?? "",
                source: raw.id.position)
        }
    }

    /// Every process resolved and checked, published or not (a draft is reviewed before
    /// approval), in id order; on all cores, each process's steps and duties on their own.
    /// An unchanged file's result is `serve`'s last rebuild's.
    static func resolveProcesses(_ rawProcesses: [RawProcess], directory: Directory, links: LinkIndex, bodies: [String: Body],
                                 unsafeHTML: Bool, today: String, memo: MarkdownMemo?,
                                 results: ResolutionMemo?) async -> [ResolutionMemo.ProcessResult] {
        let processResolver = ProcessResolver(directory: directory, links: links, unsafeHTML: unsafeHTML, memo: memo)
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
                    return (index, ResolutionMemo.ProcessResult(process: process, diagnostics: found,
                                                                parties: CoverageCheck.parties(of: process)))
                }
            }
            var collected: [(Int, ResolutionMemo.ProcessResult)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        for (index, result) in made {
            outcomes[index] = result
            let raw = sortedProcesses[index]
            results?.store(raw.file.contentPath, fileText: raw.file.text,
                           bodyHTML: bodies[raw.file.contentPath]?.rendered.html ?? "", result)
        }
        return outcomes.compactMap { $0 }
    }

    /// The processes the site shows, with what checking each of them found.
    static func publishedProcesses(_ outcomes: [ResolutionMemo.ProcessResult], drafts: Bool) -> Stage<[Process]> {
        var stage = Stage<[Process]>(value: [])
        for outcome in outcomes {
            stage.diagnostics += outcome.diagnostics
            if outcome.process.status.isPublished(drafts: drafts) { stage.value.append(outcome.process) }
        }
        return stage
    }

    /// Once any process records confirmations, each approved one missing a department's.
    static func missingConfirmations(_ outcomes: [ResolutionMemo.ProcessResult], directory: Directory) -> [Diagnostic] {
        outcomes.compactMap { ConfirmationCheck.missing($0.process, names: { directory.departments[$0]?.name.value ?? $0 }) }
    }

    /// Departments and roles with no duty in any approved process.
    static func coverage(_ outcomes: [ResolutionMemo.ProcessResult], directory: Directory, unreadable: Set<String>) -> [Diagnostic] {
        // A process that could not be read may be the one giving those duties: its own error
        // says what to fix, and "no duty" warnings for its parties would only mislead.
        guard !unreadable.contains(where: { ContentScanner.kind(of: $0) == .process }) else { return [] }
        var partiesWithDuty = Set<Party>()
        for outcome in outcomes where outcome.process.status == .approved { partiesWithDuty.formUnion(outcome.parties) }
        return CoverageCheck.check(departments: directory.departments.values.sorted { $0.id.value < $1.id.value },
                                   partiesWithDuty: partiesWithDuty)
    }
}
