/// A plain Markdown page (guides, policies, glossary) or the home text.
public struct Page: Sendable {
    /// Source path relative to the content folder, e.g. `guides/onboarding.md`.
    public var contentPath: String
    public var title: String
    public var bodyHTML: String
    public var source: SourcePosition
}
