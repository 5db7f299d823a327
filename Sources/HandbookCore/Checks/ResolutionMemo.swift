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
        var process: Process
        var diagnostics: [Diagnostic]
        /// Who has a duty in it (departments alone and with their roles), for the coverage check.
        var parties: [Party]
    }

    /// A process's result holds while its file and its rendered body are unchanged.
    struct ProcessFingerprint: Equatable, Sendable {
        var fileText: String
        var bodyHTML: String
    }

    private let environment = Locked<Environment?>(nil)
    private let processes = Memo<String, ProcessFingerprint, ProcessResult>()
    /// The diagnostics of a body's links, by file, fingerprinted by the file's text.
    private let bodies = Memo<String, String, [Diagnostic]>()

    init() {}

    /// Starts a rebuild: the last one's results stay only if the environment is the same.
    /// Returns whether it is, and whether at least the links are (renders of duties then stay valid).
    func begin(_ environment: Environment) -> (same: Bool, sameLinks: Bool) {
        let (same, sameLinks) = self.environment.withLock { previous in
            defer { previous = environment }
            let sameLinks = previous?.links == environment.links
            return (sameLinks && previous == environment, sameLinks)
        }
        if !same {
            processes.removeAll()
            bodies.removeAll()
        }
        return (same, sameLinks)
    }

    /// The previous result for the process in `path`, if its file and body are unchanged.
    func process(_ path: String, fileText: String, bodyHTML: String) -> ProcessResult? {
        processes.value(path, ProcessFingerprint(fileText: fileText, bodyHTML: bodyHTML))
    }

    func store(_ path: String, fileText: String, bodyHTML: String, _ result: ProcessResult) {
        processes.store(path, ProcessFingerprint(fileText: fileText, bodyHTML: bodyHTML), result)
    }

    /// The previous diagnostics of a body's links, if its file is unchanged.
    func body(_ path: String, fileText: String) -> [Diagnostic]? {
        bodies.value(path, fileText)
    }

    func store(_ path: String, fileText: String, bodyDiagnostics: [Diagnostic]) {
        bodies.store(path, fileText, bodyDiagnostics)
    }

    /// Drops results of files no longer in the handbook.
    func keep(only paths: Set<String>) {
        processes.keep(only: paths)
        bodies.keep(only: paths)
    }
}
