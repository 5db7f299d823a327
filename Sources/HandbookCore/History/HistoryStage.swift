import Foundation

/// The history stage between loading and rendering: reads the versions of today's process files,
/// checks today's files against them, and hands them to the model by process id.
enum HistoryStage {
    /// `git`: git's reading, started before loading (`GitRead.start`).
    static func read(_ loaded: LoadedHandbook, root: URL, git: Task<GitRead, Never>? = nil) async -> HandbookHistory {
        let raws = processes(loaded)
        let today = Dictionary(raws.map { ($0.file.contentPath, $0) }, uniquingKeysWith: { a, _ in a })
        return await HistoryReader.read(root: root, contentFolder: loaded.config.contentFolder,
                                        processPaths: raws.map(\.file.contentPath), today: today, git: await git?.value)
    }

    static func check(_ loaded: LoadedHandbook, _ history: HandbookHistory) -> [Diagnostic] {
        guard !history.processes.isEmpty else { return [] }
        let departments = loaded.documents.compactMap { if case .department(let value) = $0 { value } else { nil } }
        let parties = PartyNames(departments, language: loaded.config.language)
        return processes(loaded).flatMap { raw in
            HistoryChecks.check(raw, history: history.processes[raw.file.contentPath], parties: parties)
        }
    }

    static func byProcessID(_ loaded: LoadedHandbook, _ history: HandbookHistory) -> [String: ProcessHistory] {
        var byID: [String: ProcessHistory] = [:]
        for raw in processes(loaded) where byID[raw.id.value] == nil {
            if let found = history.processes[raw.file.contentPath], !found.versions.isEmpty { byID[raw.id.value] = found }
        }
        return byID
    }

    /// Every version against the one before, of every process with two or more, on all cores
    /// (once: the changes pages and delta sheets read them); and the latest of them as
    /// `latestChanges` for processes whose file today is that latest version (an edit not yet
    /// committed marks nothing). The end of a flow is said `end` (as handbook.json does); pages
    /// say it in their language.
    static func latestChanges(_ histories: [String: ProcessHistory], handbook: Handbook,
                              parties: PartyNames) async -> [String: ProcessHistory] {
        await withTaskGroup(of: (String, [VersionComparison], [String: Int]).self) { group in
            for (id, history) in histories where history.versions.count > 1 {
                group.addTask {
                    let versions = history.versions
                    let consecutive = (1..<versions.count).map {
                        VersionComparison(old: versions[$0 - 1].raw, new: versions[$0].raw, party: parties.resolve, endWord: "end")
                    }
                    return (id, consecutive, ProcessHistory.lastChanged(consecutive, latest: versions[versions.count - 1].raw))
                }
            }
            var result = histories
            for await (id, consecutive, lastChanged) in group {
                result[id]?.consecutive = consecutive
                if let process = handbook.process(id), process.version == result[id]?.versions.last?.version {
                    result[id]?.latestChanges = consecutive.last
                    result[id]?.lastChanged = lastChanged
                }
            }
            return result
        }
    }

    private static func processes(_ loaded: LoadedHandbook) -> [RawProcess] {
        loaded.documents.compactMap { if case .process(let value) = $0 { value } else { nil } }
    }
}
