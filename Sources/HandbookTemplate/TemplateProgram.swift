/// One instruction of a compiled template. Payloads are plain integers (indices into the
/// program's tables, or the index where a body ends), so stepping through the instructions
/// involves no reference counting.
enum Op: Sendable {
    /// Append `text[start..<end]`.
    case text(start: Int, end: Int)
    /// Print the value of a name: `keys[key]` looked up through the stack (-1 for `.`),
    /// then `paths[path]` inside it (-1 when the name has no dots).
    case variable(key: Int, path: Int, escaped: Bool)
    /// The body is the instructions up to `end`; rendering continues at `end`.
    case section(key: Int, path: Int, end: Int)
    case inverted(key: Int, path: Int, end: Int)
    /// `strings[name]` from the library; `indent` indexes `indents`, -1 for none.
    case partial(name: Int, indent: Int)
    /// `arguments` indexes `argumentTables`; the argument bodies lie between here and `end`.
    case parent(name: Int, indent: Int, arguments: Int, end: Int)
    /// The default body lies up to `end`; `indent` is applied to an override.
    case block(name: Int, indent: Int, end: Int)
}

/// A template flattened into instructions plus the tables they point into.
/// A class so that block overrides can refer to another template's instructions cheaply.
final class TemplateProgram: Sendable {
    let ops: [Op]
    /// All literal text in one buffer, so appending a piece retains nothing.
    let text: [UInt8]
    /// First parts of names, and the remaining parts of dotted names.
    let keys: [TemplateKey]
    let paths: [[TemplateKey]]
    let strings: [String]
    let indents: [[UInt8]]
    let argumentTables: [[String: Range<Int>]]
    /// Bytes of literal text, a starting point for the output buffer's capacity.
    let textByteCount: Int

    init(_ nodes: [ParseNode]) {
        var builder = Builder()
        builder.emit(nodes)
        ops = builder.ops
        text = builder.text
        keys = builder.keys
        paths = builder.paths
        strings = builder.strings
        indents = builder.indents
        argumentTables = builder.argumentTables
        textByteCount = builder.text.count
    }

    private struct Builder {
        var ops: [Op] = []
        var text: [UInt8] = []
        var keys: [TemplateKey] = []
        var paths: [[TemplateKey]] = []
        var strings: [String] = []
        var indents: [[UInt8]] = []
        var argumentTables: [[String: Range<Int>]] = []

        mutating func emit(_ nodes: [ParseNode]) {
            for node in nodes {
                switch node {
                case .text(let bytes, _):
                    ops.append(.text(start: text.count, end: text.count + bytes.count))
                    text += bytes
                case .variable(let name, let escaped):
                    let (key, path) = add(name)
                    ops.append(.variable(key: key, path: path, escaped: escaped))
                case .section(let name, let body, let inverted):
                    let (key, path) = add(name)
                    let at = reserve()
                    emit(body)
                    ops[at] = inverted ? .inverted(key: key, path: path, end: ops.count)
                        : .section(key: key, path: path, end: ops.count)
                case .partial(let name, let indent):
                    ops.append(.partial(name: Self.add(name, to: &strings), indent: indentIndex(indent)))
                case .parent(let name, let indent, let arguments):
                    let at = reserve()
                    var table: [String: Range<Int>] = [:]
                    for argument in arguments {
                        let start = ops.count
                        emit(argument.body)
                        if table[argument.name] == nil { table[argument.name] = start..<ops.count }  // first wins
                    }
                    argumentTables.append(table)
                    ops[at] = .parent(name: Self.add(name, to: &strings), indent: indentIndex(indent),
                                      arguments: argumentTables.count - 1, end: ops.count)
                case .block(let name, let indent, let body):
                    let at = reserve()
                    emit(body)
                    ops[at] = .block(name: Self.add(name, to: &strings), indent: indentIndex(indent), end: ops.count)
                }
            }
        }

        /// A slot for an instruction whose `end` is known only after its body.
        private mutating func reserve() -> Int {
            ops.append(.text(start: 0, end: 0))
            return ops.count - 1
        }

        private mutating func add(_ name: [String]) -> (key: Int, path: Int) {
            guard let first = name.first else { return (-1, -1) }
            let key = Self.add(TemplateKey(first), to: &keys)
            return (key, name.count == 1 ? -1 : Self.add(name.dropFirst().map { TemplateKey($0) }, to: &paths))
        }

        private static func add<T>(_ value: T, to table: inout [T]) -> Int {
            table.append(value)
            return table.count - 1
        }

        private mutating func indentIndex(_ indent: [UInt8]) -> Int {
            indent.isEmpty ? -1 : Self.add(indent, to: &indents)
        }
    }
}
