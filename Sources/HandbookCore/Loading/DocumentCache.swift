import Foundation

/// Everything `serve` keeps between rebuilds (each table a `Memo`): parsed documents, keyed by
/// path and checked against the file's modification time and size, so an edit re-reads only
/// the file that changed; Markdown renders; checking results.
public final class DocumentCache: Sendable {
    /// A file's stamp and what it was read as: a top-level README.md is the home text only
    /// while there is no index.md, so the same unchanged file may have to be read again as a page.
    private struct Fingerprint: Equatable, Sendable {
        var modified: Date
        var size: Int
        var kind: SourceFile.Kind
    }

    private let parsed = Memo<String, Fingerprint, Parsed>()
    private struct Parsed: Sendable {
        var document: RawDocument?
        var diagnostics: [Diagnostic]
    }

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
        return parsed.value(entry.path, Fingerprint(modified: current.modified, size: current.size, kind: entry.kind))
            .map { ($0.document, $0.diagnostics) }
    }

    func store(_ entry: ContentScanner.Entry, _ stamp: Stamp?, _ document: RawDocument?, _ diagnostics: [Diagnostic]) {
        guard let stamp else { return }
        parsed.store(entry.path, Fingerprint(modified: stamp.modified, size: stamp.size, kind: entry.kind),
                     Parsed(document: document, diagnostics: diagnostics))
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
