/// A plain Markdown page (guides, policies, glossary) or the home text.
public struct Page: Sendable {
    /// Source path relative to the content folder, e.g. `guides/onboarding.md`.
    public var contentPath: String
    public var title: String
    public var bodyHTML: String
    public var source: SourcePosition
    /// Where it is published (`guides/onboarding/index.html`; a folder's page at the folder).
    public var route: String
    /// `status:`, or `draft: true`; approved when neither is written.
    public var status: ProcessStatus = .approved
    public var description: String?
    /// `weight` or `order`: smaller first among its folder's entries.
    public var weight: Int?
    /// `lang`: the page's language when it is not the handbook's (`ja`, `ar`).
    public var lang: String?
    public var tags: [String] = []
    public var date: String?
    public var owner: String?
    /// `index.md`, `_index.md` or `README.md`: the page of its folder.
    public var isFolderPage = false

    public init(contentPath: String, title: String, bodyHTML: String, source: SourcePosition, route: String? = nil) {
        self.contentPath = contentPath
        self.title = title
        self.bodyHTML = bodyHTML
        self.source = source
        self.route = route ?? Routes.page(contentPath)
    }

    /// The folder it is in (content path, "" at the top); a folder page's own folder.
    public var folder: String {
        guard let slash = contentPath.lastIndex(of: "/") else { return "" }
        return String(contentPath[..<slash])
    }
}

/// What a page's frontmatter says besides its body, as written (see `PageFrontmatter`).
struct PageMeta: Sendable {
    var title: String?
    var status: ProcessStatus = .approved
    var description: String?
    var weight: Int?
    var lang: String?
    var aliases: [Located<String>] = []
    var tags: [String] = []
    var date: String?
    var owner: String?
    /// Keys other tools use (`layout`, `menu`): reported once per key over the whole handbook.
    var foreignKeys: [Located<String>] = []
    /// A `status` far from handbook's four (`active`): another tool's; the page is published.
    var otherStatus: Located<String>?
}
