import Foundation

/// The history stage: for each process file of today, its approved versions from git. Reads
/// with two git processes for the whole handbook (`log` of the content folder, then one
/// `cat-file --batch` for every blob it names; see `GitRead`, started before loading); each
/// distinct blob is parsed once, on all cores, by the parser the build uses.
enum HistoryReader {
    /// `processPaths`: today's process files, as content paths (`processes/x.md`).
    static func read(root: URL, contentFolder: String, processPaths: [String],
                     today: [String: RawProcess] = [:], git prefetched: GitRead? = nil) async -> HandbookHistory {
        var history = HandbookHistory()
        // A read started for another content folder (handbook.yml changed meanwhile) is not used.
        let git = prefetched.flatMap { $0.contentFolder == contentFolder ? $0 : nil }
            ?? GitRead.read(root: root, contentFolder: contentFolder)
        guard let tree = git.tree else {
            history.unavailable = Phrase("不在 git 仓库中（或未安装 git）：不显示版本历史，也不做版本检查。",
                                         en: "not in a git work tree (or git is not installed): no version history is shown or checked")
            return history
        }
        let folder = contentFolder.hasSuffix("/") ? contentFolder : contentFolder + "/"
        let gitPrefix = tree.prefix + folder
        guard let log = git.log else {
            history.unavailable = Phrase("无法读取 git 历史：不显示版本历史。", en: "git log failed: no version history is shown")
            return history
        }
        let followed = log.follow(Set(processPaths.map { gitPrefix + $0 }))
        let blobs = Set(followed.touches.values.flatMap { $0.map(\.blob) })
        var contents = git.contents
        // Read before today's files were known: any blob they need that it did not read, now.
        let absent = blobs.filter { contents[$0] == nil }
        if !absent.isEmpty, let more = Git.blobs(absent.sorted(), in: root) { contents.merge(more) { old, _ in old } }
        // A blob and the content path it is read as (the id of a file without `id:` is its name).
        var wanted: [String: Set<String>] = [:]
        for (path, touches) in followed.touches {
            let contentPath = String(path.dropFirst(gitPrefix.count))
            for touch in touches { wanted[touch.blob, default: []].insert(contentPath) }
        }
        let parsed = await parse(wanted, contents: contents, contentFolder: contentFolder, today: today)
        var cut = 0
        var missing = 0
        for path in processPaths {
            let gitPath = gitPrefix + path
            let touches = followed.touches[gitPath] ?? []
            var versions: [ProcessVersion] = []
            // Oldest first: the last commit of each version value is the one that counts.
            for touch in touches.reversed() {
                guard let raw = parsed[Key(blob: touch.blob, path: path)] else {
                    if contents[touch.blob] == nil { missing += 1 }
                    continue
                }
                guard raw.status == .approved, let version = raw.version?.value else { continue }
                let commit = log.commits[touch.commit]
                if let last = versions.indices.last, versions[last].version == version {
                    versions[last].raw = raw
                    versions[last].commit = commit.id
                    versions[last].date = commit.date
                    versions[last].author = commit.author
                    versions[last].subject = commit.subject
                    continue
                }
                // The same value again after another: one version per value, at its last commit.
                versions.removeAll { $0.version == version }
                versions.append(ProcessVersion(version: version, commit: commit.id, date: commit.date, author: commit.author,
                                               subject: commit.subject, raw: raw, firstRaw: raw, firstCommit: commit.id,
                                               firstDate: commit.date))
            }
            let oldest = touches.last
            let isCut = tree.shallow && (oldest.map { !$0.added || tree.boundary.contains(log.commits[$0.commit].id) } ?? false)
            if isCut { cut += 1 }
            history.processes[path] = ProcessHistory(
                contentPath: path, versions: versions, cut: isCut,
                formerPaths: (followed.former[gitPath] ?? []).map { String($0.dropFirst(gitPrefix.count)) })
        }
        if tree.shallow {
            history.notices.append(Phrase(
                "浅克隆：只有部分 git 历史，\(cut) 个流程更早的版本没有找到（`git fetch --unshallow` 可取回全部历史）。",
                en: "shallow clone: only part of the git history is here; older versions of \(cut) process(es) were not found (`git fetch --unshallow` fetches all of it)"))
        }
        if missing > 0 {
            history.notices.append(Phrase("git 中缺少 \(missing) 个历史文件版本，相应的版本未列出。",
                                          en: "\(missing) old file version(s) are missing from git; their versions are not listed"))
        }
        return history
    }

    /// The frontmatter has a top-level `status:` line (a key at column 1 of a block mapping) with
    /// a status other than `approved`. Anything unusual (flow style, no such line) says false,
    /// and the file is parsed.
    static func notApproved(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.starts(with: Array("---".utf8)) else { return false }
        var lineStart = bytes.startIndex
        var first = true
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            var line = bytes[lineStart..<lineEnd]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if !first, line.elementsEqual("---".utf8) { return false }
            first = false
            if line.starts(with: Array("status:".utf8)) {
                var value = String(decoding: line.dropFirst(7), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
                if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
                return ["draft", "review", "retired"].contains(value)
            }
            lineStart = lineEnd + 1
        }
        return false
    }

    struct Key: Hashable, Sendable {
        var blob: String
        var path: String
    }

    /// Each wanted blob parsed as the process file it was, in slices on all cores.
    /// `today`: the files as loaded, by content path: a version that is today's file is not
    /// parsed again. A file whose frontmatter says at its top level that it is not approved is
    /// not parsed at all: it cannot be a version (drafts were half the blobs of the benchmark).
    private static func parse(_ wanted: [String: Set<String>], contents: [String: ArraySlice<UInt8>],
                              contentFolder: String, today: [String: RawProcess]) async -> [Key: RawProcess] {
        let keys = wanted.flatMap { blob, paths in paths.map { Key(blob: blob, path: $0) } }
        let slice = max(32, keys.count / (4 * ProcessInfo.processInfo.activeProcessorCount) + 1)
        return await withTaskGroup(of: [(Key, RawProcess)].self) { group in
            for start in stride(from: 0, to: keys.count, by: slice) {
                let part = keys[start..<min(start + slice, keys.count)]
                group.addTask {
                    part.compactMap { key in
                        guard let bytes = contents[key.blob], !notApproved(bytes),
                              case .success(let text) = SourceFile.decode(Array(bytes), path: key.path) else { return nil }
                        if let loaded = today[key.path], loaded.file.text == text { return (key, loaded) }
                        let file = SourceFile(path: "\(contentFolder)/\(key.path)", contentPath: key.path, kind: .process, text: text)
                        guard case .process(let raw)? = DocumentParser.parse(file).0 else { return nil }
                        return (key, raw)
                    }
                }
            }
            var all: [Key: RawProcess] = [:]
            for await part in group { for (key, raw) in part { all[key] = raw } }
            return all
        }
    }
}
