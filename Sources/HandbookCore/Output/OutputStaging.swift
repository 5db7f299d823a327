import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension OutputWriter {
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
        /// Folders made (or, when reused, checked) so far, and when reused the files written,
        /// so that the others are removed. As bytes: `String` equality is canonical
        /// equivalence, and a file named in NFD is not the one named in NFC.
        private let written = Locked<(folders: Set<[UInt8]>, files: Set<[UInt8]>)>(([], []))
        /// Error messages from concurrent writers.
        private let failures = Locked<[Phrase]>([])
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
            } else {
                if !keepSpare, OutputWriter.isOutput(spare) { removeTree(spare) }
                reused = false
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
            written.withLock { _ = $0.folders.insert(Array(path.utf8)) }
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
                if reused { written.withLock { _ = $0.files.insert(Array(target.utf8)) } }
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
                let reason = (error as? Failure)?.phrase ?? Pipeline.IOFailure.systemReason(error)
                failures.withLock { $0.append(Phrase("\(file.path)：\(reason.zh)", en: "\(file.path): \(reason.en)")) }
            }
        }

        /// Ends writing: when writing over the spare, removes what this build did not write.
        /// False when something could not be written or removed; a build over the spare then
        /// starts again in an empty folder (`abandon` this one).
        func finishWriting() -> Bool {
            if reused {
                // Every writer is done: the sets are read once, under their lock.
                let (folders, files) = written.withLock { $0 }
                prune(path, folders: folders, files: files)
            }
            return failures.withLock { $0.isEmpty }
        }

        /// Swaps the staging folder in for the output; throws the first write failure instead.
        func commit() throws {
            if let first = failures.withLock({ $0.first }) {
                abandon()
                throw Failure(first)
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
            try written.withLock { written in
                var missing: [String] = []
                var current = folder
                while current.utf8.count > path.utf8.count, !written.folders.contains(Array(current.utf8)) {
                    missing.append(current)
                    guard let slash = current.lastIndex(of: "/") else { break }
                    current = String(current[..<slash])
                }
                for each in missing.reversed() {
                    try makeFolder(each)
                    written.folders.insert(Array(each.utf8))
                }
            }
        }

        private func makeFolder(_ folder: String) throws {
            if mkdir(folder, 0o755) == 0 { return }
            guard errno == EEXIST else {
                throw Failure.system("创建", "create", folder)
            }
            guard reused else { return }
            var info = stat()
            if lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() {
                if info.st_mode & 0o7777 != folderMode { chmod(folder, folderMode) }
                return
            }
            guard removeTree(folder), mkdir(folder, 0o755) == 0 else {
                throw Failure.system("替换", "replace", folder)
            }
        }

        /// Removes what the previous output had and this build did not write.
        private func prune(_ folder: String, folders: Set<[UInt8]>, files: Set<[UInt8]>) {
            for entry in FolderListing.entries(of: folder, hidden: true) ?? [] {
                let child = folder + "/" + entry.name
                let bytes = Array(child.utf8)
                if entry.kind == .folder, folders.contains(bytes) {
                    prune(child, folders: folders, files: files)
                } else if entry.kind == .folder || !files.contains(bytes) {
                    if !removeTree(child) { failures.withLock { $0.append(Phrase("无法从上一次的输出中删除 \(child)", en: "cannot remove \(child) from the previous output")) } }
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
}
