import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the site beside the output folder and swaps it in only when complete, so a failed
/// or killed build leaves the previous output exactly as it was.
enum OutputWriter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A staging folder beside the output: files are written into it as they are rendered
    /// (from any task), then it is swapped in whole, or removed.
    ///
    /// The output a build replaces is kept beside it as the spare (`.NAME.spare`), and the next
    /// build writes into that folder instead of an empty one: its files are overwritten in
    /// place and whatever this build did not write is removed before the swap. Creating and
    /// deleting thousands of files and folders per build was most of a rebuild's system time,
    /// and grew with every rebuild on ext4, which searches past recently deleted inodes.
    final class Staging: Sendable {
        let output: URL
        let path: String
        /// Whether `path` is the previous output's spare, written over rather than filled anew.
        let reused: Bool
        private let keepSpare: Bool
        private let lock = NSLock()
        // Guarded by `lock`: folders made (or, when reused, checked) so far, and when reused the
        // files written, so that the others are removed. As bytes: `String` equality is
        // canonical equivalence, and a file named in NFD is not the one named in NFC.
        nonisolated(unsafe) private var folders: Set<[UInt8]> = []
        nonisolated(unsafe) private var files: Set<[UInt8]> = []
        private let failures = FailureList()
        /// Held (`flock`) while this build runs: another build's `removeLeftovers` can then tell
        /// a live staging folder from a killed build's, whatever became of its process id.
        private let liveness: Int32
        /// What a build into an empty folder gives folders and files: reused ones are set to it.
        private let folderMode: mode_t, fileMode: mode_t

        /// With `useSpare: false` the spare is not claimed (a retry after writing over it failed).
        init(for output: URL, keepSpare: Bool = true, useSpare: Bool = true) throws {
            self.output = output
            self.keepSpare = keepSpare
            let parent = output.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            removeLeftovers(in: parent, name: output.lastPathComponent)
            path = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(OutputWriter.uniqueSuffix())").path
            liveness = Self.lockedFile(path + ".lock")
            removeTree(path)
            let mask = Self.umask()
            folderMode = 0o755 & ~mask
            fileMode = 0o644 & ~mask
            // Only a folder a build wrote (it has the marker) is written over; `rename` is
            // atomic, so of two builds starting together only one gets the spare.
            let spare = OutputWriter.sparePath(of: output)
            if keepSpare, useSpare, OutputWriter.isOutput(spare), rename(spare, path) == 0 {
                reused = true
                folders.insert(Array(path.utf8))
            } else {
                if !keepSpare, OutputWriter.isOutput(spare) { removeTree(spare) }
                reused = false
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                folders.insert(Array(path.utf8))
            }
        }

        deinit {
            guard liveness >= 0 else { return }
            unlink(path + ".lock")
            close(liveness)
        }

        /// A lock file that is locked before it appears under its name, so that no other build
        /// can take it for a killed build's in between.
        private static func lockedFile(_ name: String) -> Int32 {
            let draft = name + "-new"
            let fd = open(draft, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return -1 }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0, rename(draft, name) == 0 else {
                unlink(draft)
                close(fd)
                return -1
            }
            return fd
        }

        /// The process's umask, read without changing it (`umask(2)` can only set it, and
        /// setting it even for a moment would change what other threads create).
        private static func umask() -> mode_t {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") }
            return line.flatMap { mode_t($0.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) } ?? 0o022
        }

        func write(_ file: OutputFile) {
            let target = path + "/" + file.path
            let folder = String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)])
            let mode = reused ? fileMode : nil
            do {
                if reused { lock.withLock { _ = files.insert(Array(target.utf8)) } }
                try makeFolders(folder)
                switch file.contents {
                case .text(var text):
                    // Straight from the string's own UTF-8.
                    try text.withUTF8 { try writeFile(target, [UnsafeRawBufferPointer($0)], over: mode) }
                case .streamed(let root, let make):
                    let file = try OpenFile(target, over: mode)
                    var failure: (any Error)?
                    let rest = make { piece in
                        do {
                            if failure == nil { try file.write(&piece, root: root, final: false) }
                        } catch {
                            failure = error
                        }
                        if failure != nil { piece.removeAll(keepingCapacity: true) }
                    }
                    if let failure { throw failure }
                    var last = rest
                    try file.write(&last, root: root, final: true)
                    try file.finish()
                case .copy(let source):
                    try Array(try Data(contentsOf: source)).withUnsafeBytes { try writeFile(target, [$0], over: mode) }
                }
            } catch {
                failures.append("\(file.path): \(error)")
            }
        }

        /// Ends writing: when writing over the spare, removes what this build did not write.
        /// False when something could not be written or removed; a build over the spare then
        /// starts again in an empty folder (`abandon` this one).
        func finishWriting() -> Bool {
            if reused { prune(path) }
            return failures.first == nil
        }

        /// Swaps the staging folder in for the output; throws the first write failure instead.
        func commit() throws {
            if let first = failures.first {
                abandon()
                throw Failure(description: first)
            }
            do {
                if let old = try swap(URL(fileURLWithPath: path, isDirectory: true), into: output) { retire(old) }
            } catch {
                abandon()
                throw error
            }
        }

        /// A failed build's folder is removed, never kept as the spare: whatever made it fail
        /// (a full disk, a file that cannot be replaced) would make the next build fail too.
        func abandon() { removeTree(path) }

        /// Keeps a replaced output as the spare when allowed and there is none; removes it otherwise.
        private func retire(_ folder: String) {
            let spare = OutputWriter.sparePath(of: output)
            if keepSpare, OutputWriter.isOutput(folder), access(spare, F_OK) != 0, rename(folder, spare) == 0 { return }
            removeTree(folder)
        }

        /// `mkdir -p`, under the lock from the staging folder down, each folder once per build.
        /// Writing over the spare, a folder already there is checked with `lstat` (not followed)
        /// and replaced unless it is a real folder of this user, so a link left in the spare
        /// cannot lead a write outside it; its mode is set to what a new folder would get.
        private func makeFolders(_ folder: String) throws {
            try lock.withLock {
                var missing: [String] = []
                var current = folder
                while current.utf8.count > path.utf8.count, !folders.contains(Array(current.utf8)) {
                    missing.append(current)
                    guard let slash = current.lastIndex(of: "/") else { break }
                    current = String(current[..<slash])
                }
                for each in missing.reversed() {
                    try makeFolder(each)
                    folders.insert(Array(each.utf8))
                }
            }
        }

        private func makeFolder(_ folder: String) throws {
            if mkdir(folder, 0o755) == 0 { return }
            guard errno == EEXIST else {
                throw Failure(description: "cannot create \(folder): \(String(cString: strerror(errno)))")
            }
            guard reused else { return }
            var info = stat()
            if lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() {
                if info.st_mode & 0o7777 != folderMode { chmod(folder, folderMode) }
                return
            }
            guard removeTree(folder), mkdir(folder, 0o755) == 0 else {
                throw Failure(description: "cannot replace \(folder): \(String(cString: strerror(errno)))")
            }
        }

        /// Removes what the previous output had and this build did not write.
        private func prune(_ folder: String) {
            for entry in FolderListing.entries(of: folder, hidden: true) ?? [] {
                let child = folder + "/" + entry.name
                let bytes = Array(child.utf8)
                if entry.kind == .folder, folders.contains(bytes) {
                    prune(child)
                } else if entry.kind == .folder || !files.contains(bytes) {
                    if !removeTree(child) { failures.append("cannot remove \(child) from the previous output") }
                }
            }
        }
    }

    /// Where the output a build replaced is kept for the next build: `.NAME.spare` beside it.
    static func sparePath(of output: URL) -> String {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).spare").path
    }

    /// A folder a build wrote: it holds the marker file (see `OutputSafety`).
    static func isOutput(_ folder: String) -> Bool {
        var info = stat()
        return lstat(folder, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            && lstat(folder + "/" + OutputSafety.marker, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// A file being written piece by piece, closed when dropped.
    final class OpenFile {
        let path: String
        let fd: Int32
        /// An existing file written over from its start: `finish` cuts what is left beyond the
        /// new end (cheaper than truncating first, which frees blocks only to take them again).
        private let overwriting: Bool
        private var length = 0

        /// With `over` (the mode a new file gets), a regular file of this user already at `path`
        /// is written over in place and given that mode, unless it has other names (a hard link
        /// made by someone copying the site with `cp -l` must keep its contents); anything else
        /// there (a link, a folder, a FIFO) is removed first and never followed or opened.
        init(_ path: String, over mode: mode_t? = nil) throws {
            self.path = path
            var existing: Int32 = -1
            if let mode {
                var info = stat()
                if lstat(path, &info) == 0 {
                    if info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, info.st_uid == geteuid() {
                        existing = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                        var opened = stat()
                        // Still the file looked at: it was not swapped for something else meanwhile.
                        if existing >= 0, fstat(existing, &opened) != 0 || opened.st_ino != info.st_ino
                            || opened.st_dev != info.st_dev || opened.st_mode & S_IFMT != S_IFREG || opened.st_nlink != 1 {
                            close(existing)
                            existing = -1
                        }
                        if existing >= 0, info.st_mode & 0o7777 != mode { fchmod(existing, mode) }
                    }
                    if existing < 0, !removeTree(path) {
                        throw Failure(description: "cannot replace \(path): \(String(cString: strerror(errno)))")
                    }
                }
            }
            overwriting = existing >= 0
            // Over the spare a new file must be new: O_EXCL | O_NOFOLLOW never write through a link.
            let flags = mode == nil ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC : O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
            fd = existing >= 0 ? existing : open(path, flags, 0o644)
            guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        }

        func write(_ pieces: [UnsafeRawBufferPointer]) throws {
            length += try writeAll(fd, path, pieces)
        }

        /// Ends a file written over another: its old bytes beyond the new end are cut off.
        func finish() throws {
            guard overwriting else { return }
            guard ftruncate(fd, off_t(length)) == 0 else {
                throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        }

        deinit { close(fd) }

        /// Writes `bytes` and removes what it wrote from them. With a `root`, site-root links are
        /// made relative on the way out (pieced together by `writev`, not copied), and unless
        /// this is the `final` piece, a tail that may hold the start of a link is kept for the
        /// next call.
        func write(_ bytes: inout [UInt8], root: String?, final: Bool) throws {
            guard let root else {
                length += try bytes.withUnsafeBytes { try writeAll(fd, path, [$0]) }
                bytes.removeAll(keepingCapacity: true)
                return
            }
            let replacement = Array(("\"" + root).utf8)
            let written = try bytes.withUnsafeBytes { page in
                try replacement.withUnsafeBytes { replacement in
                    var links = RootLink.links(in: page)
                    var end = page.count
                    if !final {
                        // A link cut off at the end is not found yet: keep back what could be one.
                        end = max(0, page.count - (RootLink.marker.count - 1))
                        if let last = links.last, last.upperBound > end {
                            end = last.lowerBound
                            links.removeLast()
                        }
                    }
                    var pieces: [UnsafeRawBufferPointer] = []
                    var copied = 0
                    for link in links {
                        pieces.append(UnsafeRawBufferPointer(rebasing: page[copied..<link.lowerBound]))
                        pieces.append(replacement)
                        copied = link.upperBound
                    }
                    pieces.append(UnsafeRawBufferPointer(rebasing: page[copied..<end]))
                    length += try writeAll(fd, path, pieces)
                    return end
                }
            }
            bytes.removeFirst(written)
        }
    }

    static func writeFile(_ path: String, _ pieces: [UnsafeRawBufferPointer], over mode: mode_t? = nil) throws {
        let file = try OpenFile(path, over: mode)
        try file.write(pieces)
        try file.finish()
    }

    /// Writes the pieces one after another, with as few `writev` calls as the system allows;
    /// returns how many bytes that was (all of them).
    @discardableResult
    static func writeAll(_ fd: Int32, _ path: String, _ pieces: [UnsafeRawBufferPointer]) throws -> Int {
        var vectors = pieces.filter { $0.count > 0 }.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        var first = 0
        while first < vectors.count {
            let count = min(vectors.count - first, 1024)  // IOV_MAX on Linux
            let written = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress! + first, Int32(count)) }
            guard written > 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            // Skip what was written; a short write leaves the rest of one vector.
            var left = written
            while left > 0, first < vectors.count {
                if left >= vectors[first].iov_len {
                    left -= vectors[first].iov_len
                    first += 1
                } else {
                    vectors[first].iov_base += left
                    vectors[first].iov_len -= left
                    left = 0
                }
            }
        }
        return pieces.reduce(0) { $0 + $1.count }
    }

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
        "\(getpid())-\(builds.next())"
    }

    private static let builds = Counter()

    private final class Counter: Sendable {
        private let lock = NSLock()
        // Guarded by `lock`.
        nonisolated(unsafe) private var count = 0
        func next() -> Int { lock.withLock { count += 1; return count } }
    }

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
            throw Failure(description: "\(output.path) exists and is not a folder")
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

/// Error messages collected from concurrent writers.
private final class FailureList: Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private var messages: [String] = []

    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}
