import Foundation

/// Follows every `href` and `src` of every HTML file of a built site, as a browser opening the
/// site from `file://` would, and lists what does not lead to an existing file and anchor, and
/// every id a page uses twice (a link to it would be ambiguous).
enum LinkAudit {
    struct Problem: CustomStringConvertible {
        var page: String
        var link: String
        var reason: String
        var description: String { "\(page): \(link) — \(reason)" }
    }

    static func problems(in folder: URL) -> [Problem] {
        let root = folder.resolvingSymlinksInPath().standardizedFileURL
        var problems: [Problem] = []
        var idCache: [String: Set<String>] = [:]
        func ids(_ path: String) -> Set<String> {
            if let cached = idCache[path] { return cached }
            let html = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
            let found = HTML.ids(in: html)
            idCache[path] = found
            return found
        }
        for page in BuiltSite.files(in: root) where page.hasSuffix(".html") {
            let html = (try? String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)) ?? ""
            let allIDs = HTML.attributes("id", in: html)
            for id in Set(allIDs) where allIDs.filter({ $0 == id }).count > 1 {
                problems.append(Problem(page: page, link: "#" + id, reason: "id `\(id)` is used more than once"))
            }
            for link in Set(HTML.links(in: html)) {
                // `href=""` is what a dropped unsafe URL leaves: a link to the page itself.
                if link.hasPrefix("mailto:") || link.isEmpty { continue }
                if link.contains("://") || link.hasPrefix("//") {
                    problems.append(Problem(page: page, link: link, reason: "loads from outside the site"))
                    continue
                }
                if link.lowercased().hasPrefix("javascript:") || link.hasPrefix("/") {
                    problems.append(Problem(page: page, link: link, reason: "not a relative link"))
                    continue
                }
                var path = link
                var fragment: String?
                if let hash = link.firstIndex(of: "#") {
                    path = String(link[..<hash])
                    fragment = String(link[link.index(after: hash)...])
                }
                if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
                let targetPath: String
                if path.isEmpty {
                    targetPath = page
                } else {
                    guard let decoded = path.removingPercentEncoding else {
                        problems.append(Problem(page: page, link: link, reason: "bad percent-encoding"))
                        continue
                    }
                    let base = root.appendingPathComponent(page).deletingLastPathComponent()
                    let target = base.appendingPathComponent(decoded).standardizedFileURL
                    guard target.path.hasPrefix(root.path + "/") else {
                        problems.append(Problem(page: page, link: link, reason: "leads outside the site"))
                        continue
                    }
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                        problems.append(Problem(page: page, link: link, reason: "no such file"))
                        continue
                    }
                    targetPath = String(target.path.dropFirst(root.path.count + 1))
                }
                if let fragment, !fragment.isEmpty, targetPath.hasSuffix(".html") {
                    let anchor = fragment.removingPercentEncoding ?? fragment
                    if !ids(targetPath).contains(anchor) {
                        problems.append(Problem(page: page, link: link, reason: "no id `\(anchor)` in \(targetPath)"))
                    }
                }
            }
        }
        return problems.sorted { ($0.page, $0.link) < ($1.page, $1.link) }
    }
}
