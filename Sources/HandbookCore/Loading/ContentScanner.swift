import Foundation

/// Lists the Markdown files under the content folder and says what each one is.
enum ContentScanner {
    struct Entry: Sendable {
        var url: URL
        /// Relative to the handbook root.
        var path: String
        /// Relative to the content folder.
        var contentPath: String
        var kind: SourceFile.Kind
    }

    /// Markdown entries, other files (content paths, copied as they are), diagnostics.
    static func scan(content: URL, prefix: String) -> ([Entry], [String], [Diagnostic]) {
        let base = content.resolvingSymlinksInPath().standardizedFileURL
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        let keys: [URLResourceKey] = [.isSymbolicLinkKey, .isRegularFileKey, .isDirectoryKey]
        guard let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { return ([], [], []) }
        var assets: [String] = []
        let baseComponents = base.pathComponents.count
        for case let url as URL in enumerator {
            let relative = url.pathComponents.dropFirst(baseComponents).joined(separator: "/")
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isSymbolicLink == true {
                let target = url.resolvingSymlinksInPath().standardizedFileURL.path
                if !(target + "/").hasPrefix(base.path + "/") {
                    diagnostics.append(.warning("handbook.content.symlink-outside",
                        "symbolic link leads outside the content folder; not followed",
                        at: SourcePosition(path: "\(prefix)/\(relative)", line: 1, column: 1)))
                    continue
                }
            }
            guard (values?.isDirectory ?? false) == false else { continue }
            guard url.pathExtension == "md" else {
                if values?.isRegularFile == true { assets.append(relative) }
                continue
            }
            entries.append(Entry(url: url, path: "\(prefix)/\(relative)", contentPath: relative, kind: kind(of: relative)))
        }
        entries.sort { $0.contentPath < $1.contentPath }
        return (entries, assets.sorted(), diagnostics)
    }

    static func kind(of contentPath: String) -> SourceFile.Kind {
        let parts = contentPath.split(separator: "/")
        if parts.count == 2, parts[0] == "departments" { return .department }
        if parts.count == 2, parts[0] == "processes" { return .process }
        if contentPath == "index.md" { return .home }
        return .page
    }
}
