/// Bounds on frontmatter shape, checked before libyaml sees it: the composer recurses once
/// per nesting level, so a hostile `[[[[…` must be refused, not parsed.
enum YAMLGuard {
    static let maxFlowDepth = 64
    static let maxIndent = 256

    static func check(_ yaml: String, path: String, firstLine: Int) -> Diagnostic? {
        var depth = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            if indent > maxIndent {
                return .error("handbook.yaml.too-deep", "frontmatter is indented deeper than \(maxIndent) columns",
                              at: SourcePosition(path: path, line: firstLine + index, column: indent + 1))
            }
            for (column, character) in line.enumerated() {
                if character == "[" || character == "{" {
                    depth += 1
                    if depth > maxFlowDepth {
                        return .error("handbook.yaml.too-deep", "frontmatter nests `[`/`{` deeper than \(maxFlowDepth) levels",
                                      at: SourcePosition(path: path, line: firstLine + index, column: column + 1))
                    }
                } else if character == "]" || character == "}" {
                    depth = max(0, depth - 1)
                }
            }
        }
        return nil
    }
}
