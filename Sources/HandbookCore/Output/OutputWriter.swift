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
        // Guarded by `lock`: folders made (or, when reused, checked) so far.
        nonisolated(unsafe) private var folders: Set<String> = []
        // Guarded by `lock`: when reused, the files written, so that the others are removed.
        nonisolated(unsafe) private var files: Set<String> = []
        private let failures = FailureList()
        /// Held (`flock`) while this build runs: another build's `removeLeftovers` can then tell
        /// a live staging folder from a killed build's, whatever became of its process id.
        private let liveness: Int32

        init(for output: URL, keepSpare: Bool = true) throws {
            self.output = output
            self.keepSpare = keepSpare
            let parent = output.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            let spare = OutputWriter.sparePath(of: output)
            removeLeftovers(in: parent, name: output.lastPathComponent, spare: keepSpare ? spare : nil)
            path = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(OutputWriter.uniqueSuffix())").path
            liveness = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            if liveness >= 0 { _ = flock(liveness, LOCK_EX | LOCK_NB) }
            removeTree(path)
            // Only a folder a build wrote (it has the marker) is written over; `rename` is
            // atomic, so of two builds starting together only one gets the spare.
            if keepSpare, OutputWriter.isOutput(spare), rename(spare, path) == 0 {
                reused = true
                folders.insert(path)
            } else {
                if !keepSpare, OutputWriter.isOutput(spare) { removeTree(spare) }
                reused = false
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        }

        deinit {
            guard liveness >= 0 else { return }
            unlink(path + ".lock")
            close(liveness)
        }

        func write(_ file: OutputFile) {
            let target = path + "/" + file.path
            let folder = String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)])
            do {
                if reused {
                    lock.withLock { _ = files.insert(target) }
                    try makeCheckedFolder(folder)
                } else if lock.withLock({ folders.insert(folder).inserted }) {
                    try makeFolder(folder)
                }
                switch file.contents {
                case .text(var text):
                    // Straight from the string's own UTF-8.
                    try text.withUTF8 { try writeFile(target, [UnsafeRawBufferPointer($0)], over: reused) }
                case .streamed(let root, let make):
                    let file = try OpenFile(target, over: reused)
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
                    try Array(try Data(contentsOf: source)).withUnsafeBytes { try writeFile(target, [$0], over: reused) }
                }
            } catch {
                failures.append("\(file.path): \(error)")
            }
        }

        /// Swaps the staging folder in for the output; throws the first write failure instead.
        func commit() throws {
            if let first = failures.first {
                abandon()
                throw Failure(description: first)
            }
            do {
                if reused { prune(path) }
                if let old = try swap(URL(fileURLWithPath: path, isDirectory: true), into: output) { retire(old) }
            } catch {
                abandon()
                throw error
            }
        }

        /// A failed build's folder becomes the spare too: every file will be written again.
        func abandon() { retire(path) }

        /// Keeps a replaced output (or a staging folder no longer needed) as the spare when
        /// allowed and there is none; removes it otherwise.
        private func retire(_ folder: String) {
            let spare = OutputWriter.sparePath(of: output)
            if keepSpare, OutputWriter.isOutput(folder), access(spare, F_OK) != 0, rename(folder, spare) == 0 { return }
            removeTree(folder)
        }

        /// `mkdir -p` inside a reused folder: each folder on the way is made or, when something
        /// is already there, checked with `lstat` (not followed) and replaced unless it is a
        /// real folder, so a link left in the spare cannot lead a write outside it.
        private func makeCheckedFolder(_ folder: String) throws {
            guard lock.withLock({ !folders.contains(folder) }) else { return }
            if let slash = folder.lastIndex(of: "/"), folder.count > path.count {
                try makeCheckedFolder(String(folder[..<slash]))
            }
            if mkdir(folder, 0o755) != 0 {
                guard errno == EEXIST else {
                    throw Failure(description: "cannot create \(folder): \(String(cString: strerror(errno)))")
                }
                var info = stat()
                if lstat(folder, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
                    removeTree(folder)
                    guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                        throw Failure(description: "cannot create \(folder): \(String(cString: strerror(errno)))")
                    }
                }
            }
            lock.withLock { _ = folders.insert(folder) }
        }

        /// Removes what the previous output had and this build did not write.
        private func prune(_ folder: String) {
            for entry in FolderListing.entries(of: folder, hidden: true) ?? [] {
                let child = folder + "/" + entry.name
                if entry.kind == .folder, folders.contains(child) {
                    prune(child)
                } else if entry.kind == .folder || !files.contains(child) {
                    removeTree(child)
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

    /// `mkdir -p` in plain POSIX calls: one `mkdir` when the parent exists (the usual case),
    /// where FileManager checks every component of the path first.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else {
            throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        try makeFolder(String(path[..<slash]))
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A file being written piece by piece, closed when dropped.
    final class OpenFile {
        let path: String
        let fd: Int32
        /// An existing file written over from its start: `finish` cuts what is left beyond the
        /// new end (cheaper than truncating first, which frees blocks only to take them again).
        private let overwriting: Bool
        private var length = 0

        /// With `over`, a regular file already at `path` is written over in place, unless it has
        /// other names (a hard link made by someone copying the site with `cp -l` must keep its
        /// contents); anything else there (a link, a folder) is removed first.
        init(_ path: String, over: Bool = false) throws {
            self.path = path
            var existing: Int32 = -1
            if over {
                existing = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
                var info = stat()
                if existing >= 0, fstat(existing, &info) != 0 || info.st_mode & S_IFMT != S_IFREG || info.st_nlink != 1 {
                    close(existing)
                    existing = -1
                }
                if existing < 0 { removeTree(path) }
            }
            overwriting = existing >= 0
            fd = existing >= 0 ? existing : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
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

    static func writeFile(_ path: String, _ pieces: [UnsafeRawBufferPointer], over: Bool = false) throws {
        let file = try OpenFile(path, over: over)
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
    /// faster than `FileManager.removeItem` on a large site.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        for entry in FolderListing.entries(of: path, hidden: true) ?? [] { removeTree(path + "/" + entry.name) }
        rmdir(path)
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
    /// With a `spare` path and no spare there yet, a killed build's folder that a build wrote
    /// becomes the spare instead of being removed.
    static func removeLeftovers(in parent: URL, name: String, spare: String? = nil) {
        func discard(_ path: String) {
            if let spare, isOutput(path), access(spare, F_OK) != 0, rename(path, spare) == 0 { return }
            removeTree(path)
        }
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
                discard(path)
                unlink(path + ".lock")
                continue
            }
            let suffix = entry.dropFirst(prefix.count)
            if let pid = Int32(suffix.prefix { $0 != "-" }), pid > 0, kill(pid, 0) == 0 || errno == EPERM { continue }
            discard(path)
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
