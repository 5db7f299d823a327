import Foundation

/// The history stage between loading and rendering: reads the versions of today's process files,
/// checks today's files against them, and hands them to the model by process id.
enum HistoryStage {
    static func read(_ loaded: LoadedHandbook, root: URL) async -> HandbookHistory {
        let paths = processes(loaded).map(\.file.contentPath)
        return await HistoryReader.read(root: root, contentFolder: loaded.config.contentFolder, processPaths: paths)
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

    private static func processes(_ loaded: LoadedHandbook) -> [RawProcess] {
        loaded.documents.compactMap { if case .process(let value) = $0 { value } else { nil } }
    }
}
