import Foundation

/// The one lock type for state shared between tasks: the value can only be reached inside
/// `withLock`, so no read or write can forget the lock. (Synchronization's `Mutex` needs
/// macOS 15; the package supports 14.)
public final class Locked<Value>: @unchecked Sendable {
    // Safe: `value` is private and touched only in `withLock`, under `lock`.
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value, holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
