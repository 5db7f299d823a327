import Foundation

/// A value made the first time it is asked for, then kept. `serve` plans the whole site after
/// every edit but renders only the pages a browser opens: indexes that only some pages need
/// (duties by department, links to every process) are then made only if one of those is opened.
final class Lazy<Value: Sendable>: Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private var made: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value if it was already made, without making it.
    var ifMade: Value? { lock.withLock { made } }

    /// Made under the lock: a second caller waits for the first one's value instead of making another.
    var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
