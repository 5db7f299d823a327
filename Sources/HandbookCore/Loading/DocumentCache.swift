import Foundation

/// Parsed documents kept between rebuilds of `serve`, keyed by path and checked against the
/// file's modification time and size, so an edit re-reads only the file that changed.
public final class DocumentCache: Sendable {
    private struct Entry: Sendable {
        var modified: Date
        var size: Int
        var document: RawDocument?
        var diagnostics: [Diagnostic]
        /// What the file was read as: a top-level README.md is the home text only while there
        /// is no index.md, so the same unchanged file may have to be read again as a page.
        var kind: SourceFile.Kind = .page
    }

    private let entries = Locked<[String: Entry]>([:])

    /// Markdown renders of the previous rebuild (see `MarkdownMemo`).
    let markdown = MarkdownMemo()
    /// Checking results of the previous rebuild (see `ResolutionMemo`).
    let resolution = ResolutionMemo()

    public init() {}

    /// Modification time and size, taken before the file is read: an edit landing while it is
    /// parsed then changes the stamp, and the next lookup misses instead of keeping a stale parse.
    struct Stamp: Sendable { var modified: Date; var size: Int }

    static func stamp(of entry: ContentScanner.Entry) -> Stamp? {
        stamp(entry.fullPath).map { Stamp(modified: $0.0, size: $0.1) }
    }

    func lookup(_ entry: ContentScanner.Entry, _ current: Stamp?) -> (RawDocument?, [Diagnostic])? {
        guard let current else { return nil }
        let stamp = (current.modified, current.size)
        guard let hit = entries.withLock({ $0[entry.path] }), hit.modified == stamp.0, hit.size == stamp.1, hit.kind == entry.kind else { return nil }
        return (hit.document, hit.diagnostics)
    }

    func store(_ entry: ContentScanner.Entry, _ stamp: Stamp?, _ document: RawDocument?, _ diagnostics: [Diagnostic]) {
        guard let stamp else { return }
        entries.withLock { $0[entry.path] = Entry(modified: stamp.modified, size: stamp.size, document: document, diagnostics: diagnostics, kind: entry.kind) }
    }

    /// Plain `stat`: called for every file on every rebuild, where FileManager's attribute
    /// dictionary cost more than the rest of an unchanged file's path through loading.
    private static func stamp(_ path: String) -> (Date, Int)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        return (modified, Int(info.st_size))
    }
}
