import Foundation

/// Parsed documents kept between rebuilds of `serve`, keyed by path and checked against the
/// file's modification time and size, so an edit re-reads only the file that changed.
public final class DocumentCache: Sendable {
    private struct Entry: Sendable {
        var modified: Date
        var size: Int
        var document: RawDocument?
        var diagnostics: [Diagnostic]
    }

    // Guarded by the lock; entries are values, so nothing escapes it.
    private let lock = NSLock()
    nonisolated(unsafe) private var entries: [String: Entry] = [:]

    public init() {}

    func lookup(_ entry: ContentScanner.Entry) -> (RawDocument?, [Diagnostic])? {
        guard let stamp = Self.stamp(entry.url) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let hit = entries[entry.path], hit.modified == stamp.0, hit.size == stamp.1 else { return nil }
        return (hit.document, hit.diagnostics)
    }

    func store(_ entry: ContentScanner.Entry, _ document: RawDocument?, _ diagnostics: [Diagnostic]) {
        guard let stamp = Self.stamp(entry.url) else { return }
        lock.lock()
        defer { lock.unlock() }
        entries[entry.path] = Entry(modified: stamp.0, size: stamp.1, document: document, diagnostics: diagnostics)
    }

    private static func stamp(_ url: URL) -> (Date, Int)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let modified = attributes[.modificationDate] as? Date,
              let size = attributes[.size] as? Int else { return nil }
        return (modified, size)
    }
}
