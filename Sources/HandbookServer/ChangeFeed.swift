import Foundation
import HandbookCore
#if canImport(Glibc)
import Glibc
#endif

/// Tells `serve` the moment a file under the watched folders is saved, through Linux inotify,
/// instead of waiting for the next poll (polling thousands of files every 100 ms both cost a
/// tenth of a core and made an edit wait 50 ms on average before anything happened).
///
/// Watches every folder under `folders` (new ones as they appear) and, in `root` and the folders
/// between it and a watched folder (`docs` for `docs/content`), only the names that lead to them
/// (and `rootNames` in `root`): a watched folder deleted and made again is then watched again.
/// Hidden names and editor backups (`.x.swp`, `x~`) are ignored, as the content listing ignores
/// them. A new regular file is reported when it is closed after writing, not when it is created
/// empty. Returns nil where inotify is unavailable; `serve` then polls.
final class ChangeFeed: @unchecked Sendable {
    // Only the feed's own thread touches these after `init`.
    private let fd: Int32
    private var folders: [Int32: String] = [:]
    private let root: String
    /// Folders above the watched ones, each with the only names in it that matter.
    private let filters: [String: Set<String>]
    private let watched: [String]
    /// Set from other threads: `cancel()`, and a folder that could not be watched.
    private let flags = Locked((stopped: false, incomplete: false))

    init?(folders watched: [String], root: String, rootNames: Set<String>) {
        #if canImport(Glibc)
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.root = root
        self.watched = watched
        var filters = [root: rootNames]
        for folder in watched where folder.hasPrefix(root + "/") {
            var above = root
            for name in folder.dropFirst(root.count + 1).split(separator: "/").map(String.init) {
                filters[above, default: []].insert(name)
                above += "/" + name
            }
        }
        self.filters = filters
        guard inotify_add_watch(fd, root, Self.mask) >= 0 else {
            close(fd)
            return nil
        }
        add(root, recursive: true)
        for folder in watched where !folder.hasPrefix(root + "/") { add(folder, recursive: true) }
        #else
        return nil
        #endif
    }

    deinit { close(fd) }

    /// One element per burst of changes, until `cancel()`; changes made while the reader is busy
    /// (a rebuild) make one element, not one each.
    func changes() -> AsyncStream<Void> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let thread = Thread { [self] in
                while !isStopped {
                    if waitForEvents(timeout: 200), readEvents() {
                        // A save is often several events (write, rename, attributes): let the burst
                        // end, but not wait forever on a folder that is written to all the time.
                        let start = ContinuousClock.now
                        while start.duration(to: .now) < .milliseconds(100), waitForEvents(timeout: 3) { _ = readEvents() }
                        continuation.yield()
                    }
                }
                continuation.finish()
            }
            thread.name = "handbook serve: file changes"
            thread.start()
            continuation.onTermination = { [self] _ in cancel() }
        }
    }

    func cancel() { flags.withLock { $0.stopped = true } }

    /// True once a folder could not be watched (the system's watch limit, say): `serve` then
    /// polls every file again instead of trusting inotify.
    var isIncomplete: Bool { flags.withLock { $0.incomplete } }

    private var isStopped: Bool { flags.withLock { $0.stopped } }

    #if canImport(Glibc)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Watches `folder`, and with `recursive` every folder below it (below a folder above the
    /// watched ones, only those leading to them). False if `folder` cannot be watched.
    @discardableResult
    private func add(_ folder: String, recursive: Bool) -> Bool {
        let descriptor = inotify_add_watch(fd, folder, Self.mask)
        guard descriptor >= 0 else {
            // A folder that is not there (yet) is fine: its parent's watch reports it.
            if errno != ENOENT, errno != ENOTDIR { flags.withLock { $0.incomplete = true } }
            return false
        }
        folders[descriptor] = folder
        guard recursive else { return true }
        if let names = filters[folder] {
            // Above the watched folders: only the names leading to them, links (a `templates`
            // shared between handbooks) and hidden names (`.site/content`) included.
            for name in names where Self.isFolder(folder + "/" + name) { add(folder + "/" + name, recursive: true) }
            return true
        }
        // Folders only, not links to them: a link loop must not make the watch endless.
        for entry in FolderListing.entries(of: folder) ?? [] where entry.kind == .folder {
            add(folder + "/" + entry.name, recursive: true)
        }
        return true
    }

    /// A folder, or a link to one.
    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Stops watching `folder` and everything below it.
    private func forget(_ folder: String) {
        for (descriptor, path) in folders where path == folder || path.hasPrefix(folder + "/") {
            inotify_rm_watch(fd, descriptor)
            folders[descriptor] = nil
        }
    }

    private func waitForEvents(timeout milliseconds: Int32) -> Bool {
        var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, milliseconds) > 0
    }

    /// Reads what is queued; true if any of it is a change `serve` should rebuild for.
    private func readEvents() -> Bool {
        var relevant = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, size)
            guard count > 0 else { return relevant }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)
                let name = event.len > 0 ? String(cString: nameStart) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if handle(event, name: name) { relevant = true }
            }
        }
    }

    private func handle(_ event: inotify_event, name: String) -> Bool {
        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost, new folders' among them: watch everything again (existing
            // watches are kept as they are).
            add(root, recursive: true)
            for folder in watched where !folder.hasPrefix(root + "/") { add(folder, recursive: true) }
            return true
        }
        if event.mask & UInt32(IN_IGNORED) != 0 {
            folders[event.wd] = nil
            return false
        }
        guard let folder = folders[event.wd] else { return false }
        if event.mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { return true }
        if let names = filters[folder] {
            guard names.contains(name) else { return false }
            let path = folder + "/" + name
            if event.mask & UInt32(IN_MOVED_FROM) != 0 { forget(path) }
            if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, Self.isFolder(path) { add(path, recursive: true) }
            return true
        }
        if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") { return false }
        let path = folder + "/" + name
        let isFolder = event.mask & UInt32(IN_ISDIR) != 0
        // A folder moved away stops being watched (moved within the tree, it is watched again
        // at once, by the "moved to" event that follows).
        if isFolder, event.mask & UInt32(IN_MOVED_FROM) != 0 { forget(path) }
        if isFolder, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { add(path, recursive: true) }
        if event.mask & UInt32(IN_CREATE) != 0, !isFolder {
            // An empty new file: wait for it to be written and closed. (A hard link to an
            // existing file brings no other event, so it counts at once.)
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size == 0, info.st_nlink == 1 { return false }
        }
        return true
    }
    #else
    private func waitForEvents(timeout: Int32) -> Bool { false }
    private func readEvents() -> Bool { false }
    #endif
}
