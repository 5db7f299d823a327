import Foundation

/// How a build gives memory back early: what the command line leaves to the process's exit,
/// what another thread frees while rendering goes on, and the allocator asked to return pages.
extension Pipeline {
    /// What `leaveModelToExit` keeps: retained once more, never released.
    final class LeftToExit: @unchecked Sendable {
        let value: Any
        private init(_ value: Any) { self.value = value }
        static func keep(_ value: Any) { _ = Unmanaged.passRetained(LeftToExit(value)) }
    }

    /// Lets another thread free `value`, the last reference to a large structure (the loaded
    /// documents: about a million objects at 20,000 processes), while this one goes on to
    /// render. Should the task run first, this thread frees it: slower, never wrong.
    static func freeElsewhere(_ value: consuming LoadedHandbook) {
        let box = FreeBox(value)
        Task.detached(priority: .utility) {
            box.value = nil
            MemoryRelease.purge()
        }
    }

    /// Hands the pages the allocator holds freed back to the kernel at once. jemalloc keeps
    /// freed pages for ~10 s before returning them; the loaded documents (two thirds of the
    /// heap at its peak) were still counted while rendering took memory of its own, and the
    /// kernel could not reuse them for the pages being written. Peak RSS at 20,000 processes
    /// 730 → 683 MB, at 2,000 112 → 105 MB. Found by name: no-op without jemalloc (tests).
    enum MemoryRelease {
        private typealias Mallctl = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?, Int) -> Int32
        private static let mallctl: Mallctl? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallctl").map { unsafeBitCast($0, to: Mallctl.self) }
        static func purge() {
            if let mallctl { _ = mallctl("arena.4096.purge", nil, nil, nil, 0) }
        }
    }

    private final class FreeBox: @unchecked Sendable {
        // Only the task touches it once made.
        var value: LoadedHandbook?
        init(_ value: consuming LoadedHandbook) { self.value = value }
    }
}
