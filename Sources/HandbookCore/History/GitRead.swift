import Foundation

/// Git's part of the history: the work tree, the log of the content folder, and the blobs of
/// every file in that log that is still on disk. Needs nothing the loader makes, so the build
/// starts it before loading today's files: `cat-file` of 18,000 loose objects waits mostly on
/// the disk (1.5 s of wall time for 0.6 s of CPU at 2,000 processes × 5 versions), and the
/// loader and checks work meanwhile.
struct GitRead: Sendable {
    var contentFolder: String
    var tree: Git.WorkTree?
    var log: GitLog?
    /// Blobs by id: a superset of the ones today's process files need (departments, other
    /// files); one the history needs and misses is read afterwards (`missingRead`).
    var contents: [String: ArraySlice<UInt8>] = [:]
    /// The versions earlier builds parsed: their blobs are not read again.
    var cache = VersionCache()

    static func read(root: URL, contentFolder: String) -> GitRead {
        var read = GitRead(contentFolder: contentFolder)
        guard let tree = Git.workTree(at: root) else { return read }
        read.tree = tree
        guard let output = Git.log(contentFolder, in: root) else { return read }
        let log = GitLog(output)
        read.log = log
        if let file = tree.cache { read.cache = VersionCache.read(file) }
        let cached = Set(read.cache.entries.keys.lazy.map(\.blob))
        // Today's files are not known yet: every path of the log that exists on disk stands in
        // for them (a file of the log deleted since cannot be one of today's).
        // Process files only (a file renamed into `processes/` is read later); when the cache knows
        // every blob they had, nothing is read and no file is looked for.
        let folder = tree.prefix + (contentFolder.hasSuffix("/") ? contentFolder : contentFolder + "/")
        let changes = log.commits.lazy.flatMap { $0.changes }.filter {
            $0.path.hasPrefix(folder) && ContentScanner.isMarkdown($0.path)
                && ContentScanner.kind(of: String($0.path.dropFirst(folder.count))) == .process
        }
        guard !changes.allSatisfy({ cached.contains($0.blob) }) else { return read }
        let paths = Set(changes.map(\.path)).filter { path in
            FileManager.default.fileExists(atPath: root.appendingPathComponent(String(path.dropFirst(tree.prefix.count))).path)
        }
        let blobs = Set(log.follow(paths).touches.values.flatMap { $0.map(\.blob) }).subtracting(cached)
        read.contents = Git.blobs(blobs.sorted(), in: root) ?? [:]
        return read
    }

    /// Started before loading; awaited by `HistoryStage.read`.
    static func start(root: URL, contentFolder: String) -> Task<GitRead, Never> {
        Task.detached(priority: .userInitiated) { read(root: root, contentFolder: contentFolder) }
    }
}
