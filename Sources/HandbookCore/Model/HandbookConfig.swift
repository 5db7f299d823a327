import HandbookMarkdown
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
    /// `training:`: what a printed training record asks to be filled in and signed.
    public var training = TrainingRecord()
    /// `severity:`: rules whose warnings are set to another level, whatever `--strict` says.
    public var severity: [String: RuleLevel] = [:]
    /// `exclude:`: content paths never read nor published (`CODENOTIFY`, `**/drafts/**`).
    public var exclude: [String] = []
    /// `ignore_keys:`: page frontmatter keys of other tools, not reported (`layout`, `menu`).
    public var ignoreKeys: Set<String> = []
    /// `links_relative_to:`: what a link written as an address (`../guides/`) is read from.
    public var linksRelativeTo: LinkBase = .page
    /// `heading_ids:`: how heading anchors are made, as the site the documents came from made them.
    public var headingIDs: Slug.Style = .github
    /// `content_language:`: the `lang` of plain pages that do not set their own (`ja` for a
    /// Japanese handbook read with the English UI), so browsers pick its fonts and voices.
    public var contentLanguage: String?

    /// Where a link written as a published address starts from.
    public enum LinkBase: String, Sendable, CaseIterable {
        /// The page's published address (`a/b.md` is at `a/b/`), as a browser reads it on a
        /// site that publishes every page as a folder (Hugo, Jekyll with pretty URLs, handbook).
        case page
        /// The source file's folder, as GitHub reads it and as sites that publish `a/b.md` at
        /// `a/b` (no trailing `/`) or rewrite links to be the file's (sourcegraph's) do.
        case file
    }

    /// What `severity:` may set a warning's rule to.
    public enum RuleLevel: String, Sendable, CaseIterable {
        /// Always an error (the build publishes nothing).
        case error
        /// Always a warning, also with `--strict` (a date passing must not block CI).
        case warning
        /// Not reported.
        case off
    }

    public init() {}
}

/// The sign-off part of a printed training record, from `training:` in handbook.yml. Each list
/// left out takes the language's default (`defaults(for:)`); an empty list prints none.
public struct TrainingRecord: Sendable, Equatable {
    /// Who signs the sheet at its end (受训人, 培训师, 部门负责人, 人力资源部).
    public var signers: [String]?
    /// What is written about the trainee at the top (姓名, 工号, 入职日期).
    public var traineeFields: [String]?
    /// Columns every trained step gets, filled in by hand (培训日期, 受训人签字, 培训师签字).
    public var rowColumns: [String]?
    /// The assessment's outcomes to tick (合格, 需再培训); empty: no assessment line.
    public var assessment: [String]?
    /// The record form's document number (HR-QR-012), printed on every sheet.
    public var documentNumber: String?
    /// A controlled-copy mark (受控文件), printed on every sheet.
    public var controlledCopy: String?
    /// An image under the content folder, printed at the top of every sheet (content path).
    public var logo: String?
    /// Where `logo` is written, to report a missing file there.
    public var logoPosition: SourcePosition?

    public init() {}

    /// The record with every list left out filled with the language's default.
    public func resolved(for language: HandbookConfig.Language) -> TrainingRecord {
        var record = self
        let zh = language == .zhCN
        record.signers = signers ?? (zh ? ["受训人", "培训师", "部门负责人", "人力资源部"] : ["Trainee", "Trainer", "Department head", "HR"])
        record.traineeFields = traineeFields ?? (zh ? ["姓名", "工号", "入职日期"] : ["Name", "Employee no.", "Start date"])
        record.rowColumns = rowColumns ?? (zh ? ["培训日期", "受训人签字", "培训师签字"] : ["Date trained", "Trainee initials", "Trainer initials"])
        record.assessment = assessment ?? (zh ? ["合格", "需再培训"] : ["Passed", "Needs retraining"])
        return record
    }
}
