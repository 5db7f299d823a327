
/// Turns one decoded file into a raw document: frontmatter split, YAML read into typed
/// fields with positions. Every problem becomes a diagnostic; nothing throws.
enum DocumentParser {
    static let departmentKeys = ["id", "name", "parent", "head", "roles"]
    static let roleKeys = ["id", "name"]
    static let processKeys = ["id", "title", "owner", "status", "version", "effective", "approved_by",
                              "review_due", "category", "summary", "goals", "inputs", "changes", "steps",
                              "confirmations"]
    static let stepKeys = ["id", "name", "input", "responsible", "accountable", "collaborators", "informed",
                           "duties", "deadline", "outputs", "risk", "type", "next"]
    static let pageKeys = PageFrontmatter.keys

    static func parse(_ file: SourceFile) -> (RawDocument?, [Diagnostic]) {
        let split: Frontmatter
        switch Frontmatter.split(file.text, path: file.path) {
        case .success(let value): split = value
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        var reader = YAMLReader(path: file.path, firstLine: split.yamlFirstLine)
        if split.thematicBreak {
            reader.report(.warning("handbook.frontmatter.thematic-break",
                Phrase("文件以 `---` 开头，但下面不是 `键: 值` 形式的文件头，所以按分隔线（一条横线）处理",
                       en: "the file starts with `---` but no `key: value` lines follow, so it is read as a thematic break (a line across), not as frontmatter"),
                at: SourcePosition(path: file.path, line: 1, column: 1),
                notes: [Phrase("要画线请写 `***`；要写文件头，请在 `---` 下面写 `title: …` 这样的行",
                               en: "write `***` for a line; for frontmatter, put `title: …` lines after the `---`")]))
        }
        let map = split.yaml.map { reader.parseMapping($0) } ?? Fields()
        let body = MarkdownSource(text: split.body, firstLine: split.bodyFirstLine)
        guard let map else { return (nil, reader.diagnostics) }
        let start = SourcePosition(path: file.path, line: 1, column: 1)
        let document: RawDocument?
        switch file.kind {
        case .department: document = department(map, file, body, start, &reader).map(RawDocument.department)
        case .process: document = process(map, file, body, start, &reader).map(RawDocument.process)
        case .page, .home:
            document = .page(RawPage(file: file, body: body, meta: PageFrontmatter.read(map, at: start, reader: &reader)))
        }
        return (document, reader.diagnostics)
    }

    static func fileID(_ file: SourceFile) -> String {
        let name = file.contentPath.split(separator: "/").last.map(String.init) ?? file.contentPath
        return Routes.stem(name)
    }

    private static func department(_ map: Fields, _ file: SourceFile, _ body: MarkdownSource,
                                   _ start: SourcePosition, _ reader: inout YAMLReader) -> RawDepartment? {
        // A guide or README put among the departments: say what the folder is for, not only
        // that a department needs a name.
        if !departmentKeys.contains(where: { map.pair($0) != nil }) {
            reader.report(.error("handbook.frontmatter.missing-field",
                Phrase("content/departments/ 里每个文件都是一个部门，这个文件没有部门的文件头（`name`、`roles`）",
                       en: "every file in content/departments/ is a department, and this one has no department frontmatter (`name`, `roles`)"),
                at: start,
                notes: [Phrase("普通页面请放到别的文件夹（如 content/guides/）；若是部门，请写上 `name:`",
                               en: "move a plain page to another folder (content/guides/, say); for a department, write its `name:`")]))
            return nil
        }
        reader.checkKeys(map, known: departmentKeys, in: "a department")
        let id = reader.string(map, "id", in: "department", at: start) ?? Located(fileID(file), at: start)
        let name = reader.string(map, "name", required: true, in: "a department", at: start)
        var roles: [RawRole] = []
        for (roleMap, position) in reader.mappings(map, "roles") {
            reader.checkKeys(roleMap, known: roleKeys, in: "a role")
            let roleName = reader.string(roleMap, "name", required: true, in: "a role", at: position)
            let roleID = reader.string(roleMap, "id", in: "role", at: position) ?? roleName
            if let roleID, let roleName { roles.append(RawRole(id: roleID, name: roleName)) }
        }
        guard let name else { return nil }
        return RawDepartment(file: file, id: id, name: name,
                             parent: reader.string(map, "parent", in: "department", at: start),
                             head: reader.string(map, "head", in: "department", at: start),
                             roles: roles, body: body)
    }

    private static func process(_ map: Fields, _ file: SourceFile, _ body: MarkdownSource,
                                _ start: SourcePosition, _ reader: inout YAMLReader) -> RawProcess? {
        if !["title", "owner", "status", "steps"].contains(where: { map.pair($0) != nil }) {
            reader.report(.error("handbook.frontmatter.missing-field",
                Phrase("content/processes/ 里每个文件都是一个流程，这个文件没有流程的文件头（`title`、`owner`、`status`、`steps`）",
                       en: "every file in content/processes/ is a process, and this one has no process frontmatter (`title`, `owner`, `status`, `steps`)"),
                at: start,
                notes: [Phrase("普通页面请放到别的文件夹（如 content/guides/）",
                               en: "move a plain page to another folder (content/guides/, say)")]))
            return nil
        }
        reader.checkKeys(map, known: processKeys, in: "a process")
        let id = reader.string(map, "id", in: "process", at: start) ?? Located(fileID(file), at: start)
        let title = reader.string(map, "title", required: true, in: "a process", at: start)
        let owner = reader.string(map, "owner", required: true, in: "a process", at: start)
        let statusText = reader.string(map, "status", required: true, in: "a process", at: start)
        var status: ProcessStatus?
        if let statusText {
            status = ProcessStatus(rawValue: statusText.value)
            if status == nil {
                reader.report(.error("handbook.process.unknown-status",
                    Phrase("不认识的状态 `\(statusText.value)`，请写 `draft`、`review`、`approved` 或 `retired`", en: "unknown status `\(statusText.value)`; use draft, review, approved or retired"),
                    at: statusText.position,
                    notes: Suggestion.note(for: statusText.value, in: ProcessStatus.allCases.map(\.rawValue))))
            }
        }
        var changes: [Process.Change] = []
        for (change, position) in reader.mappings(map, "changes") {
            reader.checkKeys(change, known: ["version", "date", "summary", "steps"], in: "a change")
            guard let summary = reader.string(change, "summary", required: true, in: "a change", at: position) else { continue }
            changes.append(Process.Change(
                version: reader.string(change, "version", in: "change", at: position)?.value,
                date: reader.string(change, "date", in: "change", at: position)?.value,
                summary: summary.value,
                steps: reader.value(change, "steps") == nil ? nil : reader.strings(change, "steps").map(\.value)))
        }
        if reader.value(map, "steps") == nil {
            reader.report(.error("handbook.frontmatter.missing-field", Phrase("流程缺少 `steps`（步骤）", en: "a process needs `steps`"),
                                 at: reader.keyNode(map, "steps").map(reader.position) ?? start))
        }
        let steps = reader.mappings(map, "steps").compactMap { step($0, $1, &reader) }
        // An unknown status is already an error; go on as a draft so the rest is still checked.
        guard let title, let owner, let statusText else { return nil }
        return RawProcess(
            file: file, id: id, title: title, owner: owner, status: status ?? .draft, statusPosition: statusText.position,
            version: reader.string(map, "version", in: "process", at: start),
            effective: reader.string(map, "effective", in: "process", at: start),
            approvedBy: reader.string(map, "approved_by", in: "process", at: start),
            reviewDue: reader.string(map, "review_due", in: "process", at: start),
            category: reader.string(map, "category", in: "process", at: start)?.value,
            summary: reader.string(map, "summary", in: "process", at: start)?.value,
            goals: reader.strings(map, "goals").map(\.value),
            inputs: reader.strings(map, "inputs").map(\.value),
            changes: changes, steps: steps,
            stepsPosition: reader.value(map, "steps").flatMap { $0.sequence != nil ? reader.position($0) : nil },
            body: body, confirmations: confirmations(map, &reader),
            confirmationsKey: reader.keyNode(map, "confirmations").map(reader.position))
    }

    private static func step(_ map: Fields, _ position: SourcePosition,
                             _ reader: inout YAMLReader) -> RawStep? {
        reader.checkKeys(map, known: stepKeys, in: "a step")
        let id = reader.string(map, "id", required: true, in: "a step", at: position)
        let name = reader.string(map, "name", required: true, in: "a step", at: position)
        let duties = reader.string(map, "duties", required: true, in: "a step", at: position)
        var kind = Step.Kind.task
        if let type = reader.string(map, "type", in: "step", at: position) {
            if let value = Step.Kind(rawValue: type.value) {
                kind = value
            } else {
                reader.report(.error("handbook.step.unknown-type", Phrase("不认识的步骤类型 `\(type.value)`，请写 `task` 或 `decision`", en: "unknown step type `\(type.value)`; use task or decision"),
                                     at: type.position, notes: Suggestion.note(for: type.value, in: ["task", "decision"])))
            }
        }
        guard let id else { return nil }
        // A step whose name is missing or not text is kept under its id: its error is reported
        // above, and links, hand-overs and `next`s naming it must not each fail as well.
        let named = name ?? Located(id.value, at: id.position)
        return RawStep(
            position: position, id: id, name: named,
            input: reader.strings(map, "input"),
            responsible: reader.strings(map, "responsible"),
            accountable: reader.string(map, "accountable", in: "step", at: position),
            collaborators: reader.strings(map, "collaborators"),
            informed: reader.strings(map, "informed"),
            duties: duties,
            deadline: reader.string(map, "deadline", in: "step", at: position)?.value,
            outputs: reader.strings(map, "outputs").map(\.value),
            risk: reader.string(map, "risk", in: "step", at: position)?.value,
            kind: kind, next: next(map, &reader),
            dutiesSource: duties.flatMap { duties in reader.value(map, "duties").flatMap { reader.source(of: $0, value: duties) } })
    }

    /// `next: 3`, `next: end`, `next: [3, 5]` or `next: [{to: 3, when: …}, …]`.
    private static func next(_ map: Fields, _ reader: inout YAMLReader) -> [RawBranch]? {
        guard let node = reader.value(map, "next") else { return nil }
        if node.scalar != nil { return reader.scalar(node, "`next`").map { [RawBranch(to: $0)] } }
        guard let items = node.sequence else {
            reader.report(.error("handbook.yaml.type",
                Phrase("`next` 应是步骤编号、`end` 或分支列表，这里却是\(node.kindNameZh)", en: "`next` must be a step id, `end` or a list of branches, found \(node.kindName)"),
                at: reader.position(node)))
            return nil
        }
        return items.compactMap { item -> RawBranch? in
            if item.scalar != nil { return reader.scalar(item, "a branch of `next`").map { RawBranch(to: $0) } }
            guard let branch = reader.requireMapping(item, "a branch of `next`") else { return nil }
            reader.checkKeys(branch, known: ["to", "when"], in: "a branch")
            let at = reader.position(item)
            guard let to = reader.string(branch, "to", required: true, in: "a branch", at: at) else { return nil }
            return RawBranch(to: to, when: reader.string(branch, "when", in: "branch", at: at)?.value)
        }
    }
}
