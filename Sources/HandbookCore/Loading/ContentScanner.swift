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

    /// Markdown entries, other files (content paths, copied as they are), diagnostics. Links are
    /// followed only inside the content folder (`FolderListing.tree`).
    static func scan(content: URL, prefix: String, exclude: [Glob] = []) -> ([Entry], [String], [Diagnostic]) {
        guard let (base, tree) = FolderListing.tree(under: content.path) else { return ([], [], []) }
        var entries: [Entry] = []
        var assets: [String] = []
        // A dangling Markdown link is then reported as unreadable.
        for path in tree.files + tree.dangling.filter(isMarkdown) where !exclude.contains(where: { $0.matches(path) }) {
            if isMarkdown(path) {
                entries.append(Entry(fullPath: base + "/" + path, path: "\(prefix)/\(path)", contentPath: path, kind: kind(of: path)))
            } else {
                assets.append(path)
            }
        }
        let diagnostics = tree.outside.sorted().map { path in
            Diagnostic.warning("handbook.content.symlink-outside", Phrase("符号链接指向内容文件夹之外，不予读取", en: "symbolic link leads outside the content folder; not followed"),
                               at: SourcePosition(path: "\(prefix)/\(path)", line: 1, column: 1))
        } + tree.notUTF8.sorted().map { path in
            Diagnostic.error("handbook.file.unreadable",
                             Phrase("文件名不是 UTF-8 编码（\u{FFFD} 处无法识别），无法发布或链接，请改名", en: "this name is not UTF-8 (\u{FFFD} stands for what is not), so it cannot be published or linked to; rename it"),
                             at: SourcePosition(path: "\(prefix)/\(path)", line: 1, column: 1))
        }
        entries.sort { $0.contentPath < $1.contentPath }
        // Without `index.md`, a GitHub `README.md` or a Hugo `_index.md` at the top is the home text.
        if !entries.contains(where: { $0.kind == .home }),
           let page = FolderPages.chosen(entries.map(\.contentPath))[""],
           let home = entries.firstIndex(where: { $0.contentPath == page }) {
            entries[home].kind = .home
        }
        return (entries, assets.sorted(), diagnostics)
    }

    /// `.md` and `.markdown` files are pages (Jekyll sites have both).
    static func isMarkdown(_ path: String) -> Bool {
        path.hasSuffix(".md") || path.hasSuffix(".markdown")
    }

    static func kind(of contentPath: String) -> SourceFile.Kind {
        // Over UTF-8, as paths are bytes: `serve` classifies every file under content/ on every
        // rebuild, and splitting each path into an array of `Substring`s showed in its profile.
        let bytes = contentPath.utf8, slash = UInt8(ascii: "/")
        if let first = bytes.firstIndex(of: slash), first != bytes.startIndex {
            let name = bytes[bytes.index(after: first)...]
            if !name.isEmpty, !name.contains(slash) {
                let folder = bytes[..<first]
                if folder.elementsEqual("departments".utf8) { return .department }
                if folder.elementsEqual("processes".utf8) { return .process }
            }
        }
        if contentPath == "index.md" { return .home }
        return .page
    }
}
