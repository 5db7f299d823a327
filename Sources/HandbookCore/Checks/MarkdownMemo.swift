import Foundation
import HandbookMarkdown

/// Markdown rendered by the previous rebuild of `serve`, reused when the text, where it sits
/// and what its links resolve to are all unchanged: after one edit, rendering every body and
/// every step's duties again was most of the time a rebuild took.
public final class MarkdownMemo: Sendable {
    struct Key: Hashable, Sendable {
        var text: String
        var source: String
        var reserved: Set<String>
        var unsafeHTML: Bool

        // Hashing the whole text on every rebuild cost more than the renders it saved; `==`
        // compares it, which is immediate for the unchanged string `DocumentCache` returns.
        func hash(into hasher: inout Hasher) {
            hasher.combine(source)
            hasher.combine(text.utf8.count)
        }
    }

    private struct Table {
        var links: LinkIndex
        /// Renders the previous rebuild used; those this rebuild uses (kept for the next).
        var previous: [Key: RenderedMarkdown] = [:]
        var current: [Key: RenderedMarkdown] = [:]
        /// The same by whole file, for bodies: an unchanged file is found without building its key.
        var previousFiles: [String: FileRender] = [:]
        var currentFiles: [String: FileRender] = [:]
    }

    struct FileRender {
        var fileText: String
        var unsafeHTML: Bool
        var rendered: RenderedMarkdown
    }

    private let locked = Locked<[String: Table]>([:])

    public init() {}

    /// Starts one rebuild's renders of a kind (`body`, `duties`): the last rebuild's are kept
    /// only when links resolve exactly as they did then. `unchanged`: that comparison, when the
    /// caller has already made it.
    func begin(_ kind: String, links: LinkIndex, unchanged: Bool? = nil) {
        locked.withLock { tables in
            if let table = tables[kind], unchanged ?? (table.links == links) {
                tables[kind] = Table(links: links, previous: table.current, previousFiles: table.currentFiles)
            } else {
                tables[kind] = Table(links: links)
            }
        }
    }

    /// The render of the body of an unchanged file, if the last rebuild made it.
    func cached(_ kind: String, file path: String, text: String, unsafeHTML: Bool) -> RenderedMarkdown? {
        locked.withLock { tables in
            guard let hit = tables[kind]?.previousFiles[path], hit.fileText == text, hit.unsafeHTML == unsafeHTML else { return nil }
            tables[kind]?.currentFiles[path] = hit
            return hit.rendered
        }
    }

    /// Keeps the render of a file's body for the next rebuild.
    func keep(_ kind: String, file path: String, text: String, unsafeHTML: Bool, _ rendered: RenderedMarkdown) {
        locked.withLock { tables in tables[kind]?.currentFiles[path] = FileRender(fileText: text, unsafeHTML: unsafeHTML, rendered: rendered) }
    }

    /// The render of `key` if the last rebuild (or this one) made it.
    func cached(_ kind: String, _ key: Key) -> RenderedMarkdown? {
        locked.withLock { tables in
            guard let hit = tables[kind]?.current[key] ?? tables[kind]?.previous[key] else { return nil }
            tables[kind]?.current[key] = hit
            return hit
        }
    }

    /// The render of `key`, from the last rebuild or made now.
    func render(_ kind: String, _ key: Key, make: () -> RenderedMarkdown) -> RenderedMarkdown {
        if let hit = cached(kind, key) { return hit }
        let made = make()
        locked.withLock { tables in tables[kind]?.current[key] = made }
        return made
    }
}
