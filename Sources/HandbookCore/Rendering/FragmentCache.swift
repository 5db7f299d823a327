import Foundation

/// Rendered fragments shared between pages: a checklist row (a step with the same RACI letters)
/// appears on every role's checklist and in the booklet, and is rendered once.
final class FragmentCache: Sendable {
    private let lock = NSLock()
    // Guarded by `lock`; values are immutable strings.
    nonisolated(unsafe) private var values: [Key: String] = [:]

    struct Key: Hashable {
        var process: Int
        var step: Int
        var letters: Int
    }

    /// The cached fragment, or `make()`'s, stored. Two tasks may both make one; either result is the same.
    func value(for key: Key, make: () -> String) -> String {
        if let hit = lock.withLock({ values[key] }) { return hit }
        let made = make()
        lock.withLock { values[key] = made }
        return made
    }
}
