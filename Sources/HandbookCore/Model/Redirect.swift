/// A page's old address (`aliases` in Hugo, `redirect_from` in Jekyll), published as a small
/// page that sends the browser on: a meta refresh and a plain link, which work from `file://`.
public struct Redirect: Sendable {
    /// The old address as an output path (`old/path/index.html`).
    public var route: String
    /// Where the page is now (its route).
    public var target: String
    public var title: String
    public var source: SourcePosition
}
