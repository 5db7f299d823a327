/// The resolved, published model: every reference points at something that exists.
public struct Handbook: Sendable {
    public var config: HandbookConfig
    public var departments: [Department]
    /// Published processes only (approved, plus draft/review with `--drafts`), sorted by id.
    public var processes: [Process]
    public var pages: [Page]
    public var home: Page?
    /// Content files published as they are (content paths).
    public var assets: [String] = []
    /// Some process records `confirmations:`: pages then show each department's (issue #29).
    public var confirmationsInUse = false
    /// Pages at their old addresses (`aliases`, `redirect_from`).
    public var redirects: [Redirect] = []
    /// Published plain pages as folders and sections (`PageTree`).
    public let pageTree: PageTree
    /// Each process's approved versions from git, by process id (empty without history).
    var history: [String: ProcessHistory] = [:]
    /// Old versions' party references named as today's organisation names them, made once.
    var historyParties: PartyNames?

    public func department(_ id: String) -> Department? { departmentIndex[id].map { departments[$0] } }
    public func process(_ id: String) -> Process? { processIndex[id].map { processes[$0] } }

    private var departmentIndex: [String: Int]
    private var processIndex: [String: Int]

    public init(config: HandbookConfig, departments: [Department], processes: [Process],
                pages: [Page], home: Page?, redirects: [Redirect] = []) {
        self.config = config
        self.departments = departments
        self.processes = processes
        self.pages = pages
        self.home = home
        self.redirects = redirects
        pageTree = PageTree(pages: pages, redirected: Set(redirects.map(\.route)), language: config.language)
        departmentIndex = Dictionary(departments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        processIndex = Dictionary(processes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
