import Foundation

/// What `check` asks of authors once the history is known: a version never goes backwards, a
/// version changes when its steps do, and each version says in `changes:` what changed.
/// Checked for today's file against its approved versions in git.
enum HistoryChecks {
    static func check(_ raw: RawProcess, history: ProcessHistory?, parties: PartyNames) -> [Diagnostic] {
        guard raw.status == .approved, let version = raw.version else { return [] }
        var diagnostics: [Diagnostic] = []
        let v = version.value
        if let latest = history?.latest, compare(v, latest.version) == .orderedAscending {
            diagnostics.append(.error("handbook.history.version-backwards",
                Phrase("版本号倒退：\(v) 低于 \(latest.date) 已批准的版本 \(latest.version)（提交 \(latest.shortCommit)）",
                       en: "version \(v) is lower than \(latest.version), approved on \(latest.date) in commit \(latest.shortCommit): a version never goes backwards"),
                at: version.position))
        } else if let same = history?.versions.last, same.version == v, same.firstRaw !== raw {
            let comparison = VersionComparison(old: same.firstRaw, new: raw, party: parties.resolve, endWord: "end")
            if comparison.stepsChanged {
                let steps = (comparison.added + comparison.removed).map(\.id) + comparison.renamed.map(\.id)
                    + comparison.moved.map(\.id) + comparison.steps.map(\.id)
                var seen = Set<String>()
                let list = steps.filter { seen.insert($0).inserted }.joined(separator: ", ")
                diagnostics.append(.warning("handbook.history.unchanged-version",
                    Phrase("版本 \(v) 于 \(same.firstDate) 批准（提交 \(String(same.firstCommit.prefix(8)))）后步骤又有改动，版本号却没变：请提升 `version`，并在 `changes:` 中写明改了什么",
                           en: "the steps changed since version \(v) was approved on \(same.firstDate) (commit \(String(same.firstCommit.prefix(8)))) but `version` stayed the same: raise it and say what changed in `changes:`"),
                    at: version.position,
                    notes: [Phrase("改动的步骤：\(list)", en: "steps changed: \(list)")]))
            }
        }
        if !raw.changes.contains(where: { $0.version == v }) {
            diagnostics.append(.warning("handbook.history.no-change-entry",
                Phrase("版本 \(v) 在 `changes:` 中没有变更说明", en: "version \(v) has no `changes:` entry saying what changed"),
                at: version.position))
        }
        return diagnostics
    }

    /// Dotted versions compared part by part, numbers as numbers (`1.10` after `1.9`); other
    /// parts as text.
    static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let left = a.split(whereSeparator: { $0 == "." || $0 == "-" }), right = b.split(whereSeparator: { $0 == "." || $0 == "-" })
        for index in 0..<max(left.count, right.count) {
            let x = index < left.count ? String(left[index]) : "0", y = index < right.count ? String(right[index]) : "0"
            if let m = Int(x), let n = Int(y) {
                if m != n { return m < n ? .orderedAscending : .orderedDescending }
            } else if x != y {
                return x < y ? .orderedAscending : .orderedDescending
            }
        }
        return .orderedSame
    }
}
