import CYAML

/// A frontmatter node as libyaml's events describe it, with where it starts.
///
/// Built here from libyaml's events (the copy of libyaml that Yams bundles) instead of with
/// `Yams.compose`: frontmatter is read as text with positions, so Yams' tags, resolvers and
/// per-node class instances were work thrown away, about a tenth of a whole build.
indirect enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    struct Scalar: Sendable {
        enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }
        var string: String
        var style: Style
        /// Written as text on purpose: quoted, or tagged `!!str`.
        var isText: Bool
        var mark: YAMLMark
        /// Just after its last character (a closing quote included).
        var end: YAMLMark
    }

    struct Mapping: Sendable {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var mark: YAMLMark
    }

    struct Sequence: Sendable {
        var items: [YAMLNode]
        var mark: YAMLMark
    }

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        }
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    var mapping: Mapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let sequence) = self { return sequence.items }
        return nil
    }

    /// YAML's null: an empty or `~`/`null` plain scalar.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// `true`/`yes`/`on` and `false`/`no`/`off`, in any case, unless written as text.
    var bool: Bool? {
        guard case .scalar(let scalar) = self, !scalar.isText else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    var kindName: String {
        switch self {
        case .scalar: "text"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    var kindNameZh: String {
        switch self {
        case .scalar: "文字"
        case .mapping: "映射（`key: value`）"
        case .sequence: "列表"
        }
    }
}

/// A position as libyaml counts it: line and column from 1, the column in Unicode scalars.
struct YAMLMark: Sendable, Equatable {
    var line: Int
    var column: Int
}

/// Why frontmatter is not valid YAML, where libyaml (or composing) stopped.
struct YAMLFailure: Error {
    enum Kind { case syntax, duplicateKey }
    var kind: Kind
    var message: String
    var mark: YAMLMark?
    /// Where the construct libyaml was reading began, when that is where the mistake most
    /// likely is: the opening quote or bracket never closed (libyaml stops much later).
    var start: YAMLMark? = nil

    static let openedContexts: Set<String> = [
        "while scanning a quoted scalar", "while parsing a flow sequence", "while parsing a flow mapping",
        "while scanning a flow sequence", "while scanning a flow mapping",
    ]
}

/// libyaml's events into `YAMLNode`s: one document, anchors and aliases resolved, repeated
/// keys of a mapping refused at the repeated key.
enum YAMLComposer {
    private static let textTag = "tag:yaml.org,2002:str"

    /// The root node; nil for an empty document.
    static func compose(_ yaml: String) throws(YAMLFailure) -> YAMLNode? {
        var bytes = Array(yaml.utf8)
        if bytes.isEmpty { return nil }
        // On the heap, not a local: libyaml keeps pointers to the parser in the parser, and the
        // composer keeps one too, which must stay valid for the whole parse.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLFailure(kind: .syntax, message: "out of memory", mark: nil)
        }
        defer { yaml_parser_delete(parser) }
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(YAMLFailure) -> YAMLNode? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var composer = Composer(parser: parser)
            return try composer.document()
        }
    }

    private struct Composer: ~Copyable {
        var parser: UnsafeMutablePointer<yaml_parser_t>
        var anchors: [String: YAMLNode] = [:]

        init(parser: UnsafeMutablePointer<yaml_parser_t>) {
            self.parser = parser
        }

        mutating func document() throws(YAMLFailure) -> YAMLNode? {
            var root: YAMLNode?
            var documents = 0
            while true {
                var event = try next()
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return root
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw YAMLFailure(kind: .syntax, message: "expected a single document, but found another document",
                                          mark: Self.mark(event.start_mark))
                    }
                case YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT, YAML_ALIAS_EVENT:
                    root = try node(&event)
                default:
                    continue
                }
            }
        }

        /// The node that `event` starts (a collection is read to its end).
        mutating func node(_ event: inout yaml_event_t) throws(YAMLFailure) -> YAMLNode {
            let mark = Self.mark(event.start_mark)
            switch event.type {
            case YAML_ALIAS_EVENT:
                let name = Self.text(event.data.alias.anchor)
                guard let name, let target = anchors[name] else {
                    throw YAMLFailure(kind: .syntax, message: "found undefined alias", mark: mark)
                }
                return target
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let tag = Self.text(scalar.tag)
                let style: YAMLNode.Scalar.Style = switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
                let node = YAMLNode.scalar(.init(string: value, style: style,
                                                 isText: tag == textTag || scalar.quoted_implicit == 1,
                                                 mark: mark, end: Self.mark(event.end_mark)))
                register(Self.text(scalar.anchor), node)
                return node
            case YAML_SEQUENCE_START_EVENT:
                let anchor = Self.text(event.data.sequence_start.anchor)
                var items: [YAMLNode] = []
                while true {
                    var item = try next()
                    defer { yaml_event_delete(&item) }
                    if item.type == YAML_SEQUENCE_END_EVENT { break }
                    items.append(try node(&item))
                }
                let node = YAMLNode.sequence(.init(items: items, mark: mark))
                register(anchor, node)
                return node
            case YAML_MAPPING_START_EVENT:
                let anchor = Self.text(event.data.mapping_start.anchor)
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                // Earlier keys are searched in order while there are few (a frontmatter mapping
                // has a dozen), and hashed into `seen` once there are many.
                var seen: Set<String> = []
                while true {
                    var keyEvent = try next()
                    defer { yaml_event_delete(&keyEvent) }
                    if keyEvent.type == YAML_MAPPING_END_EVENT { break }
                    let key = try node(&keyEvent)
                    var valueEvent = try next()
                    defer { yaml_event_delete(&valueEvent) }
                    let value = try node(&valueEvent)
                    if case .scalar(let name) = key {
                        let repeated: Bool
                        if pairs.count < Fields.linearLimit {
                            repeated = pairs.contains { $0.key.scalar?.string == name.string }
                        } else {
                            if seen.isEmpty { seen = Set(pairs.compactMap { $0.key.scalar?.string }) }
                            repeated = !seen.insert(name.string).inserted
                        }
                        if repeated { throw YAMLFailure(kind: .duplicateKey, message: name.string, mark: name.mark) }
                    }
                    pairs.append((key, value))
                }
                let node = YAMLNode.mapping(.init(pairs: pairs, mark: mark))
                register(anchor, node)
                return node
            default:
                throw YAMLFailure(kind: .syntax, message: "unexpected event", mark: mark)
            }
        }

        private mutating func register(_ anchor: String?, _ node: YAMLNode) {
            if let anchor { anchors[anchor] = node }
        }

        /// The next event; the caller deletes it.
        private func next() throws(YAMLFailure) -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { throw failure() }
            return event
        }

        /// libyaml's own explanation: the problem, and what it was reading.
        private func failure() -> YAMLFailure {
            let state = parser.pointee
            let problem = state.problem.map { String(cString: $0) } ?? "cannot read"
            let context = state.context.map { String(cString: $0) }
            let message = context.map { "\(problem) \($0)" } ?? problem
            if state.error == YAML_READER_ERROR {
                // Reader errors count bytes, not lines.
                return YAMLFailure(kind: .syntax, message: message, mark: nil)
            }
            let start = context.map { YAMLFailure.openedContexts.contains($0) } == true ? Self.mark(state.context_mark) : nil
            return YAMLFailure(kind: .syntax, message: message, mark: Self.mark(state.problem_mark),
                               start: start == Self.mark(state.problem_mark) ? nil : start)
        }

        static func mark(_ mark: yaml_mark_t) -> YAMLMark {
            YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }

        static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
