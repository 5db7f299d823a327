import Foundation

/// The few git commands the history needs, each run once for the whole handbook (never once per
/// file): where the work tree is, the log of the content folder, and the blobs it names.
/// `git` is found on PATH; when it is missing or the folder is no work tree, every call says so
/// by returning nil and the build goes on without history.
enum Git {
    /// Where `root` sits in its repository.
    struct WorkTree: Sendable {
        /// `root`'s path relative to the top of the work tree (`""` or `docs/handbook/`).
        var prefix: String
        /// A shallow clone holds only part of the history.
        var shallow: Bool
        /// A shallow clone's oldest commits: a file "added" in one of them may be older.
        var boundary: Set<String> = []
        /// Where the parsed old versions are kept between builds (`VersionCache`), in the git folder.
        var cache: URL?
    }

    static func workTree(at root: URL) -> WorkTree? {
        guard let output = run(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--git-path", "shallow",
                                "--show-prefix", "--git-path", VersionCache.fileName], in: root),
              let text = String(bytes: output, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 4, lines[0] == "true" else { return nil }
        var tree = WorkTree(prefix: lines[3], shallow: lines[1] == "true")
        // `--git-path` is relative to the folder git ran in (whether or not `root` ends in a slash).
        func path(_ line: String) -> URL { line.hasPrefix("/") ? URL(fileURLWithPath: line) : root.appendingPathComponent(line) }
        if lines.count >= 5, !lines[4].isEmpty {
            // One file per handbook of the repository: two handbooks in one work tree would
            // otherwise each drop the other's versions at every build.
            let file = path(lines[4])
            tree.cache = tree.prefix.isEmpty ? file : file.deletingLastPathComponent()
                .appendingPathComponent(VersionCache.fileName(folder: tree.prefix))
        }
        if tree.shallow {
            let file = path(lines[2])
            let ids = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            tree.boundary = Set(ids.split(separator: "\n").map(String.init))
        }
        return tree
    }

    /// `git log` of `path` (relative to `root`), newest first: each commit with the files it
    /// touched under `path` and their new blobs, renames found across the folder (`-M`).
    /// NUL-separated (`-z`), so no path is quoted; each commit starts with byte 0x01. A merge is
    /// compared with its first parent (`--diff-merges`): a conflict resolved in the merge changes
    /// the file, and without it that content would be in no commit's diff.
    static func log(_ path: String, in root: URL) -> [UInt8]? {
        run(["-c", "log.showSignature=false", "log", "--raw", "--no-abbrev", "-M", "-z", "--no-color", "--diff-merges=first-parent",
             "--format=%x01%H%x00%cs%x00%an%x00%s", "--", path], in: root)
    }

    /// The contents of `blobs` (object ids), by id, read by one `git cat-file --batch` (`--buffer`:
    /// written in large blocks, not flushed once per object).
    static func blobs(_ ids: [String], in root: URL) -> [String: ArraySlice<UInt8>]? {
        guard !ids.isEmpty else { return [:] }
        let request = Data(ids.joined(separator: "\n").utf8 + [UInt8(ascii: "\n")])
        guard let output = run(["cat-file", "--batch", "--buffer"], in: root, input: request) else { return nil }
        return parseBatch(output)
    }

    /// `<id> blob <size>\n<bytes>\n` repeated; `<id> missing` for an object a shallow clone lacks.
    /// Each blob a slice of the output, not a copy (100 MB at 2,000 processes of 5 versions).
    static func parseBatch(_ output: [UInt8]) -> [String: ArraySlice<UInt8>] {
        var blobs: [String: ArraySlice<UInt8>] = [:]
        var index = 0
        while index < output.count {
            guard let end = output[index...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: output[index..<end], as: UTF8.self).split(separator: " ")
            index = end + 1
            guard header.count == 3, let size = Int(header[2]) else { continue }
            guard index + size <= output.count else { break }
            blobs[String(header[0])] = output[index..<index + size]
            index += size + 1
        }
        return blobs
    }

    /// Runs `git args` in `folder`; its output, or nil when git is missing or fails.
    private static func run(_ args: [String], in folder: URL, input: Data? = nil) -> [UInt8]? {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        process.currentDirectoryURL = folder
        // Git's own pager, colours and prompts are for people; none of them here.
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        if let inputPipe, let input {
            // Written on another thread while this one reads: a large request and its large
            // answer would otherwise each wait for the other to be read.
            let writer = inputPipe.fileHandleForWriting
            Thread.detachNewThread {
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
        }
        let bytes = readAll(output.fileHandleForReading.fileDescriptor)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return bytes
    }

    /// Everything until end of file, read straight into one byte array: `readDataToEndOfFile`
    /// and a copy into an array held the 100 MB of old versions twice.
    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}
