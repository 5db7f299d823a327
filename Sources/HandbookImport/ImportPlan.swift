import Foundation
import HandbookCore

/// The files an import will write: their paths (never one that exists), ids, titles, owners.
struct Plan {
    let catalog: DepartmentCatalog
    let options: Importer.Options
    var matcher: PartyMatcher
    var files: [Importer.PlannedFile] = []
    var diagnostics: [Diagnostic] = []
    private var usedIDs: Set<String>
    private var processCount = 0

    init(catalog: DepartmentCatalog, options: Importer.Options) {
        self.catalog = catalog
        self.options = options
        matcher = PartyMatcher(catalog)
        usedIDs = catalog.processIDs
    }

    private var contentFolder: String { catalog.contentFolder }

    /// `--create-departments`: a department file for each department named in a 责任部门/岗位
    /// cell and not in the handbook, with the roles named beside it.
    mutating func addUnknownDepartments(_ documents: [(SourceDocument, [FoundTable])]) {
        var probe = StepBuilder(matcher: matcher)
        var source: [String: String] = [:]
        for (document, tables) in documents {
            for table in tables {
                let before = probe.unknown.count
                _ = probe.steps(table)
                for entry in probe.unknown[before...] { source[entry.department] = document.name }
            }
        }
        for (name, roles) in probe.unknown {
            let id = ProcessWriter.derivedID(name)
            guard !id.isEmpty, !id.hasPrefix(".") else { continue }
            let path = "\(contentFolder)/departments/\(id).md"
            let entry = DepartmentCatalog.Entry(id: id, name: name,
                roles: roles.map { DepartmentCatalog.RoleEntry(id: ProcessWriter.derivedID($0), name: $0) }, path: path)
            if refuseExisting(path, what: Phrase("部门文件", en: "department file")) { continue }
            matcher.add(entry)
            files.append(Importer.PlannedFile(path: path, text: ProcessWriter.department(name: name, id: id, roles: roles,
                                                                                         source: source[name] ?? ""), steps: 0))
        }
    }

    mutating func addProcess(document: SourceDocument, tables: [FoundTable], index: Int, steps: [ImportedStep],
                             counts: [String: Int], order: [String]) {
        let table = tables[index]
        let stem = URL(fileURLWithPath: document.name).deletingPathExtension().lastPathComponent
        let firstHeading = document.blocks.lazy.compactMap { if case .heading(_, let text) = $0 { text } else { nil } }.first
        let base = table.above.first ?? document.title ?? firstHeading ?? stem
        let title = tables.count == 1 ? base : "\(base)（\(table.grid ?? "表 \(index + 1)")）"
        processCount += 1
        var id = options.id.map { processCount == 1 ? $0 : "\($0)-\(processCount)" } ?? ProcessWriter.derivedID(title)
        if id.isEmpty || id.hasPrefix(".") { id = "imported" }
        // Several tables of one batch with one title get -2, -3; one already in the handbook is refused.
        if options.id == nil { id = free(id) }
        let path = "\(contentFolder)/processes/\(id).md"
        if usedIDs.contains(id) {
            diagnostics.append(.error("handbook.import.exists",
                Phrase("流程 id「\(id)」已被使用，未写入（从不覆盖已有文件）；请用 --id 另取一个", en: "process id \(id) is already taken; nothing written (an existing file is never overwritten): give another with --id"),
                at: SourcePosition(path: path, line: 1, column: 1)))
            return
        }
        if refuseExisting(path, what: Phrase("流程文件", en: "process file")) { return }
        usedIDs.insert(id)
        let owner = owner(counts: counts, order: order, at: table.headerPlace)
        let process = ProcessWriter.Process(
            id: id, title: title, owner: owner, source: document.name + (table.grid.map { "（\($0)）" } ?? ""),
            inputs: steps.first?.input ?? [], steps: steps,
            // The page shows the title; a heading that only repeats it is left out of the body.
            body: body(document, tables: tables, index: index).filter {
                if case .heading(_, let text) = $0 { return text != title }
                return true
            })
        files.append(Importer.PlannedFile(path: path, text: ProcessWriter.text(process), steps: steps.count))
    }

    /// `--owner`, else the department responsible for most steps (the first of equals).
    private mutating func owner(counts: [String: Int], order: [String], at place: Place) -> String {
        if let given = options.owner {
            let resolution = matcher.resolve(given)
            if case .matched = resolution.outcome, !resolution.reference.contains("/") { return resolution.reference }
            diagnostics.append(.error("handbook.import.owner",
                Phrase("--owner「\(given)」不是手册中的部门", en: "--owner \(given) is no department of the handbook"),
                at: SourcePosition(path: "--owner", line: 1, column: 1),
                notes: DepartmentCatalog.nearest(to: given, in: matcher.departments.map(\.name)).map { [Phrase("是不是「\($0)」？", en: "did you mean \($0)?")] } ?? []))
            return given
        }
        guard let most = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && firstIndex($0.key, order) > firstIndex($1.key, order)) })?.key else {
            diagnostics.append(.warning("handbook.import.owner", Phrase("无法判断流程所有者部门，请用 --owner 指定", en: "cannot tell which department owns the process; give --owner"), at: place))
            return ""
        }
        return matcher.departments.first { $0.id == most }.map { $0.name.contains("/") ? $0.id : $0.name } ?? most
    }

    private func firstIndex(_ department: String, _ order: [String]) -> Int {
        let name = matcher.departments.first { $0.id == department }?.name ?? department
        return order.firstIndex { $0 == name || $0.hasPrefix(name + "/") || $0 == department || $0.hasPrefix(department + "/") } ?? Int.max
    }

    /// The text around the table: all of it when the document has one table; else what stands
    /// between the table before and this one (and, for the last, what follows).
    private func body(_ document: SourceDocument, tables: [FoundTable], index: Int) -> [SourceDocument.Block] {
        let table = tables[index]
        let above = table.above.dropFirst().map { SourceDocument.Block.paragraph($0) }
        let gridIndices = document.blocks.indices.filter { if case .table = document.blocks[$0] { true } else { false } }
        guard gridIndices.count > 1, let position = gridIndices.firstIndex(where: { grid(document.blocks[$0]) == table.grid }) else {
            return above + document.blocks
        }
        let start = position == 0 ? 0 : gridIndices[position - 1] + 1
        let end = position == gridIndices.count - 1 ? document.blocks.count : gridIndices[position]
        return above + document.blocks[start..<end]
    }

    private func grid(_ block: SourceDocument.Block) -> String? {
        if case .table(let grid) = block { return grid.label }
        return nil
    }

    private func free(_ id: String) -> String {
        var candidate = id, n = 2
        while files.contains(where: { $0.path == "\(contentFolder)/processes/\(candidate).md" }) { candidate = "\(id)-\(n)"; n += 1 }
        return candidate
    }

    private func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: options.root.appendingPathComponent(path).path) || files.contains { $0.path == path }
    }

    private mutating func refuseExisting(_ path: String, what: Phrase) -> Bool {
        guard exists(path) else { return false }
        diagnostics.append(.error("handbook.import.exists",
            Phrase("\(what.zh) \(path) 已存在，未写入（从不覆盖）；请用 --id 另取一个", en: "\(what.en) \(path) already exists; nothing written (never overwritten): give another with --id"),
            at: SourcePosition(path: path, line: 1, column: 1)))
        return true
    }
}
