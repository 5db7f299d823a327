import Foundation

/// Rendered fragments shared between pages: a checklist row (a step with the same RACI letters)
/// appears on every role's checklist and in the booklet, and is rendered once.
///
/// Split into shards, each with its own lock: with one lock and one dictionary, a core that
/// found the lock taken (often while the other grew the dictionary, a copy of every entry)
/// went to sleep in the kernel and had to be woken.
final class FragmentCache: Sendable {
    private static let shardCount = 64
    private let shards: [Shard] = (0..<FragmentCache.shardCount).map { _ in Shard() }

    private final class Shard: Sendable {
        let lock = NSLock()
        // Guarded by `lock`; values are immutable strings.
        nonisolated(unsafe) var values: [Key: String] = [:]
    }

    struct Key: Hashable {
        var process: Int
        var step: Int
        var letters: Int
    }

    /// The cached fragment, or `make()`'s, stored. Two tasks may both make one; either result is the same.
    func value(for key: Key, make: () -> String) -> String {
        let shard = shards[(key.process &* 31 &+ key.step) & (Self.shardCount - 1)]
        if let hit = shard.lock.withLock({ shard.values[key] }) { return hit }
        let made = make()
        shard.lock.withLock { shard.values[key] = made }
        return made
    }
}
