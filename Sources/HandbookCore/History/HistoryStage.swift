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

    /// Every version against the one before, of every process with two or more, and every older
    /// one against the latest, on all cores (once: the changes pages, delta sheets and marks read
    /// them); the latest of the first as `latestChanges` for processes whose file today is that
    /// latest version (an edit not yet committed marks nothing). The end of a flow is said `end`
    /// (as handbook.json does); pages say it in their language. A pair of blobs compared by an
    /// earlier build, while the organisation had the same names, is read from the cache; the
    /// cache is then written with exactly the comparisons this build used.
    static func compare(_ histories: [String: ProcessHistory], handbook: Handbook,
                              parties: PartyNames, cache: HistoryCacheState = HistoryCacheState()) async -> [String: ProcessHistory] {
        let kept = cache.read.partiesStamp == parties.stamp ? cache.read.comparisons : [:]
        typealias Made = (id: String, consecutive: [VersionComparison], againstLatest: [VersionComparison],
                          lastChanged: [String: Int], used: [(VersionCache.Pair, VersionCache.Payload, fresh: Bool)])
        return await withTaskGroup(of: Made.self) { group in
            for (id, history) in histories where history.versions.count > 1 {
                group.addTask {
                    let versions = history.versions
                    var used: [(VersionCache.Pair, VersionCache.Payload, fresh: Bool)] = []
                    func compare(_ old: ProcessVersion, _ new: ProcessVersion) -> VersionComparison {
                        let pair = VersionCache.Pair(old: old.blob, new: new.blob)
                        if let payload = kept[pair], let comparison = payload.withBytes(ComparisonCodec.decode) {
                            used.append((pair, payload, false))
                            return comparison
                        }
                        let comparison = VersionComparison(old: old.raw, new: new.raw, party: parties.resolve, endWord: "end")
                        used.append((pair, VersionCache.Payload(ComparisonCodec.encode(comparison)), true))
                        return comparison
                    }
                    let latest = versions[versions.count - 1]
                    let consecutive = (1..<versions.count).map { compare(versions[$0 - 1], versions[$0]) }
                    let againstLatest = (0..<versions.count - 2).map { compare(versions[$0], latest) }
                    return (id, consecutive, againstLatest, ProcessHistory.lastChanged(consecutive, latest: latest.raw), used)
                }
            }
            var result = histories
            var next = cache
            next.next.comparisons = [:]
            next.next.partiesStamp = parties.stamp
            for await made in group {
                result[made.id]?.consecutive = made.consecutive
                result[made.id]?.againstLatest = made.againstLatest
                if let process = handbook.process(made.id), process.version == result[made.id]?.versions.last?.version {
                    result[made.id]?.latestChanges = made.consecutive.last
                    result[made.id]?.lastChanged = made.lastChanged
                }
                for (pair, payload, fresh) in made.used {
                    next.next.comparisons[pair] = payload
                    if fresh { next.changed = true }
                }
            }
            if next.next.comparisons.count != cache.read.comparisons.count || next.next.partiesStamp != cache.read.partiesStamp {
                next.changed = true
            }
            next.write()
            return result
        }
    }

    /// `check` compares nothing: the cache keeps the comparisons it had.
    static func keepComparisons(_ cache: HistoryCacheState) {
        var next = cache
        next.next.comparisons = cache.read.comparisons
        next.next.partiesStamp = cache.read.partiesStamp
        next.write()
    }

    private static func processes(_ loaded: LoadedHandbook) -> [RawProcess] {
        loaded.documents.compactMap { if case .process(let value) = $0 { value } else { nil } }
    }
}
