import Foundation

/// What checking each document found in `serve`'s previous rebuild, reused for documents whose
/// file is unchanged while everything they can refer to is unchanged too: after one edit, only
/// the edited process is resolved again, not all of them.
///
/// "Everything they can refer to" is the `Environment`: the departments' ids and names and their
/// roles' (in order), the link index (every document, its route, anchors, whether it is published) and
/// `unsafe_html`. Any change there starts afresh. A file is compared by its whole text, which
/// is quick when unchanged: `DocumentCache` hands back the same string.
final class ResolutionMemo: Sendable {
    struct Environment: Equatable, Sendable {
        var departments: [String]
        var links: LinkIndex
        var unsafeHTML: Bool
        /// Dates the review-overdue check.
        var today: String
        /// Diagnostics name files by their path from the root, through this folder.
        var contentFolder: String
    }

    struct ProcessResult: Sendable {
        var fileText: String
        var bodyHTML: String
        var process: Process
        var diagnostics: [Diagnostic]
        /// Who has a duty in it (departments alone and with their roles), for the coverage check.
        var parties: [Party]
    }

    struct BodyResult: Sendable {
        var fileText: String
        var diagnostics: [Diagnostic]
    }

    private struct Tables {
        var environment: Environment?
        var processes: [String: ProcessResult] = [:]
        var bodies: [String: BodyResult] = [:]
    }

    private let locked = Locked(Tables())

    init() {}

    /// Starts a rebuild: the last one's results stay only if the environment is the same.
    /// Returns whether it is, and whether at least the links are (renders of duties then stay valid).
    func begin(_ environment: Environment) -> (same: Bool, sameLinks: Bool) {
        locked.withLock { tables in
            let sameLinks = tables.environment?.links == environment.links
            let same = sameLinks && tables.environment.map {
                $0.departments == environment.departments && $0.unsafeHTML == environment.unsafeHTML
                    && $0.today == environment.today && $0.contentFolder == environment.contentFolder
            } ?? false
            if !same { tables = Tables(environment: environment) }
            return (same, sameLinks)
        }
    }

    /// The previous result for the process in `path`, if its file and body are unchanged.
    func process(_ path: String, fileText: String, bodyHTML: String) -> ProcessResult? {
        locked.withLock { tables in
            guard let hit = tables.processes[path], hit.fileText == fileText, hit.bodyHTML == bodyHTML else { return nil }
            return hit
        }
    }

    func store(_ path: String, _ result: ProcessResult) {
        locked.withLock { tables in tables.processes[path] = result }
    }

    /// The previous diagnostics of a body's links, if its file is unchanged.
    func body(_ path: String, fileText: String) -> [Diagnostic]? {
        locked.withLock { tables in
            guard let hit = tables.bodies[path], hit.fileText == fileText else { return nil }
            return hit.diagnostics
        }
    }

    func store(_ path: String, _ result: BodyResult) {
        locked.withLock { tables in tables.bodies[path] = result }
    }

    /// Drops results of files no longer in the handbook.
    func keep(only paths: Set<String>) {
        locked.withLock { tables in
            // Usually no file went away: filtering made both tables anew on every rebuild.
            if tables.processes.keys.contains(where: { !paths.contains($0) }) {
                tables.processes = tables.processes.filter { paths.contains($0.key) }
            }
            if tables.bodies.keys.contains(where: { !paths.contains($0) }) {
                tables.bodies = tables.bodies.filter { paths.contains($0.key) }
            }
        }
    }
}
