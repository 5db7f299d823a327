/// Which file is a folder's own page: `index.md` (handbook, Jekyll), `_index.md` (Hugo) or
/// `README.md` (GitHub), in that order when a folder has several; `.markdown` as well. The
/// others stay pages of their own (`guides/README/` beside `guides/index.md`'s `guides/`).
enum FolderPages {
    static let stems = ["index", "_index", "README", "readme"]

    /// 0 for the most preferred name, nil for a file that is not a folder page.
    static func rank(of contentPath: String) -> Int? {
        let name = contentPath.split(separator: "/").last.map(String.init) ?? contentPath
        return stems.firstIndex(of: Routes.stem(name))
    }

    /// For each folder ("" at the top) that has one, the content path of its page.
    static func chosen(_ contentPaths: some Sequence<String>) -> [String: String] {
        var best: [String: (rank: Int, path: String)] = [:]
        for path in contentPaths {
            guard let rank = rank(of: path) else { continue }
            let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
            if let found = best[folder], (found.rank, found.path) <= (rank, path) { continue }
            best[folder] = (rank, path)
        }
        return best.mapValues(\.path)
    }

    /// `guides/` for a folder `guides`, the home page for the top.
    static func route(ofFolder folder: String) -> String {
        folder.isEmpty ? Routes.home : (folder.split(separator: "/").map { Routes.segment(String($0)) } + ["index.html"]).joined(separator: "/")
    }
}
