import Foundation
import HandbookTemplate
import HandbookTheme

/// Every name the view models give templates (`Model` keys in `Rendering/`), for the check that
/// a theme's own template reads only names some page provides: Mustache renders a name no value
/// has as nothing, without a word. `TemplateVocabularyTests` keeps the list in step with the
/// sources. (Keys of `handbook.json` are in it too: the scan cannot tell them apart, and a few
/// extra names only keep a warning back.)
enum TemplateVocabulary {
    static let keys: Set<String> = [
        "dutiesSize", "handoverCount", "hasHandovers", "ownedCount", "roleCount",
        "accessibleName", "accountable", "added", "alert", "anchor", "approvedBy", "approved_by",
        "assessment", "author", "awaiting", "awaitingDepartments", "blank", "blankRows", "body",
        "bodyHasTitle", "body_changed", "breadcrumbs", "by", "carried", "categories", "category", "cells",
        "changeSummary", "changeVersion", "changed", "changedOn", "changes", "children", "collaborators",
        "columnCount", "columns", "commit", "commitDate", "comparisons", "compareHref", "confirmations", "confirmed",
        "controlledCopy", "count", "cover", "current", "cut", "d", "date", "dates", "days", "deadline",
        "decision", "deltaCompareHref", "deltaDay", "deltaHref", "deltaNone", "deltaOlder", "deltaScript", "deltaWhen", "department", "departments", "depth", "description", "detail", "diff",
        "display", "documentNumber", "draft", "draftLabel", "dueSoon", "duties", "dutiesCSVHref",
        "dutyGroups", "earlier", "effective", "end", "feedback", "feedbackFormHref", "field", "fields",
        "filterRoles", "filterScript", "flowSteps", "flowchart", "from", "fromOutside", "g", "goals",
        "groups", "handsOn", "hasAdded", "hasAssessment", "hasBody", "hasCategories", "hasChanges",
        "hasChildren", "hasDiff", "hasDueSoon", "hasDuties", "hasGoals", "hasGroups", "hasHandsOn",
        "hasInSection", "hasInformed", "hasInputs", "hasKnown", "hasMetadata", "hasMoved", "hasNext",
        "hasOrg", "hasOverdue", "hasOwned", "hasPageMeta", "hasPager", "hasPages", "hasPrimary",
        "hasReceives", "hasRecent", "hasRemoved", "hasRenamed", "hasRows", "hasSigners", "hasSteps",
        "hasSupporting", "hasTrained", "hasTraineeFields", "head", "heading", "historyHref", "homeHref",
        "href", "html", "id", "inSection", "informed", "input", "inputs", "intro", "isHome", "isSection",
        "items", "key", "kind", "knownRows", "label", "language", "last_changed", "latest", "latest_changes", "letter",
        "letters", "listSeparator", "logo", "matrixCSVHref", "matrixHref", "matrixIndexHref", "message",
        "meta", "metadata", "more", "moved", "name", "nav", "new", "next", "none", "old", "organization",
        "other", "otherStep", "outputs", "overdue", "overdueDays", "ownStep", "owned", "owner", "p", "page",
        "pageDir", "pageLang", "pageMeta", "pageName", "pageTitle", "pages", "parent", "parties", "party",
        "loading", "places", "previous", "primary", "primarySize", "printScript", "printStyle", "printedDate", "process", "processHref",
        "processKey", "processLink", "processes", "r", "raci", "receives", "recent", "record", "recordHref",
        "removed", "renamed", "responsible", "reviewDue", "reviewHref", "review_due", "risk", "role",
        "roleHref", "roleKeys", "roleName", "roleSteps", "roles", "root", "rowColumns", "rows",
        "runningHeader", "s", "same", "searchHref", "searchIndex", "searchKindList", "searchKinds",
        "searchScript", "searchWords", "sheets", "shown", "sidebar", "signers", "since", "site", "span",
        "status", "steps", "stylesheet", "subtitle", "summary", "supporting", "supportingSize", "t", "text", "thisRole",
        "tiles", "title", "to", "trainedGroups", "traineeFields", "trainingHref", "trainingPlanHref", "true",
        "type", "url", "value", "version", "versionHistory", "versions", "what", "when", "wide",
    ]

    /// What a template may read: the view models' keys, the UI words (`t.key`) and every name
    /// the built-in theme reads (it is rendered by these view models, so they provide them).
    static let known: Set<String> = keys.union(UIStrings.zh.keys).union(UIStrings.en.keys).union(builtInNames())

    private static func builtInNames() -> Set<String> {
        guard let folder = DefaultTheme.directory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var found = Set<String>()
        for name in names where name.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8),
                  let template = try? Template(text) else { continue }
            for use in template.names { found.formUnion(segments(use.name)) }
        }
        return found
    }

    /// A dotted name's parts; `.` (the current item) has none to check.
    static func segments(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }

    /// A warning for each name a theme's own template reads that no page provides, at the tag,
    /// with the nearest known name. `sources`: template name → how diagnostics show its file.
    static func check(_ templates: [String: Template], sources: [String: String]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            // The built-in theme's names are known by definition: only a handbook's own are checked.
            guard let path = sources[name], path.hasPrefix("templates/") else { continue }
            for use in template.names {
                guard let unknown = segments(use.name).first(where: { !known.contains($0) }) else { continue }
                found.append(.warning("handbook.template.unknown-variable",
                    Phrase("模板里的 `\(unknown)` 没有哪个页面提供，这里会显示为空",
                           en: "no page provides `\(unknown)`, which this template reads; it renders as nothing"),
                    at: SourcePosition(path: path, line: use.line, column: use.column),
                    notes: Suggestion.note(for: unknown, in: known.sorted())))
            }
        }
        return found
    }
}
