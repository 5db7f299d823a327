import Foundation

/// `handbook new`: a well-commented starting file in the content format, which `check` accepts.
public enum Scaffold {
    public enum Kind: String, CaseIterable, Sendable { case process, department }

    public struct Failure: Error, CustomStringConvertible {
        public var phrase: Phrase
        public var description: String { phrase.en }
    }

    /// The language `handbook new` speaks: `--lang`, else the handbook's `language`.
    public static func language(root: URL) -> HandbookConfig.Language {
        HandbookLoader.loadConfig(root: root).0.language
    }

    /// Writes the file and returns its path. Never overwrites.
    public static func create(_ kind: Kind, name: String, id: String?, root: URL) throws -> URL {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains("\n") else { throw Failure(phrase: Phrase("名称须是一行文字", en: "the name must be one line of text")) }
        let identifier = id ?? derivedID(trimmed)
        guard !identifier.isEmpty, !identifier.contains("/"), !identifier.hasPrefix("."), identifier != "end" else {
            throw Failure(phrase: Phrase("`\(identifier)` 不能用作编号：不能含 `/`，也不能以 `.` 开头", en: "`\(identifier)` cannot be an id: no `/`, no leading `.`"))
        }
        let (config, _) = HandbookLoader.loadConfig(root: root)
        let folder = root.appendingPathComponent(config.contentFolder).appendingPathComponent(kind == .process ? "processes" : "departments")
        let file = folder.appendingPathComponent(identifier + ".md")
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw Failure(phrase: Phrase("\(file.path) 已经存在，没有覆盖", en: "\(file.path) already exists; not overwritten"))
        }
        let text: String
        switch kind {
        case .department: text = department(name: trimmed, id: identifier)
        case .process: text = process(title: trimmed, id: identifier, owner: firstDepartment(in: root, content: config.contentFolder))
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // `.withoutOverwriting`: a file that appeared meanwhile is still not replaced.
        try Data(text.utf8).write(to: file, options: .withoutOverwriting)
        return file
    }

    /// ASCII names become `kebab-case`; other names (Chinese) are their own id.
    static func derivedID(_ name: String) -> String {
        let ascii = name.unicodeScalars.allSatisfy(\.isASCII)
        guard ascii else { return name.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: " ", with: "-") }
        var slug = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber { slug.append(character) } else if slug.last != "-" { slug.append("-") }
        }
        return slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// The department a new process is first owned by: any existing one, so it checks cleanly.
    private static func firstDepartment(in root: URL, content: String) -> String? {
        let folder = root.appendingPathComponent(content).appendingPathComponent("departments")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        for file in files {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                  case .success(let text) = SourceFile.decode(Array(data), path: file),
                  case .success(let split) = Frontmatter.split(text, path: file), let yaml = split.yaml else { continue }
            var reader = YAMLReader(path: file, firstLine: 2)
            let start = SourcePosition(path: file, line: 1, column: 1)
            if let map = reader.parseMapping(yaml) {
                return reader.string(map, "id", in: "", at: start)?.value ?? String(file.dropLast(3))
            }
        }
        return nil
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func department(name: String, id: String) -> String {
        """
        ---
        # 部门文件：一个文件一个部门。id 默认为文件名；引用时可用 id 或名称。
        id: \(yamlQuoted(id))
        name: \(yamlQuoted(name))          # 必填，部门名称，全手册唯一
        # parent: operations       # 可选：上级部门（id 或名称），不可形成循环
        head: manager              # 可选：部门负责人，须是下面的岗位之一
        roles:                     # 岗位；岗位 id 在本部门内唯一
          - id: manager
            name: 经理
          - id: staff
            name: 专员
        ---
        用几句话说明本部门的职能与服务对象。员工会在部门页面上看到本部门在所有流程中的职责。

        """
    }

    static func process(title: String, id: String, owner: String?) -> String {
        let ownerLine = owner.map(yamlQuoted) ?? "\"\"   # 填写负责本流程的部门（id 或名称）"
        let responsible = owner.map(yamlQuoted) ?? "\"\""
        return """
        ---
        # 流程文件：一个文件一个流程。新流程先以 draft 状态编写，评审通过后改为 approved 才会发布。
        id: \(yamlQuoted(id))
        title: \(yamlQuoted(title))
        owner: \(ownerLine)        # 必填：流程所有者部门
        status: draft              # draft | review | approved | retired
        version: "0.1"
        # effective: 2026-01-01    # 批准后填写：生效日期
        # approved_by: 部门经理      # 批准后填写：批准人
        # review_due: 2027-01-01   # 下次定期评审日期
        category: 未分类
        summary: 用一句话说明本流程做什么
        goals: [明确各环节责任主体]
        inputs: [流程启动申请]        # 来自流程外部的输入
        steps:
          - id: 1
            name: 启动
            input: 流程启动申请
            responsible: \(responsible)   # 必填且只有一个：部门或 部门/岗位
            duties: 说明此步骤的主要职责（可用 Markdown）
            deadline: 收到申请后1个工作日内
            outputs: [启动记录]
            risk: 写下此步骤的风险点
          - id: 2
            name: 完成
            input: 启动记录
            responsible: \(responsible)
            duties: 说明此步骤的主要职责
            deadline: 启动后5个工作日内
            outputs: [完成报告]
            next: end                # 默认进入下一个步骤；end 表示流程结束
        ---
        ## 目的

        说明流程的目的与适用范围。链接其他文档时写源文件路径，例如 `[客服部](../departments/customer-service.md)`。

        """
    }
}
