/// Bounds on frontmatter shape, checked before libyaml sees it: the composer recurses once
/// per nesting level, so a hostile `[[[[…` must be refused, not parsed.
enum YAMLGuard {
    static let maxFlowDepth = 64
    static let maxIndent = 256

    /// Aliases may not expand to more nodes than this ("billion laughs"): reading walks what an
    /// alias stands for each time it is used, so a bomb would otherwise run for hours.
    static let maxAliasExpansion = 10_000

    static func check(_ yaml: String, path: String, firstLine: Int) -> Diagnostic? {
        nesting(yaml, path: path, firstLine: firstLine) ?? aliases(yaml, path: path, firstLine: firstLine)
    }

    /// A conservative count of what aliases expand to: an anchor weighs one, plus one for every
    /// line and flow separator, plus every alias, written after it until the next anchor
    /// (at least what its node holds).
    static func aliases(_ yaml: String, path: String, firstLine: Int) -> Diagnostic? {
        guard yaml.containsByte(UInt8(ascii: "*")) else { return nil }
        var weights: [Substring: Int] = [:]
        var current: Substring?
        var total = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Every non-empty line under an anchor holds at least one node (list item, key, value).
            if let current, line.contains(where: { $0 != " " }) { weights[current, default: 1] += 1 }
            var previous: Character = " "
            var position = line.startIndex
            while position < line.endIndex {
                let character = line[position]
                let atTokenStart = previous == " " || previous == "[" || previous == "{" || previous == "," || previous == "\t"
                if atTokenStart, character == "&" || character == "*" {
                    let nameStart = line.index(after: position)
                    let nameEnd = line[nameStart...].firstIndex { " \t,[]{}".contains($0) } ?? line.endIndex
                    let name = line[nameStart..<nameEnd]
                    if !name.isEmpty {
                        if character == "&" {
                            current = name
                            weights[name] = 1
                        } else {
                            let weight = weights[name] ?? 1
                            total = min(total + weight, Int.max / 4)
                            if let current { weights[current] = min((weights[current] ?? 1) + weight, Int.max / 4) }
                            if total > maxAliasExpansion {
                                return .error("handbook.yaml.alias-bomb",
                                    Phrase("这里的 YAML 别名展开后超过 \(maxAliasExpansion) 个节点", en: "YAML aliases here expand to more than \(maxAliasExpansion) nodes"),
                                    at: SourcePosition(path: path, line: firstLine + index, column: line.distance(from: line.startIndex, to: position) + 1))
                            }
                        }
                        position = nameEnd
                        previous = "x"
                        continue
                    }
                }
                if character == ",", let current { weights[current, default: 1] += 1 }
                previous = character
                position = line.index(after: position)
            }
        }
        return nil
    }

    /// One pass over the UTF-8 bytes (the brackets and spaces it counts are ASCII; it runs on
    /// every frontmatter, so it does not split into lines); columns in characters.
    static func nesting(_ yaml: String, path: String, firstLine: Int) -> Diagnostic? {
        var text = yaml
        return text.withUTF8 { bytes -> Diagnostic? in
            var depth = 0, line = 0, lineStart = 0, indent = 0, inIndent = true
            for position in bytes.indices {
                let byte = bytes[position]
                if inIndent {
                    // `- - - x` nests a list per `- ` as surely as indentation does: each counts as a column.
                    let indicator = (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?"))
                        && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: " ")
                    if byte == UInt8(ascii: " ") || indicator {
                        indent += 1
                        if indent > maxIndent {
                            return .error("handbook.yaml.too-deep",
                                          Phrase("文件头缩进（或 `- ` 列表嵌套）超过 \(maxIndent) 格", en: "frontmatter is indented (or nests `- ` items) deeper than \(maxIndent) columns"),
                                          at: SourcePosition(path: path, line: firstLine + line, column: maxIndent + 2))
                        }
                        continue
                    }
                    inIndent = false
                }
                switch byte {
                case UInt8(ascii: "\n"):
                    line += 1
                    lineStart = position + 1
                    indent = 0
                    inIndent = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > maxFlowDepth {
                        let before = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<position]), as: UTF8.self)
                        return .error("handbook.yaml.too-deep", Phrase("文件头里 `[`/`{` 嵌套超过 \(maxFlowDepth) 层", en: "frontmatter nests `[`/`{` deeper than \(maxFlowDepth) levels"),
                                      at: SourcePosition(path: path, line: firstLine + line, column: before.count + 1))
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                default:
                    break
                }
            }
            return nil
        }
    }
}
