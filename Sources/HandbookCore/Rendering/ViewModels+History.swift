import Foundation
import HandbookTemplate

/// A process's version history (on its page) and the comparison pages between its versions.
extension ViewModels {
    /// The pairs of versions compared on the process's changes page, in its order: each version
    /// against the one before, newest first, then the latest against every older one.
    /// `consecutive`: the pair's index in `ProcessHistory.consecutive`, for a version and the one
    /// before; `older`: in `ProcessHistory.againstLatest`, for an older one and the latest.
    static func comparisonPairs(_ history: ProcessHistory)
        -> [(old: ProcessVersion, new: ProcessVersion, againstLatest: Bool, consecutive: Int?, older: Int?)] {
        let versions = history.versions
        guard versions.count > 1 else { return [] }
        var pairs = (1..<versions.count).reversed().map { (versions[$0 - 1], versions[$0], false, Optional($0 - 1), Int?.none) }
        for index in (0..<max(0, versions.count - 2)).reversed() {
            pairs.append((versions[index], versions[versions.count - 1], true, nil, index))
        }
        return pairs
    }

    /// A link to one comparison on the process's changes page.
    static func comparisonLink(_ processID: String, old: String, new: String) -> String {
        RootLink.to(Routes.processChanges(processID), fragment: Routes.comparisonAnchor(old: old, new: new))
    }

    /// `versionHistory` (rows, newest first) for the process page; nothing without history.
    func addHistory(to model: inout Model, _ process: Process) {
        guard let history = handbook.history[process.id], !history.versions.isEmpty else { return }
        let versions = history.versions
        let latest = versions[versions.count - 1]
        let rows: [TemplateValue] = versions.indices.reversed().map { index in
            let version = versions[index]
            var row: Model = [
                "version": .string(version.version), "effective": .string(version.effective ?? version.date),
                "approvedBy": .string(version.approvedBy ?? ""),
                "summary": .string(version.changeSummary ?? version.subject),
                "commit": .string(version.shortCommit), "commitDate": .string(version.date), "author": .string(version.author),
                "previous": false, "latest": false,
            ]
            if index > 0 {
                row["previous"] = .string(Self.comparisonLink(process.id, old: versions[index - 1].version, new: version.version))
            }
            if index < versions.count - 2 {
                row["latest"] = .string(Self.comparisonLink(process.id, old: version.version, new: latest.version))
            }
            return .object(row)
        }
        model["versionHistory"] = .object(["rows": .list(rows), "cut": .bool(history.cut)])
    }

    /// The changes page of a process: every pair of `comparisonPairs`, each a section with its
    /// own anchor, on one page (one file to write per process, one page frame to render).
    func versionChanges(_ process: Process) -> Model {
        let title = strings["changesTitle"]!.filling("{title}", with: process.title)
        var model = frame(title: title, kind: "process")
        let processHref = RootLink.to(Routes.process(process.id))
        model["breadcrumbs"] = breadcrumbs(processTrail(process) + [(process.title, processHref)], current: strings["changesCrumb"]!)
        model["processHref"] = .string(processHref)
        model["historyHref"] = .string(processHref + "#version-history")
        let parties = handbook.historyParties ?? PartyNames(handbook.departments, language: handbook.config.language)
        let history = handbook.history[process.id]
        let pairs = history.map(Self.comparisonPairs) ?? []
        let stored = history?.consecutive ?? [], againstLatest = history?.againstLatest ?? []
        model["comparisons"] = .list(pairs.map { pair in
            // Compared by the history stage (or read from the cache); a pair it did not compare
            // (a library caller's own history) here.
            let comparison = pair.consecutive.flatMap { $0 < stored.count ? stored[$0] : nil }
                ?? pair.older.flatMap { $0 < againstLatest.count ? againstLatest[$0] : nil }
                ?? VersionComparison(old: pair.old.raw, new: pair.new.raw, party: parties.resolve, endWord: "end")
            return .object(versionComparison(old: pair.old, new: pair.new, againstLatest: pair.againstLatest, comparison))
        })
        model["printStyle"] = .string(PrintStyle.css(header: runningHeader([process.title]),
                                                     footer: title, language: handbook.config.language))
        return model
    }

