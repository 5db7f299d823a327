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
    final class Staging: Sendable {
        let output: URL
        let path: String
        private let lock = NSLock()
        // Guarded by `lock`: folders made so far.
        nonisolated(unsafe) private var folders: Set<String> = []
        private let failures = FailureList()
        /// Held (`flock`) while this build runs: another build's `removeLeftovers` can then tell
        /// a live staging folder from a killed build's, whatever became of its process id.
        private let liveness: Int32

        init(for output: URL) throws {
            self.output = output
            let parent = output.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            removeLeftovers(in: parent, name: output.lastPathComponent)
            path = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(OutputWriter.uniqueSuffix())").path
            liveness = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            if liveness >= 0 { _ = flock(liveness, LOCK_EX | LOCK_NB) }
            removeTree(path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
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
                if lock.withLock({ folders.insert(folder).inserted }) {
                    try makeFolder(folder)
                }
                switch file.contents {
                case .text(var text):
                    // Straight from the string's own UTF-8.
                    try text.withUTF8 { try writeFile(target, [UnsafeRawBufferPointer($0)]) }
                case .streamed(let root, let make):
                    let file = try OpenFile(target)
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
                case .copy(let source): try Array(try Data(contentsOf: source)).withUnsafeBytes { try writeFile(target, [$0]) }
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
                try swap(URL(fileURLWithPath: path, isDirectory: true), into: output)
            } catch {
                abandon()
                throw error
            }
        }

        func abandon() { removeTree(path) }
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

        init(_ path: String) throws {
            self.path = path
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        }

        deinit { close(fd) }

        /// Writes `bytes` and removes what it wrote from them. With a `root`, site-root links are
        /// made relative on the way out (pieced together by `writev`, not copied), and unless
        /// this is the `final` piece, a tail that may hold the start of a link is kept for the
        /// next call.
        func write(_ bytes: inout [UInt8], root: String?, final: Bool) throws {
            guard let root else {
                try bytes.withUnsafeBytes { try writeAll(fd, path, [$0]) }
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
                    try writeAll(fd, path, pieces)
                    return end
                }
            }
            bytes.removeFirst(written)
        }
    }

    /// Writes the pieces one after another, with as few `writev` calls as the system allows.
    static func writeFile(_ path: String, _ pieces: [UnsafeRawBufferPointer]) throws {
        let file = try OpenFile(path)
        try withExtendedLifetime(file) { try writeAll(file.fd, path, pieces) }
    }

    static func writeAll(_ fd: Int32, _ path: String, _ pieces: [UnsafeRawBufferPointer]) throws {
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

    static func swap(_ staging: URL, into output: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else {
            try fileManager.moveItem(at: staging, to: output)
            return
        }
        guard isDirectory.boolValue else {
            throw Failure(description: "\(output.path) exists and is not a folder")
        }
        if exchange(staging.path, output.path) {
            removeTree(staging.path)
            return
        }
        // No atomic exchange on this system: two renames, the old output kept until the new one is in place.
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(uniqueSuffix())")
        try fileManager.moveItem(at: output, to: old)
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            try? fileManager.moveItem(at: old, to: output)
            throw error
        }
        removeTree(old.path)
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
