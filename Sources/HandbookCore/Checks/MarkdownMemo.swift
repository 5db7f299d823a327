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

    /// A whole file's text and whether raw HTML was kept: an unchanged body is found by its
    /// file without building its key.
    struct FileFingerprint: Equatable, Sendable {
        var text: String
        var unsafeHTML: Bool
    }

    /// One kind of render (`body`, `duties`): the links they were made against, renders by
    /// their key (the key is the whole fingerprint), and bodies by file.
    private final class Renders: Sendable {
        let links = Locked<LinkIndex?>(nil)
        let byKey = Memo<Key, Bool, RenderedMarkdown>(generations: true)
        let byFile = Memo<String, FileFingerprint, RenderedMarkdown>(generations: true)
    }

    private let kinds = ["body": Renders(), "duties": Renders()]

    public init() {}

    private func renders(_ kind: String) -> Renders {
        guard let renders = kinds[kind] else { preconditionFailure("no renders of kind \(kind)") }
        return renders
    }

    /// Starts one rebuild's renders of a kind (`body`, `duties`): the last rebuild's are kept
    /// only when links resolve exactly as they did then. `unchanged`: that comparison, when the
    /// caller has already made it.
    func begin(_ kind: String, links: LinkIndex, unchanged: Bool? = nil) {
        let renders = renders(kind)
        let same = renders.links.withLock { previous in
            defer { previous = links }
            return previous != nil && (unchanged ?? (previous == links))
        }
        if same {
            renders.byKey.nextRebuild()
            renders.byFile.nextRebuild()
        } else {
            renders.byKey.removeAll()
            renders.byFile.removeAll()
        }
    }

    /// The render of the body of an unchanged file, if the last rebuild made it.
    func cached(_ kind: String, file path: String, text: String, unsafeHTML: Bool) -> RenderedMarkdown? {
        renders(kind).byFile.value(path, FileFingerprint(text: text, unsafeHTML: unsafeHTML))
    }

    /// Keeps the render of a file's body for the next rebuild.
    func keep(_ kind: String, file path: String, text: String, unsafeHTML: Bool, _ rendered: RenderedMarkdown) {
        renders(kind).byFile.store(path, FileFingerprint(text: text, unsafeHTML: unsafeHTML), rendered)
    }

    /// The render of `key` if the last rebuild (or this one) made it.
    func cached(_ kind: String, _ key: Key) -> RenderedMarkdown? {
        renders(kind).byKey.value(key, true)
    }

    /// The render of `key`, from the last rebuild or made now.
    func render(_ kind: String, _ key: Key, make: () -> RenderedMarkdown) -> RenderedMarkdown {
        renders(kind).byKey.value(key, true, make: make)
    }
}
