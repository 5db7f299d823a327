/// A link found in a Markdown text, with the position of the link in that text.
public struct MarkdownLink: Sendable, Hashable {
    /// The destination as the author wrote it.
    public var destination: String
    /// 1-based line within the Markdown text.
    public var line: Int
    /// 1-based column, counted in characters as an editor shows them.
    public var column: Int
}

/// A heading and the anchor it is given in the HTML.
public struct MarkdownHeading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
    public var line: Int
}

/// The result of rendering one Markdown text: HTML plus what later stages check.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var links: [MarkdownLink]
    public var headings: [MarkdownHeading] {
        didSet { headingAnchors = Set(headings.map(\.anchor)).union(htmlAnchors).union(termAnchors) }
    }
    /// Ids that raw HTML gives the page (`<a id="x">`, `<a name="x">`), when it is kept
    /// (`unsafe_html`).
    public var htmlAnchors: [String] = [] {
        didSet { headingAnchors = Set(headings.map(\.anchor)).union(htmlAnchors).union(termAnchors) }
    }
    /// Ids of definition list terms (`<dt id>`), made as headings' are.
    public var termAnchors: [String] = [] {
        didSet { headingAnchors = Set(headings.map(\.anchor)).union(htmlAnchors).union(termAnchors) }
    }
    /// Every anchor the body gives the page (its headings' and its raw HTML's) as a set, made
    /// once with the rendering: links are checked against it by the thousand, and `serve`
    /// compares the one it reuses by identity.
    public private(set) var headingAnchors: Set<String>
    /// Raw HTML the render dropped (`unsafe_html` off), or nil.
    public var rawHTML: RawHTMLPieces?
    /// GFM pipe tables rendered.
    public var tableCount = 0

    public init(html: String, links: [MarkdownLink], headings: [MarkdownHeading]) {
        self.html = html
        self.links = links
        self.headings = headings
        self.headingAnchors = Set(headings.map(\.anchor))
    }
}
