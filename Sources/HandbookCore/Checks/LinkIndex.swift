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
        /// A plain page: a published document linking to it unpublished is an error (a
        /// process's draft is a warning, as before).
        var isPage = false

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
    /// Published addresses (content-space, no trailing `/`: `guides/onboarding`, `pt`, "" for
    /// the home page) → the content path of the document there; also each page's `aliases`.
    var addresses: [String: String] = [:]
    /// `addresses` lower-cased, where one document alone has the address: Hugo publishes
    /// `functions/debug/Timer.md` at `functions/debug/timer/`, and its pages link it so.
    var lowercasedAddresses: [String: String] = [:]
    /// What a link written as an address is read from (`links_relative_to:` in handbook.yml).
    var linkBase: HandbookConfig.LinkBase = .page
    /// How heading anchors are made (`heading_ids:`): part of the index, so that renders made
    /// with the other style are not reused by serve.
    var headingIDs: Slug.Style = .github
    /// Documents and files by name, for a broken link's "did you mean"; made once, when the
    /// first broken link asks (`indexNames()` after the targets are final).
    var names = NameIndex.Slot()

    /// Every target's address from its route (`guides/a/index.html` → `guides/a`), keeping
    /// those already set (aliases).
    mutating func indexAddresses() {
        for (path, target) in targets.sorted(by: { $0.key < $1.key }) {
            let address = Self.address(ofRoute: target.route)
            if addresses[address] == nil { addresses[address] = path }
        }
        indexLowercased()
    }

    mutating func indexLowercased() {
        var found: [String: String?] = [:]
        for (address, path) in addresses {
            let lower = address.lowercased()
            if let other = found[lower], other != path { found[lower] = .some(nil) } else { found[lower] = path }
        }
        lowercasedAddresses = found.compactMapValues { $0 }
    }

    static func address(ofRoute route: String) -> String {
        var parts = route.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        if parts.last == "index.html" { parts.removeLast() }
        return parts.joined(separator: "/")
    }

    enum Resolution: Equatable {
        case external
        case page(route: String, fragment: String?, published: Bool, contentPath: String)
        case asset(String)
        case broken(Phrase, notes: [Phrase] = [])
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
        // `{{site.baseurl}}/software/` (Jekyll, Eleventy; Hugo's `{{.Site.BaseURL}}`): a
        // variable the other tool fills in with the site's own address, here its root.
        if path.hasPrefix("{{"), let close = path.range(of: "}}"), path[close.upperBound...].hasPrefix("/") {
            path = String(path[close.upperBound...])
        }
        if path.isEmpty {
            guard let target = targets[source] else { return .broken(Phrase("没有文档 `\(source)`", en: "no document `\(source)`")) }
            return .page(route: target.route, fragment: fragment, published: target.published, contentPath: source)
        }
        if Self.isAddress(path) { return resolveAddress(path, written: destination, fragment: fragment, from: source) }
        guard let contentPath = Self.join(directory(of: source), path) else {
            return .broken(Phrase("`\(destination)` 指到了内容文件夹之外", en: "`\(destination)` leads outside the content folder"))
        }
        if let target = targets[contentPath] {
            return .page(route: target.route, fragment: fragment, published: target.published, contentPath: contentPath)
        }
        if assets.contains(contentPath) { return .asset(contentPath) }
        if unreadable.contains(contentPath) { return .unreadable }

        if withheld.contains(contentPath) {
            return .broken(Phrase("`\(contentPath)` 可能运行脚本，不会发布（设了 `unsafe_html: true` 才发布）",
                                  en: "`\(contentPath)` is not published: it can run script (`unsafe_html: true` publishes it)"))
        }
        return .broken(Phrase("内容文件夹里没有 `\(contentPath)`", en: "no document `\(contentPath)` in the content folder"),
                       notes: names.nearest(to: contentPath).map { [Self.didYouMean($0)] } ?? [])
    }

    /// A link written as a published address (`../best-practices/`, `guides/a`, `/x.html`):
    /// resolved as a browser resolves it on the page's published address, never against the
    /// source file's folder, which names another document when the page is not a folder's.
    private func resolveAddress(_ path: String, written: String, fragment: String?, from source: String) -> Resolution {
        let here = linkBase == .page ? targets[source].map { Self.address(ofRoute: $0.route) } ?? directory(of: source) : directory(of: source)
        var relative = path
        for suffix in ["/index.html", "index.html", ".html"] where relative.hasSuffix(suffix) && relative != suffix {
            relative = String(relative.dropLast(suffix.count))
            break
        }
        if relative == "index.html" { relative = "." }
        guard let address = Self.join(here, relative) else {
            return .broken(Phrase("`\(written)` 指到了网站之外", en: "`\(written)` leads outside the site"))
        }
        if let contentPath = addresses[address] ?? lowercasedAddresses[address.lowercased()], let target = targets[contentPath] {
            return .page(route: target.route, fragment: fragment, published: target.published, contentPath: contentPath)
        }
        if assets.contains(address) { return .asset(address) }
        let shown = address.isEmpty ? "/" : address + "/"
        // What the link named before it was read as an address: said, never followed.
        if linkBase == .page, let old = Self.join(directory(of: source), relative),
           let file = [old + ".md", old + ".markdown", old + "/index.md", old].first(where: { targets[$0] != nil }), file != source {
            let page = here.isEmpty ? "/" : here + "/"
            return .broken(Phrase("`\(written)` 按本页发布后的地址（\(page)）指向 \(shown)，那里没有页面；它不会指向同一文件夹里的 \(file)：要链接那个文件，请写它的文件名",
                                  en: "`\(written)` on this page's address (\(page)) leads to \(shown), where there is no page; "
                                      + "it does not mean \(file), the file beside this one: link that file by its name"),
                           notes: [Phrase("如果这些文档原来的网站按文件所在的文件夹读链接（地址末尾不带 `/` 的网站就是这样），请在 handbook.yml 里写 `links_relative_to: file`",
                                          en: "if the site these documents come from reads links from the file's folder, as sites whose addresses have no trailing `/` do, set `links_relative_to: file` in handbook.yml")])
        }
        if unreadable.contains(address + ".md") { return .unreadable }
        let notes = names.nearest(to: address).map { [Self.didYouMean($0)] } ?? []
        if linkBase == .file {
            let folder = here.isEmpty ? "/" : here + "/"
            return .broken(Phrase("\(shown) 没有页面（`\(written)` 从文件所在的文件夹 \(folder) 读）",
                                  en: "no page at \(shown) (`\(written)` read from the file's folder \(folder))"), notes: notes)
        }
        let page = here.isEmpty ? "/" : here + "/"
        return .broken(Phrase("\(shown) 没有页面（`\(written)` 按发布地址从 \(page) 读）",
                              en: "no page at \(shown) (`\(written)` read as a published address from \(page))"), notes: notes)
    }

    private static func didYouMean(_ path: String) -> Phrase {
        Phrase("是否指 \(path)？", en: "did you mean \(path)?")
    }

    /// Written as a published address rather than a file: ends with `/`, or its last name has
    /// no extension or is a `.html` page.
    static func isAddress(_ path: String) -> Bool {
        if path.hasSuffix("/") { return true }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name == "." || name == ".." { return true }
        if name.hasSuffix(".html") { return true }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return true }
        return false
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
        case let .broken(reason, notes):
            return .error("handbook.link.broken", Phrase("链接失效：\(reason.zh)", en: "broken link: \(reason.en)"), at: position, notes: notes)
        case let .page(_, fragment, published, contentPath):
            if !published, targets[contentPath]?.isPage == true, targets[source]?.published != false {
                return .error("handbook.link.unpublished-page",
                    Phrase("链接到 \(contentPath)，但该页面不发布（草稿、评审中或已废止）：发布的页面不能链接到它",
                           en: "link to \(contentPath), which is not published (draft, review or retired): a published page cannot link to it"),
                    at: position,
                    notes: [Phrase("发布该页面（`status: approved`），或去掉这个链接", en: "publish it (`status: approved`) or remove the link")])
            }
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
