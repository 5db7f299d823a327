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
    /// The file as it was in that commit, read by the loader the build uses.
    var raw: RawProcess
    /// The first approved commit with this version: the steps then and in `raw` should match.
    var firstRaw: RawProcess
    var firstCommit: String
    var firstDate: String

    var shortCommit: String { String(commit.prefix(8)) }

    /// The `changes:` entry written for this version in that commit, if any.
    var changeSummary: String? {
        raw.changes.first { $0.version == version }?.summary
    }
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
    /// The index in `versions` of the version in which each step of the latest version last
    /// changed (added, renamed or a field changed); a step unchanged since the first is absent.
    var lastChanged: [String: Int] = [:]

    var latest: ProcessVersion? { versions.last }

    /// The day a version took effect, as the version history shows it: its `effective`, else the
    /// day it was committed.
    static func day(_ version: ProcessVersion) -> String { version.raw.effective?.value ?? version.date }

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
}
