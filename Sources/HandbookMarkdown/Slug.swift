import Foundation

/// Heading anchors as GitHub and GitLab make them (and Hugo, whose default is GitHub's), so
/// that links and bookmarks into imported documents keep working: lowercase; letters and
/// digits of any script, `-` and `_` kept; each space a `-`; everything else dropped.
/// `## 适用范围` gets `适用范围`, `## Don't` gets `dont`, `## data.json` gets `datajson`,
/// `## 客服 流程` gets `客服-流程`.
public enum Slug {
    /// `heading_ids:` in handbook.yml.
    public enum Style: String, Sendable, CaseIterable {
        /// GitHub's and GitLab's (and Hugo's default): see above.
        case github
        /// Eleventy's `slugify` filter behind markdown-it-anchor (18F's handbook): `&` reads
        /// "and", every run of other characters is one `-` (`Other people’s money` gets
        /// `other-people-s-money`, `cloud.gov` gets `cloud-gov`, `508 - Accessibility` gets
        /// `508-accessibility`); letters of any script kept.
        case eleventy
    }

    public static func make(_ text: String, style: Style) -> String {
        switch style {
        case .github: return make(text)
        case .eleventy: return dashed(text)
        }
    }

    private static func dashed(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in text.replacingOccurrences(of: "&", with: " and ").lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(character)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    public static func make(_ text: String) -> String {
        var slug = ""
        for character in text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            if character.isLetter || character.isNumber || character == "_" || character == "-" {
                slug.append(character)
            } else if character == " " || character == "\t" || character == "\n" {
                slug.append("-")
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

    /// An id the author chose (`{#id}`): kept as written; later slugs go around it.
    mutating func claim(_ id: String) -> String {
        if used[id] == nil { used[id] = 0 }
        return id
    }
}
