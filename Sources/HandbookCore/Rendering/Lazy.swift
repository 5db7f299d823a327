import Foundation

/// A value made the first time it is asked for, then kept. `serve` plans the whole site after
/// every edit but renders only the pages a browser opens: indexes that only some pages need
/// (duties by department, links to every process) are then made only if one of those is opened.
final class Lazy<Value: Sendable>: Sendable {
    private let made = Locked<Value?>(nil)
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value if it was already made, without making it.
    var ifMade: Value? { made.withLock { $0 } }

    /// Made under the lock: a second caller waits for the first one's value instead of making another.
    var value: Value {
        made.withLock {
            if let made = $0 { return made }
            let value = make()
            $0 = value
            return value
        }
    }
}