    /// One pair's section: both versions side by side, then what changed. Every key a section
    /// reads is set here, flags included: a missing one would be looked up in the page around it.
    private func versionComparison(old: ProcessVersion, new: ProcessVersion, againstLatest: Bool, _ comparison: VersionComparison) -> Model {
        let heading = strings[againstLatest ? "compareHeadingLatest" : "compareHeading"]!
            .filling("{old}", with: old.version).filling("{new}", with: new.version)
        var model: Model = ["anchor": .string(Routes.comparisonAnchor(old: old.version, new: new.version)),
                            "heading": .string(heading)]
        func side(_ version: ProcessVersion) -> Model {
            ["version": .string(version.version), "effective": .string(version.effective ?? ""),
             "approvedBy": .string(version.approvedBy ?? ""), "commit": .string(version.shortCommit),
             "commitDate": .string(version.date), "summary": .string(version.changeSummary ?? version.subject)]
        }
        model["old"] = .object(side(old))
        model["new"] = .object(side(new))
        model["none"] = .bool(comparison.isEmpty)
        // Every flag set: a missing key would be looked up in the page around it.
        model["hasMetadata"] = .bool(!comparison.metadata.isEmpty)
        model["hasAdded"] = .bool(!comparison.added.isEmpty)
        model["hasRemoved"] = .bool(!comparison.removed.isEmpty)
        model["hasRenamed"] = .bool(!comparison.renamed.isEmpty)
        model["hasMoved"] = .bool(!comparison.moved.isEmpty)
        model["hasSteps"] = .bool(!comparison.steps.isEmpty)
        model["hasBody"] = .bool(comparison.bodyChanged)
        if !comparison.metadata.isEmpty { model["metadata"] = .list(comparison.metadata.map(fieldRow)) }
        func stepList(_ steps: [VersionComparison.StepRef]) -> TemplateValue? {
            steps.isEmpty ? nil : .list(steps.map { ["id": .string($0.id), "name": .string($0.name), "responsible": .string($0.responsible)] })
        }
        if let added = stepList(comparison.added) { model["added"] = added }
        if let removed = stepList(comparison.removed) { model["removed"] = removed }
        if !comparison.renamed.isEmpty {
            model["renamed"] = .list(comparison.renamed.map { ["id": .string($0.id), "old": .string($0.old), "new": .string($0.new)] })
        }
        if !comparison.moved.isEmpty {
            model["moved"] = .list(comparison.moved.map {
                ["id": .string($0.id), "name": .string($0.name),
                 "places": .string(strings["compareMovedFrom"]!.filling("{from}", with: String($0.from))
                    .filling("{to}", with: String($0.to)))]
            })
        }
        if !comparison.steps.isEmpty {
            model["steps"] = .list(comparison.steps.map { step in
                ["id": .string(step.id), "name": .string(step.name), "fields": .list(step.fields.map(fieldRow))]
            })
        }
        model["body"] = comparison.bodyChanged ? diffPieces(Self.elided(comparison.body)) : false
        return model
    }

    /// A step new or changed in the latest approved version, for the rows of role pages and
    /// training sheets: `changed` is `{label, what}` (what changed, field by field, old → new)
    /// or false. Only fields people act on are named; a changed `next` is said as "next step".
    /// Asked for every row of every role page, department page and record: read from a table
    /// made with the view models, without a lock (two threads asking one lock was most of it).
    func changeMark(process index: Int, step stepIndex: Int) -> TemplateValue {
        index < changeMarkTable.count ? changeMarkTable[index]?[stepIndex] ?? false : false
    }

    /// `changeMark`'s table: by process index, each step's mark; nil for a process without
    /// latest changes.
    static func changeMarks(_ handbook: Handbook, strings: [String: String]) -> [[TemplateValue]?] {
        handbook.processes.map { process in
            guard let history = handbook.history[process.id], let changes = history.latestChanges else { return nil }
            let since = history.versions.dropLast().last?.version ?? ""
            return process.steps.map {
                mark(changes, step: $0.id, since: since, labels: (strings["stepNew"]!, strings["stepChanged"]!), strings: strings)
            }
        }
    }

