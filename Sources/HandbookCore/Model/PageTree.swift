/// The published plain pages as a tree: each folder a section, named and placed by its folder
/// page (`index.md`, `_index.md`, `README.md`: `title`, `weight`), else by its name; pages and
/// sub-sections in each ordered by `weight` (or `order`), then title. A folder with pages but
/// no page of its own gets a generated one listing them, so every section has an address.
public struct PageTree: Sendable {
    public struct Section: Sendable {
        /// Content path of the folder, "" for the top.
        public var folder: String
        public var name: String
        /// Its page: the folder page's route, or the generated section page's; nil for a folder
        /// the site's own pages use (`processes/`), which gets none.
        public var route: String?
        /// Position of its folder page in `Handbook.pages`, when it has one.
        public var page: Int?
        public var weight: Int?
        public var parent: Int?
        public var entries: [Entry] = []
        /// Published pages in it and below, its own page included.
        public var pageCount = 0
        /// The page is made by handbook (a folder without a page of its own).
        public var generated: Bool { page == nil && route != nil && !folder.isEmpty }
    }

    public enum Entry: Sendable, Equatable {
        case page(Int)
        case section(Int)
    }

    /// `sections[0]` is the top.
    public private(set) var sections: [Section]
    public private(set) var sectionOfFolder: [String: Int]
    /// Reading order (previous / next): a section's page, then its entries, depth first.
    public private(set) var order: [Entry] = []
    private var placeOfPage: [Int: Int] = [:]
    private var placeOfSection: [Int: Int] = [:]

    /// Folders whose address the site's own pages hold: no section page is made there.
    static let reserved: Set<String> = ["processes", "departments", "roles", "training", "matrix", "review", "search", "assets"]

    /// `redirected`: routes that old addresses take; a folder there gets no generated page.
    /// `language`: the handbook's, which names a folder without a page of its own (`named(_:in:)`).
    public init(pages: [Page], redirected: Set<String> = [], language: HandbookConfig.Language = .zhCN) {
        sections = [Section(folder: "", name: "", route: Routes.home)]
        sectionOfFolder = ["": 0]
        for (index, page) in pages.enumerated() {
            let section = Self.section(for: page.folder, in: &sections, &sectionOfFolder, language)
            if page.isFolderPage, !page.folder.isEmpty {
                sections[section].page = index
                sections[section].name = page.title
                sections[section].weight = page.weight
                sections[section].route = page.route
            } else {
                sections[section].entries.append(.page(index))
            }
            var up: Int? = section
            while let at = up {
                sections[at].pageCount += 1
                up = sections[at].parent
            }
        }
        for index in sections.indices where sections[index].page == nil {
            if let route = sections[index].route, redirected.contains(route) { sections[index].route = nil }
        }
        let unsorted = sections
        for index in sections.indices {
            sections[index].entries.sort { Self.key($0, pages, unsorted) < Self.key($1, pages, unsorted) }
        }
        walk(0)
        for (place, entry) in order.enumerated() {
            switch entry {
            case .page(let page): placeOfPage[page] = place
            case .section(let section): placeOfSection[section] = place
            }
        }
    }

    /// The section of a folder, made with those above it when new.
    private static func section(for folder: String, in sections: inout [Section], _ byFolder: inout [String: Int],
                                _ language: HandbookConfig.Language) -> Int {
        if let found = byFolder[folder] { return found }
        let slash = folder.lastIndex(of: "/")
        let parentFolder = slash.map { String(folder[..<$0]) } ?? ""
        let parent = section(for: parentFolder, in: &sections, &byFolder, language)
        let name = slash.map { String(folder[folder.index(after: $0)...]) } ?? folder
        let top = folder.split(separator: "/").first.map(String.init) ?? folder
        var made = Section(folder: folder, name: named(name, in: language), parent: parent)
        made.route = reserved.contains(top) ? nil : FolderPages.route(ofFolder: folder)
        sections.append(made)
        byFolder[folder] = sections.count - 1
        sections[parent].entries.append(.section(sections.count - 1))
        return sections.count - 1
    }

    /// A folder without a page of its own, as a title: in English `best-practices` → `Best
    /// practices`; in a Chinese handbook as written, since capitals and spaces made an English
    /// title of a name its authors wrote as a name (`guides`, not `Guides`, among 指南 and 制度).
    static func named(_ name: String, in language: HandbookConfig.Language) -> String {
        language == .en ? humanized(name) : name
    }

    /// `best-practices` → `Best practices`: a folder name as an English title.
    static func humanized(_ name: String) -> String {
        let spaced = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            .trimmingCharacters(in: .whitespaces)
        guard let first = spaced.first else { return name }
        return first.uppercased() + spaced.dropFirst()
    }

    private static func key(_ entry: Entry, _ pages: [Page], _ sections: [Section]) -> (Int, String, String) {
        switch entry {
        case .page(let index):
            return (pages[index].weight ?? Int.max, naturalKey(pages[index].title), pages[index].contentPath)
        case .section(let index):
            return (sections[index].weight ?? Int.max, naturalKey(sections[index].name), sections[index].folder)
        }
    }

    /// A title as it sorts for a reader: case ignored, numbers by value (指南 2 before 指南 10):
    /// each run of digits is padded to 20 places.
    static func naturalKey(_ title: String) -> String {
        var key = "", digits = ""
        func flush() {
            guard !digits.isEmpty else { return }
            key += String(repeating: "0", count: max(0, 20 - digits.count)) + digits
            digits = ""
        }
        for character in title.lowercased() {
            if character.isASCII, character.isNumber { digits.append(character) } else { flush(); key.append(character) }
        }
        flush()
        return key
    }

    private mutating func walk(_ section: Int) {
        for entry in sections[section].entries {
            order.append(entry)
            if case .section(let child) = entry { walk(child) }
        }
    }

    /// The stop before and after a page (a folder page: its section's stop), skipping sections
    /// without a page.
    public func neighbours(of entry: Entry) -> (previous: Entry?, next: Entry?) {
        let place: Int?
        switch entry {
        case .page(let page): place = placeOfPage[page]
        case .section(let section): place = placeOfSection[section]
        }
        guard let place else { return (nil, nil) }
        func has(_ entry: Entry) -> Bool {
            if case .section(let section) = entry { return sections[section].route != nil }
            return true
        }
        let previous = order[..<place].last(where: has)
        let next = order[(place + 1)...].first(where: has)
        return (previous, next)
    }

    /// The sections from the top's child down to `section` itself.
    public func trail(to section: Int) -> [Int] {
        var chain: [Int] = []
        var at: Int? = section
        while let index = at, index != 0 {
            chain.insert(index, at: 0)
            at = sections[index].parent
        }
        return chain
    }

    /// The section a page is listed in (a folder page: its own folder's section).
    public func section(ofPage page: Page) -> Int { sectionOfFolder[page.folder] ?? 0 }
}

import Foundation
