import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the site beside the output folder and swaps it in only when complete, so a failed
/// or killed build leaves the previous output exactly as it was. Here: the folder operations
/// (removal, leftovers, the swap); `OutputStaging.swift`: the staging folder and the spare;
/// `OutputFiles.swift`: files written piece by piece.
enum OutputWriter {
    /// Removes a folder tree without following symbolic links: plain POSIX calls, a few times
    /// faster than `FileManager.removeItem` on a large site. True when nothing is left at `path`.
    @discardableResult
    static func removeTree(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT }
        guard info.st_mode & S_IFMT == S_IFDIR else { return unlink(path) == 0 }
        for entry in FolderListing.entries(of: path, hidden: true) ?? [] { removeTree(path + "/" + entry.name) }
        return rmdir(path) == 0
    }

    /// `PID-N`: the process, and which of its builds (`serve` and tests build more than once).
    static func uniqueSuffix() -> String {
        "\(getpid())-\(builds.withLock { $0 += 1; return $0 })"
    }

    private static let builds = Locked(0)

    /// Staging folders of builds that were killed. A build still running (another build of the
    /// same output) holds the lock beside its staging folder and keeps it; without a lock file
    /// (an `.old-` folder, or a build of an earlier version), one whose process is gone.
    static func removeLeftovers(in parent: URL, name: String) {
        let prefixes = [".\(name).staging-", ".\(name).old-"]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            guard let prefix = prefixes.first(where: entry.hasPrefix) else { continue }
            var path = parent.appendingPathComponent(entry).path
            if entry.hasSuffix(".lock") {
                // Its folder is handled with it; a lock file left alone is looked at here.
                path.removeLast(".lock".count)
                guard access(path, F_OK) != 0 else { continue }
            }
            let lock = open(path + ".lock", O_RDWR | O_CLOEXEC)
            if lock >= 0 {
                defer { close(lock) }
                guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { continue }  // its build is running
                removeTree(path)
                unlink(path + ".lock")
                continue
            }
            let suffix = entry.dropFirst(prefix.count)
            if let pid = Int32(suffix.prefix { $0 != "-" }), pid > 0, kill(pid, 0) == 0 || errno == EPERM { continue }
            removeTree(path)
        }
    }

    /// Puts the staging folder in the output's place; returns where the replaced output now is
    /// (for the caller to keep as the spare or remove), nil when there was none.
    static func swap(_ staging: URL, into output: URL) throws -> String? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else {
            try fileManager.moveItem(at: staging, to: output)
            return nil
        }
        guard isDirectory.boolValue else {
            throw Failure(Phrase("\(output.path) 已存在，但不是文件夹", en: "\(output.path) exists and is not a folder"))
        }
        if exchange(staging.path, output.path) { return staging.path }
        // No atomic exchange on this system: two renames, the old output kept until the new one is in place.
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(uniqueSuffix())")
        try fileManager.moveItem(at: output, to: old)
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            try? fileManager.moveItem(at: old, to: output)
            throw error
        }
        return old.path
    }

    /// Linux `renameat2(RENAME_EXCHANGE)`: both folders swap places in one step. Looked up at
    /// run time because the Glibc module does not export it.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: Renameat2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}
