/// Renders compiled templates into one growing byte buffer.
struct TemplateRenderer {
    /// Nested partial, parent and override expansions allowed before rendering stops
    /// descending: a template that includes itself renders 100 levels, then nothing.
    static let maxDepth = 100
    /// Expansions allowed in one render. The depth limit alone does not stop templates that
    /// include themselves twice (2^100 expansions); this bound does, long before it hangs,
    /// while leaving room for a partial per row of a very large table.
    static let maxExpansions = 1_000_000

    /// Where a block's override lives: another template's instructions.
    struct Override {
        let program: TemplateProgram
        let range: Range<Int>
    }

    let library: [String: Template]
    var out: [UInt8] = []
    /// The context stack; the innermost value is last.
    var stack: [TemplateValue] = []
    /// Added at the start of each template line while inside a standalone partial or block.
    var indent: [UInt8] = []
    /// Whether the next output starts a template line (tracked only while `indent` is set).
    var atLineStart = true
    var depth = 0
    var expansions = 0
    /// Block overrides in effect; the outermost template's override wins.
    var overrides: [String: Override] = [:]
    /// Called with `out` once it holds `flushAt` bytes; takes what it writes out of it.
    var flush: ((inout [UInt8]) -> Void)?
    var flushAt = Int.max

    init(library: [String: Template]) {
        self.library = library
    }

    mutating func render(_ program: TemplateProgram, _ range: Range<Int>) {
        let ops = program.ops
        var index = range.lowerBound
        while index < range.upperBound {
            switch ops[index] {
            case .text(let start, let end):
                if indent.isEmpty {
                    program.text.withUnsafeBufferPointer { text in
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
                    }
                } else {
                    appendIndented(program.text[start..<end])
                }
                if out.count >= flushAt { flush?(&out) }
                index += 1
            case .variable(let key, let path, let escaped):
                if let value = lookup(key, path, program) { append(value, escaped: escaped) }
                if out.count >= flushAt { flush?(&out) }
                index += 1
            case .section(let key, let path, let end):
                if let value = lookup(key, path, program) {
                    renderSection(value, program, index + 1..<end)
                }
                index = end
            case .inverted(let key, let path, let end):
                if !(lookup(key, path, program)?.isTruthy ?? false) {
                    render(program, index + 1..<end)
                }
                index = end
            case .partial(let name, let indentIndex):
                if let template = library[program.strings[name]] {
                    expand(template.program, 0..<template.program.ops.count, indent: indentIndex, of: program)
                }
                index += 1
            case .parent(let name, let indentIndex, let arguments, let end):
                if let template = library[program.strings[name]] {
                    let saved = overrides
                    for (block, range) in program.argumentTables[arguments] where overrides[block] == nil {
                        overrides[block] = Override(program: program, range: range)
                    }
                    expand(template.program, 0..<template.program.ops.count, indent: indentIndex, of: program)
                    overrides = saved
                }
                index = end
            case .block(let name, let indentIndex, let end):
                if let override = overrides[program.strings[name]] {
                    expand(override.program, override.range, indent: indentIndex, of: program)
                } else {
                    render(program, index + 1..<end)
                }
                index = end
            }
        }
    }

    /// list: once per item, pushed; true: once; object or string: once, pushed; else nothing.
    private mutating func renderSection(_ value: TemplateValue, _ program: TemplateProgram, _ body: Range<Int>) {
        switch value {
        case .list(let items):
            for item in items {
                stack.append(item)
                render(program, body)
                stack.removeLast()
            }
        case .items(let items):
            for index in 0..<items.count {
                stack.append(items[index])
                render(program, body)
                stack.removeLast()
            }
        case .bool(let flag):
            if flag { render(program, body) }
        case .object, .string:
            stack.append(value)
            render(program, body)
            stack.removeLast()
        case .null:
            break
        }
    }

    /// Renders another template's instructions (partial, parent or override), indented
    /// by `indents[indentIndex]` of `source` on top of the current indentation.
    private mutating func expand(_ program: TemplateProgram, _ range: Range<Int>, indent indentIndex: Int,
                                 of source: TemplateProgram) {
        guard depth < Self.maxDepth, expansions < Self.maxExpansions else { return }
        expansions += 1
        depth += 1
        defer { depth -= 1 }
        guard indentIndex >= 0 else {
            render(program, range)
            return
        }
        let saved = indent
        indent += source.indents[indentIndex]
        atLineStart = true
        render(program, range)
        indent = saved
    }

    /// Resolves a dotted name: the first part through the stack, innermost first; the rest
    /// only inside that result.
    @inline(__always)
    private func lookup(_ key: Int, _ path: Int, _ program: TemplateProgram) -> TemplateValue? {
        guard key >= 0 else { return stack.last }
        let first = program.keys[key]
        var level = stack.count - 1
        var found: TemplateValue?
        while level >= 0 {
            if case .object(let fields) = stack[level], let value = fields[first] {
                found = value
                break
            }
            level -= 1
        }
        guard path >= 0, var value = found else { return found }
        for part in program.paths[path] {
            guard case .object(let fields) = value, let next = fields[part] else { return nil }
            value = next
        }
        return value
    }

    private mutating func append(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .string(let text):
            if text.isEmpty { return }
            if !indent.isEmpty { startLineIfNeeded() }
            if escaped {
                HTMLEscape.append(escaping: text, to: &out)
            } else {
                HTMLEscape.append(text, to: &out)
            }
        case .bool(let flag):
            if !indent.isEmpty { startLineIfNeeded() }
            HTMLEscape.append(flag ? "true" : "false", to: &out)
        case .list, .items, .object, .null:
            break
        }
    }

    @inline(__always)
    private mutating func startLineIfNeeded() {
        if atLineStart {
            out.append(contentsOf: indent)
            atLineStart = false
        }
    }

    /// Template text inside an indented partial: the indentation goes before every line.
    private mutating func appendIndented(_ text: ArraySlice<UInt8>) {
        guard let last = text.last else { return }
        startLineIfNeeded()
        var runStart = text.startIndex
        for index in text.indices where text[index] == 0x0A && index + 1 < text.endIndex {
            out.append(contentsOf: text[runStart...index])
            out.append(contentsOf: indent)
            runStart = index + 1
        }
        out.append(contentsOf: text[runStart...])
        atLineStart = last == 0x0A
    }
}
