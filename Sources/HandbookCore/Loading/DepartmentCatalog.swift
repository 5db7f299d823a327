import Foundation

/// The departments and roles of a handbook, by id and name, read with the same loader as
/// `check`: what `handbook import` matches a table's 责任部门/岗位 cells against.
public struct DepartmentCatalog: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var name: String
        public var roles: [RoleEntry]
        /// The file, relative to the handbook root.
        public var path: String

        public init(id: String, name: String, roles: [RoleEntry], path: String) {
            self.id = id
            self.name = name
            self.roles = roles
            self.path = path
        }
    }

    public struct RoleEntry: Sendable, Hashable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var departments: [Entry]
    /// The content folder named by handbook.yml (`content` by default).
    public var contentFolder: String
    /// Every process id and file already there, so that an import picks a free one.
    public var processIDs: Set<String>
    /// handbook.yml's `language`: what `handbook import` reports in.
    public var language: HandbookConfig.Language = .zhCN

    public init(departments: [Entry], contentFolder: String = "content", processIDs: Set<String> = []) {
        self.departments = departments
        self.contentFolder = contentFolder
        self.processIDs = processIDs
    }

    /// Loads `root` (a handbook folder); files that do not parse are left out, as `check` would.
    public static func load(root: URL) async -> DepartmentCatalog {
        let loaded = await HandbookLoader.load(root: root)
        var departments: [Entry] = []
        var processes: Set<String> = []
        for document in loaded.documents {
            switch document {
            case .department(let raw):
                departments.append(Entry(id: raw.id.value, name: raw.name.value,
                                         roles: raw.roles.map { RoleEntry(id: $0.id.value, name: $0.name.value) },
                                         path: raw.file.path))
            case .process(let raw): processes.insert(raw.id.value)
            case .page: break
            }
        }
        var catalog = DepartmentCatalog(departments: departments.sorted { $0.id < $1.id },
                                        contentFolder: loaded.config.contentFolder, processIDs: processes)
        catalog.language = loaded.config.language
        return catalog
    }

    /// "Did you mean …?": the nearest of `candidates` by the same measure `check` uses.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        Suggestion.nearest(to: word, in: candidates)
    }
}
