import HandbookMarkdown

/// Every document a body may link to, by its source path under content/, with the anchors
/// its page will have. Turns `.md` links into page links and checks them.
struct LinkIndex: Sendable, Equatable {
    struct Target: Sendable, Equatable {
        var route: String
        /// Anchors the page has whatever its body says: a process's steps (`RawProcess.stepAnchors`).
        var anchors: Set<String>
        /// Its body's heading anchors, kept apart from `anchors` so that those stay the set the
        /// document made, the same from one rebuild to the next (see `RawProcess.stepAnchors`).
        var headings: Set<String> = []
        var published: Bool

        func has(anchor: String) -> Bool { anchors.contains(anchor) || headings.contains(anchor) }
    }

    var targets: [String: Target] = [:]
    /// Other files under content/ (images, PDFs), copied to the site as they are.
    var assets: Set<String> = []
    /// Files under content/ that are there but not published because they could run script.
    var withheld: Set<String> = []
    /// Documents that are there but could not be read: their own error says why, and links
    /// to them are not reported again as broken (one YAML typo, one error).
    var unreadable: Set<String> = []

    enum Resolution: Equatable {
        case external
        case page(route: String, fragment: String?, published: Bool, contentPath: String)
        case asset(String)
        case broken(Phrase)
        case unreadable
    }

    func resolve(_ destination: String, from source: String) -> Resolution {
        if destination.isEmpty || hasScheme(destination) || destination.hasPrefix("//") { return .external }
        // Delimiters are found over UTF-8, not `Character`s: links are checked by the thousand.
        var path = destination
        var fragment: String?
        if let hash = path.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = Self.percentDecoded(String(path[path.utf8.index(after: hash)...]))
            path = String(path[..<hash])
        }
        if let query = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = String(path[..<query]) }
        path = Self.percentDecoded(path)
        let contentPath: String
        if path.isEmpty {
            contentPath = source
        } else {
            guard let normalized = Self.join(directory(of: source), path) else {
                return .broken(Phrase("`\(destination)` 指到了内容文件夹之外", en: "`\(destination)` leads outside the content folder"))
            }
            contentPath = normalized
        }
        if let target = targets[contentPath] {
            return .page(route: target.route, fragment: fragment, published: target.published, contentPath: contentPath)
        }
        if assets.contains(contentPath) { return .asset(contentPath) }
        if unreadable.contains(contentPath) { return .unreadable }
        for key in [contentPath + ".md", contentPath + "/index.md", contentPath.isEmpty ? "index.md" : nil].compactMap({ $0 }) {
            if let target = targets[key] {
                return .page(route: target.route, fragment: fragment, published: target.published, contentPath: key)
            }
        }
        if withheld.contains(contentPath) {
            return .broken(Phrase("`\(contentPath)` 可能运行脚本，不会发布（设了 `unsafe_html: true` 才发布）",
                                  en: "`\(contentPath)` is not published: it can run script (`unsafe_html: true` publishes it)"))
        }
        return .broken(Phrase("内容文件夹里没有 `\(contentPath)`", en: "no document `\(contentPath)` in the content folder"))
    }

    /// The replacement URL for a link, or nil to leave it as written.
    func rewrite(_ destination: String, from source: String) -> String? {
        switch resolve(destination, from: source) {
        case .external, .broken, .unreadable: return nil
        case let .page(route, fragment, published, _):
            return published ? RootLink.to(route, fragment: fragment) : RootLink.to(Routes.notFound)
        case let .asset(path): return RootLink.to(path)
        }
    }

    /// A diagnostic when a link leads nowhere or to a missing anchor.
    func check(_ destination: String, from source: String, at position: SourcePosition) -> Diagnostic? {
        switch resolve(destination, from: source) {
        case .external, .asset, .unreadable: return nil
        case .broken(let reason):
            return .error("handbook.link.broken", Phrase("链接失效：\(reason.zh)", en: "broken link: \(reason.en)"), at: position)
        case let .page(_, fragment, published, contentPath):
            if let fragment, !fragment.isEmpty, let target = targets[contentPath], !target.has(anchor: fragment) {
                return .error("handbook.link.broken-anchor",
                    Phrase("\(contentPath) 里没有锚点 `#\(fragment)`", en: "`#\(fragment)` is not an anchor of \(contentPath)"), at: position,
                    notes: Suggestion.note(for: fragment, in: target.anchors.union(target.headings)))
            }
            if !published {
                return .warning("handbook.link.unpublished",
                    Phrase("链接到未发布的 \(contentPath)，读者会看到“页面不存在”", en: "link to \(contentPath), which is not published; it leads to the not-found page"), at: position)
            }
            return nil
        }
    }

    /// `%E6%8A%95` decoded; as written when it holds no `%` (the common case, checked without
    /// Foundation) or an invalid escape.
    private static func percentDecoded(_ text: String) -> String {
        text.containsByte(UInt8(ascii: "%")) ? text.removingPercentEncoding ?? text : text
    }

    /// `scheme:`: ASCII letters, digits and `+-.` before the first colon.
    private func hasScheme(_ text: String) -> Bool {
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: ":"): return offset > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            default: return false
            }
        }
        return false
    }

    private func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Joins a relative path to a folder; nil when `..` climbs above the content folder.
    static func join(_ directory: String, _ relative: String) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var parts = relative.utf8.first == slash ? [] : directory.utf8.split(separator: slash).map { Substring($0) }
        for part in relative.utf8.split(separator: slash) {
            if part.count == 1, part.first == dot { continue }
            if part.count == 2, part.first == dot, part.last == dot {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(Substring(part))
            }
        }
        return parts.joined(separator: "/")
    }
}

import Foundation
