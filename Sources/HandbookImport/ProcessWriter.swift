/// The text of the files an import writes, in the handbook's format (README, "A process").
enum ProcessWriter {
    struct Process: Sendable {
        var id: String
        var title: String
        var owner: String
        var source: String
        var inputs: [String]
        var steps: [ImportedStep]
        var body: [SourceDocument.Block]
    }

    static func text(_ process: Process) -> String {
        var out = "---\n"
        out += "# 由 handbook import 从 \(oneLine(process.source)) 导入。请核对后把 status 改为 review 或 approved。\n"
        out += "id: \(quoted(process.id))\n"
        out += "title: \(quoted(process.title))\n"
        out += "owner: \(quoted(process.owner))\n"
        out += "status: draft\n"
        if !process.inputs.isEmpty { out += "inputs: \(list(process.inputs))\n" }
        out += "steps:\n"
        for step in process.steps {
            out += "  - id: \(step.id.allSatisfy(\.isASCII) && Int(step.id) != nil ? step.id : quoted(step.id))\n"
            out += "    name: \(quoted(step.name))\n"
            if step.input.count == 1 { out += "    input: \(quoted(step.input[0]))\n" }
            if step.input.count > 1 { out += "    input: \(list(step.input))\n" }
            out += "    responsible: \(quoted(step.responsible))\n"
            if !step.collaborators.isEmpty { out += "    collaborators: \(list(step.collaborators))\n" }
            out += "    duties: \(quoted(markdownEscaped(step.duties)))\n"
            if let deadline = step.deadline { out += "    deadline: \(quoted(deadline))\n" }
            if !step.outputs.isEmpty { out += "    outputs: \(list(step.outputs))\n" }
            if let risk = step.risk { out += "    risk: \(quoted(risk))\n" }
        }
        out += "---\n"
        out += body(process.body)
        return out
    }

    static func department(name: String, id: String, roles: [String], source: String) -> String {
        var out = "---\n"
        out += "# 由 handbook import 根据 \(oneLine(source)) 建立。请补充岗位和部门说明。\n"
        out += "id: \(quoted(id))\n"
        out += "name: \(quoted(name))\n"
        if !roles.isEmpty {
            out += "roles:\n"
            for role in roles { out += "  - id: \(quoted(derivedID(role)))\n    name: \(quoted(role))\n" }
        }
        out += "---\n"
        return out
    }

    /// Headings from `##` down (the page's title is the one `#`), paragraphs as they are, with
    /// Markdown's own characters escaped: a `[附件](x.md)` in a Word paragraph is text, not a
    /// link that `check` would find broken.
    static func body(_ blocks: [SourceDocument.Block]) -> String {
        var parts: [String] = []
        // The body's top headings are `##`: a Markdown file's `## 一、…` under its `# 标题` was
        // pushed to `###`, under a page with no `##` at all.
        let top = blocks.lazy.compactMap { if case .heading(let level, _) = $0 { level } else { nil } }.min() ?? 1
        for (index, block) in blocks.enumerated() {
            if case .heading(let level, _) = block, !hasText(under: level, in: blocks[(index + 1)...]) { continue }
            switch block {
            case .heading(let level, let text):
                parts.append(String(repeating: "#", count: min(max(level - top + 2, 2), 6)) + " " + markdownEscaped(oneLine(text)))
            case .paragraph(let text):
                parts.append(text.split(whereSeparator: \.isNewline).map { markdownEscaped(String($0)) }.joined(separator: "\n"))
            case .table: continue
            }
        }
        return parts.isEmpty ? "" : "\n" + parts.joined(separator: "\n\n") + "\n"
    }

    /// Whether a heading of `level` has a paragraph under it before the next heading of its
    /// level or above. The imported table leaves the body: its heading (「三、流程步骤与职责划分表」)
    /// stood empty above the next section.
    static func hasText(under level: Int, in rest: ArraySlice<SourceDocument.Block>) -> Bool {
        for block in rest {
            switch block {
            case .paragraph: return true
            case .heading(let next, _) where next <= level: return false
            case .heading, .table: continue
            }
        }
        return false
    }

    /// A YAML double-quoted scalar: every character kept, none read as YAML.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": continue
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ", ") + "]" }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Backslashes before the characters that make Markdown syntax (links, emphasis, HTML,
    /// code), and before a `#`, `>`, `-`, `+` or number-dot that would start a block.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|".contains(character) { out.append("\\") }
            out.append(character)
        }
        if let first = out.first, "#>-+=".contains(first) { out = "\\" + out }
        if let dot = out.firstIndex(of: "."), out[..<dot].allSatisfy(\.isNumber), dot != out.startIndex { out.insert("\\", at: dot) }
        return out
    }

    /// As `handbook new` makes ids: ASCII names in kebab-case, others (Chinese) as they are.
    static func derivedID(_ name: String) -> String {
        guard name.unicodeScalars.allSatisfy(\.isASCII) else {
            return String(name.map { $0 == "/" || $0 == " " || $0 == "\\" ? "-" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: ".-"))
        }
        var slug = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber { slug.append(character) } else if slug.last != "-" { slug.append("-") }
        }
        return slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}

import Foundation
