import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists the Markdown files under the content folder and says what each one is.
///
/// Plain `opendir`/`readdir`/`lstat`: `serve` lists the folder on every rebuild, and
/// FileManager's enumerator (a URL and a resource-value dictionary per file) was most of the
/// time an unchanged rebuild spent loading.
enum ContentScanner {
    struct Entry: Sendable {
        /// Absolute path of the file to read (possibly a symbolic link inside the content folder).
        var fullPath: String
        /// Relative to the handbook root.
        var path: String
        /// Relative to the content folder.
        var contentPath: String
        var kind: SourceFile.Kind
    }

    /// Markdown entries, other files (content paths, copied as they are), diagnostics.
    static func scan(content: URL, prefix: String) -> ([Entry], [String], [Diagnostic]) {
        guard let base = realPath(content.path) else { return ([], [], []) }
        var scan = Scan(base: base, prefix: prefix)
        scan.walk(base, relative: "")
        scan.entries.sort { $0.contentPath < $1.contentPath }
        return (scan.entries, scan.assets.sorted(), scan.diagnostics)
    }

    private struct Scan {
        let base: String
        let prefix: String
        var entries: [Entry] = []
        var assets: [String] = []
        var diagnostics: [Diagnostic] = []

        init(base: String, prefix: String) {
            self.base = base
            self.prefix = prefix
        }

        /// Hidden names are skipped; a symbolic link is followed only when it stays inside the
        /// content folder, and never into a folder (a link loop cannot trap the walk).
        mutating func walk(_ folder: String, relative: String) {
            for entry in FolderListing.entries(of: folder) ?? [] {
                let full = folder + "/" + entry.name
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.kind {
                case .folder:
                    walk(full, relative: path)
                case .file:
                    add(full, path)
                case .link:
                    guard let target = realPath(full) else {
                        // A dangling link: a Markdown one is then reported as unreadable.
                        if path.hasSuffix(".md") { add(full, path) }
                        continue
                    }
                    guard target.hasPrefix(base + "/") else {
                        diagnostics.append(.warning("handbook.content.symlink-outside",
                            "symbolic link leads outside the content folder; not followed",
                            at: SourcePosition(path: "\(prefix)/\(path)", line: 1, column: 1)))
                        continue
                    }
                    var info = stat()
                    if stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG { add(full, path) }
                case .other:
                    break
                }
            }
        }

        private mutating func add(_ full: String, _ path: String) {
            if path.hasSuffix(".md") {
                entries.append(Entry(fullPath: full, path: "\(prefix)/\(path)", contentPath: path, kind: kind(of: path)))
            } else {
                assets.append(path)
            }
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func kind(of contentPath: String) -> SourceFile.Kind {
        let parts = contentPath.split(separator: "/")
        if parts.count == 2, parts[0] == "departments" { return .department }
        if parts.count == 2, parts[0] == "processes" { return .process }
        if contentPath == "index.md" { return .home }
        return .page
    }
}
