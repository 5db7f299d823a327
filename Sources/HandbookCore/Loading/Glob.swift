/// `exclude:` patterns of handbook.yml over content paths, as .gitignore reads them: `*` and
/// `?` within one name, `**` across folders; a pattern without `/` names a file or folder at
/// any depth (`CODENOTIFY`, `_category_.yml`), one with `/` starts at the content folder
/// (`archive/2019/**`, `**/drafts/**`). A folder excluded excludes everything in it.
struct Glob: Sendable {
    private let parts: [Substring]
    private let anywhere: Bool

    init(_ pattern: String) {
        var text = Substring(pattern)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        if text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        anywhere = !text.contains("/")
        parts = text.split(separator: "/", omittingEmptySubsequences: true)
    }

    func matches(_ path: String) -> Bool {
        let names = path.split(separator: "/")
        guard !parts.isEmpty else { return false }
        if anywhere { return names.contains { Self.name($0, parts[0]) } }
        // The path itself or any folder above it.
        return (1...names.count).contains { Self.segments(names[0..<$0], parts[...]) }
    }

    private static func segments(_ names: ArraySlice<Substring>, _ pattern: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return names.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            return (names.startIndex...names.endIndex).contains { segments(names[$0...], rest) }
        }
        guard let name = names.first, Self.name(name, first) else { return false }
        return segments(names.dropFirst(), pattern.dropFirst())
    }

    /// `*` any run of characters, `?` one, within a name.
    static func name(_ name: Substring, _ pattern: Substring) -> Bool {
        let n = Array(name), p = Array(pattern)
        var i = 0, j = 0, star = -1, mark = 0
        while i < n.count {
            if j < p.count, p[j] == "?" || p[j] == n[i] {
                i += 1; j += 1
            } else if j < p.count, p[j] == "*" {
                star = j; mark = i; j += 1
            } else if star >= 0 {
                j = star + 1; mark += 1; i = mark
            } else {
                return false
            }
        }
        while j < p.count, p[j] == "*" { j += 1 }
        return j == p.count
    }
}