    /// The mark of step `id` in one comparison: `since` is the version it is compared with;
    /// `labels` say new and changed.
    func changeMark(_ changes: VersionComparison, step id: String, since version: String, labels: (new: String, changed: String)) -> TemplateValue {
        Self.mark(changes, step: id, since: version, labels: labels, strings: strings)
    }

    private static func mark(_ changes: VersionComparison, step id: String, since version: String,
                             labels: (new: String, changed: String), strings: [String: String]) -> TemplateValue {
        // Made only for a marked step.
        func since() -> TemplateValue {
            .string(strings["changedSince"]!.filling("{v}", with: version))
        }
        if changes.added.contains(where: { $0.id == id }) {
            return ["label": .string(labels.new), "what": false, "since": since()]
        }
        var what: [String] = []
        if let renamed = changes.renamed.first(where: { $0.id == id }) {
            what.append("\(strings["stepName"]!)：\(renamed.old) → \(renamed.new)")
        }
        if let step = changes.steps.first(where: { $0.id == id }) {
            for field in step.fields {
                let labels = ["title": "compareTitleField", "id": "stepNo", "stepType": "compareStepType"]
                let label = strings[labels[field.field] ?? field.field] ?? field.field
                func shown(_ values: [String]) -> String {
                    values.isEmpty ? strings["compareEmpty"]! : values.map { endWord(field.field, $0, strings: strings) }.joined(separator: strings["listSeparator"]!)
                }
                // Duties are long: named, not quoted; the comparison page has the words.
                what.append(field.field == "duties" ? label : "\(label)：\(shown(field.old)) → \(shown(field.new))")
            }
        }
        guard !what.isEmpty else { return false }
        return ["label": .string(labels.changed), "what": .string(what.joined(separator: strings["listSeparator"] == "、" ? "；" : "; ")),
                "since": since()]
    }

    /// Comparisons say the end of the flow as `end` (as handbook.json does): the page says it in
    /// its own language.
    private static func endWord(_ field: String, _ value: String, strings: [String: String]) -> String {
        guard field == "next" else { return value }
        if value == "end" { return strings["end"]! }
        return value.hasSuffix(" → end") ? String(value.dropLast(3)) + strings["end"]! : value
    }

    private func fieldRow(_ change: VersionComparison.FieldChange) -> TemplateValue {
        let labels = ["title": "compareTitleField", "id": "stepNo", "stepType": "compareStepType"]
        let label = strings[labels[change.field] ?? change.field] ?? change.field
        func shown(_ values: [String]) -> String { values.isEmpty ? strings["compareEmpty"]! : list(values.map { Self.endWord(change.field, $0, strings: strings) }) }
        var row: Model = ["field": .string(label), "old": .string(shown(change.old)), "new": .string(shown(change.new)), "hasDiff": false]
        // A text changed in part shows the words that changed; replaced whole, old and new say it.
        if let diff = change.diff, !change.old.isEmpty, !change.new.isEmpty, diff.contains(where: { $0.kind == .same }) {
            row["diff"] = diffPieces(diff)
            row["hasDiff"] = true
        }
        return .object(row)
    }

    /// The body's unchanged stretches cut to the two lines next to each change: what changed, with
    /// enough around it to find it, not the whole document again.
    static func elided(_ pieces: [TextDiff.Piece], context: Int = 2) -> [TextDiff.Piece] {
        pieces.enumerated().map { index, piece in
            guard piece.kind == .same else { return piece }
            let lines = TextDiff.lines(piece.text)
            let keepStart = index == 0 ? 0 : context, keepEnd = index == pieces.count - 1 ? 0 : context
            guard lines.count > keepStart + keepEnd + 1 else { return piece }
            let text = lines.prefix(keepStart).joined() + "⋯\n" + lines.suffix(keepEnd).joined()
            return TextDiff.Piece(kind: .same, text: text)
        }
    }

    private func diffPieces(_ pieces: [TextDiff.Piece]) -> TemplateValue {
        .list(pieces.map { piece in
            ["text": .string(piece.text), "same": .bool(piece.kind == .same),
             "removed": .bool(piece.kind == .removed), "added": .bool(piece.kind == .added)]
        })
    }
}
