/// Settings from `handbook.yml`.
public struct HandbookConfig: Sendable {
    public enum Language: String, Sendable, CaseIterable {
        case zhCN = "zh-CN"
        case en
    }

    public var title = "Handbook"
    public var organization: String?
    public var language: Language = .zhCN
    public var contentFolder = "content"
    public var outputFolder = "public"
    public var feedbackURL: String?
    public var unsafeHTML = false
    /// Where handbook.yml names the content folder, for diagnostics about it.
    public var contentPosition: SourcePosition?

    public init() {}
}
