import Foundation

/// What `serve` keeps from one rebuild for the next: values by key, each with the fingerprint
/// of what it was made from (a file's stamp, its text, a body's HTML). A lookup with another
/// fingerprint misses, so a changed file is never answered from memory. All of serve's caching
/// between rebuilds goes through this type (`DocumentCache`, `MarkdownMemo`, `ResolutionMemo`).
///
/// With `generations`, a rebuild keeps for the next only what it used (looked up or stored):
/// `nextRebuild()` drops what the last one did not.
final class Memo<Key: Hashable & Sendable, Fingerprint: Equatable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var fingerprint: Fingerprint
        var value: Value
    }

    private struct Tables: Sendable {
        var previous: [Key: Entry] = [:]
        var current: [Key: Entry] = [:]
    }

    private let tables = Locked(Tables())
    private let generations: Bool

    init(generations: Bool = false) {
        self.generations = generations
    }

    /// The value kept for `key` if it was made from the same `fingerprint`.
    func value(_ key: Key, _ fingerprint: Fingerprint) -> Value? {
        tables.withLock { tables in
            if let hit = tables.current[key], hit.fingerprint == fingerprint { return hit.value }
            guard generations, let hit = tables.previous[key], hit.fingerprint == fingerprint else { return nil }
            tables.current[key] = hit
            return hit.value
        }
    }

    func store(_ key: Key, _ fingerprint: Fingerprint, _ value: Value) {
        tables.withLock { $0.current[key] = Entry(fingerprint: fingerprint, value: value) }
    }

    /// The value for `key`, kept or made now (by `make`, outside the lock) and kept.
    func value(_ key: Key, _ fingerprint: Fingerprint, make: () -> Value) -> Value {
        if let hit = value(key, fingerprint) { return hit }
        let made = make()
        store(key, fingerprint, made)
        return made
    }

    /// Starts a rebuild that keeps what the last one used (`generations` only).
    func nextRebuild() {
        tables.withLock { $0 = Tables(previous: $0.current) }
    }

    /// Forgets everything: what the values were made against changed.
    func removeAll() {
        tables.withLock { $0 = Tables() }
    }

    /// Drops the values of keys no longer in use (files gone from the handbook).
    func keep(only keys: Set<Key>) {
        tables.withLock { tables in
            // Usually no file went away: filtering made the table anew on every rebuild.
            if tables.current.keys.contains(where: { !keys.contains($0) }) {
                tables.current = tables.current.filter { keys.contains($0.key) }
            }
        }
    }
}
