/// Heading anchors: lowercase, letters and digits of any script kept, runs of anything else
/// become one `-`. `## 适用范围` gets `适用范围`, `## Scope & Goals` gets `scope-goals`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "_" {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(character)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }
}

/// Keeps anchors unique within one page: `a`, `a-1`, `a-2`.
struct SlugSet {
    private var used: [String: Int] = [:]

    init(reserved: Set<String> = []) {
        for id in reserved { used[id] = 0 }
    }

    mutating func unique(_ slug: String) -> String {
        guard let count = used[slug] else {
            used[slug] = 0
            return slug
        }
        var next = count + 1
        while used["\(slug)-\(next)"] != nil { next += 1 }
        used[slug] = next
        used["\(slug)-\(next)"] = 0
        return "\(slug)-\(next)"
    }
}
