import Foundation

/// One approved version of a process as git recorded it: the last commit in which the file had
/// `status: approved` with this `version`.
struct ProcessVersion: Sendable {
    var version: String
    /// Full object id of the commit, and the day it was committed (`%cs`: the same commit always
    /// gives the same day, whatever the clock says when building).
    var commit: String
    var date: String
    var author: String
    var subject: String
    /// The file as it was in that commit, and its blob.
    var file: VersionFile
    var blob: String
    /// The first approved commit with this version: the steps then and in `raw` should match.
    var firstFile: VersionFile
    var firstCommit: String
    var firstDate: String

    /// The file as it was in that commit, read by the loader the build uses (decoded from the
    /// cache when first asked: most builds compare nothing new and never ask).
    var raw: RawProcess { file.raw }
    var firstRaw: RawProcess { firstFile.raw }
    var effective: String? { file.header.effective }
    var approvedBy: String? { file.header.approvedBy }

    var shortCommit: String { String(commit.prefix(8)) }

    /// The `changes:` entry written for this version in that commit, if any.
    var changeSummary: String? {
        file.header.changes.first { $0.version == version }?.summary
    }
}

/// An old version's file: what its row in the history says, read at once, and the parsed file,
/// made when first asked (from the cache's bytes, or already parsed).
final class VersionFile: Sendable {
    let header: RawProcessCodec.Header
    private let parsed: Lazy<RawProcess>

    init(_ raw: RawProcess) {
        header = RawProcessCodec.Header(status: raw.status, version: raw.version?.value, effective: raw.effective?.value,
                                        approvedBy: raw.approvedBy?.value, changes: raw.changes)
        parsed = Lazy { raw }
    }

    /// `bytes`: `RawProcessCodec`'s, whose header is `header`. Should they not decode after all
    /// (the cache damaged inside an entry), the version reads as having no steps and no body.
    init(header: RawProcessCodec.Header, bytes: VersionCache.Payload, file: SourceFile) {
        self.header = header
        parsed = Lazy {
            bytes.withBytes { RawProcessCodec.decode($0, file: file) }
                ?? RawProcess(file: file, id: Located("", at: SourcePosition(path: file.path, line: 1, column: 1)),
                              title: Located("", at: SourcePosition(path: file.path, line: 1, column: 1)),
                              owner: Located("", at: SourcePosition(path: file.path, line: 1, column: 1)),
                              status: header.status, statusPosition: SourcePosition(path: file.path, line: 1, column: 1),
                              version: nil, effective: nil, approvedBy: nil, reviewDue: nil, category: nil, summary: nil,
                              goals: [], inputs: [], changes: header.changes, steps: [], stepsPosition: nil,
                              body: MarkdownSource(text: "", firstLine: 1))
        }
    }

    var raw: RawProcess { parsed.value }
}

/// A process file's approved versions, oldest first.
struct ProcessHistory: Sendable {
    var contentPath: String
    var versions: [ProcessVersion]
    /// The history stops at a shallow clone's boundary: older versions may exist.
    var cut: Bool
    /// The file had other names in older commits (renames followed).
    var formerPaths: [String] = []
    /// What the latest version changed from the one before, when today's file is the latest
    /// version: marks the steps on role pages and training sheets, and goes into handbook.json.
    var latestChanges: VersionComparison?
    /// Each version against the one before, computed once by the history stage: index i is
    /// `versions[i]` → `versions[i + 1]` (the changes page and the delta sheet read them).
    var consecutive: [VersionComparison] = []
    /// Each older version against the latest, index i `versions[i]` (for i < count − 2: the
    /// version before the latest is in `consecutive`), for the changes page.
    var againstLatest: [VersionComparison] = []
    /// The index in `versions` of the version in which each step of the latest version last
    /// changed (added, renamed or a field changed); a step unchanged since the first is absent.
    var lastChanged: [String: Int] = [:]

    var latest: ProcessVersion? { versions.last }

    /// The day a version took effect, as the version history shows it: its `effective`, else the
    /// day it was committed.
    static func day(_ version: ProcessVersion) -> String { version.effective ?? version.date }

    /// `lastChanged` from `consecutive`, newest first: the first comparison that touches a step
    /// of the latest version is the last change. A step renumbered is touched at its renumbering,
    /// so an id found in an older comparison is the same step as today's.
    static func lastChanged(_ consecutive: [VersionComparison], latest: RawProcess) -> [String: Int] {
        var open = Set(latest.steps.map(\.id.value))
        var found: [String: Int] = [:]
        for index in consecutive.indices.reversed() where !open.isEmpty {
            for id in consecutive[index].touchedStepIDs where open.remove(id) != nil { found[id] = index + 1 }
        }
        return found
    }
}

/// Every process file's history, by content path, and what could not be found.
struct HandbookHistory: Sendable {
    var processes: [String: ProcessHistory] = [:]
    /// Said once on the command line (not a diagnostic: a shallow CI clone must not fail `--strict`).
    var notices: [Phrase] = []
    /// Why there is no history at all (not a work tree, no git): said by `build` only, as
    /// `check`'s output is read by editors and CI, line by line.
    var unavailable: Phrase?
    /// Problems the old versions' files had, kept out of today's diagnostics.
    var readFailures = 0
    /// What to keep for the next build (`VersionCache`).
    var cache = HistoryCacheState()
}

/// The cache as read, and what the next build should find: the entries this build used, and
/// the comparisons once they are made. Written by `write` when anything differs.
struct HistoryCacheState: Sendable {
    var file: URL?
    var next = VersionCache()
    var changed = false
    var read = VersionCache()

    func write() {
        guard let file, changed else { return }
        next.write(file)
    }
}
