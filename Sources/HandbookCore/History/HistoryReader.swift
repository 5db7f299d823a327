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
        // A blob and the content path it is read as (the id of a file without `id:` is its name).
        var keys = Set<Key>()
        for (path, touches) in followed.touches {
            let contentPath = String(path.dropFirst(gitPrefix.count))
            for touch in touches { keys.insert(Key(blob: touch.blob, path: contentPath)) }
        }
        var contents = git.contents
        // Read before today's files were known: any blob they need that it did not read and no
        // earlier build parsed, now.
        let absent = Set(keys.lazy.filter { git.cache.entries[$0] == nil && contents[$0.blob] == nil }.map(\.blob))
        if !absent.isEmpty, let more = Git.blobs(absent.sorted(), in: root) { contents.merge(more) { old, _ in old } }
        var (parsed, cache) = await parse(Array(keys), contents: contents, cache: git.cache,
                                          contentFolder: contentFolder, today: today)
        // An entry of the cache that does not decode (the file damaged inside one) is read from
        // git and parsed after all, rather than its version going missing.
        let undecoded = keys.filter { git.cache.entries[$0]?.payload != nil && cache.value.entries[$0] == nil }
        if !undecoded.isEmpty {
            let needed = Set(undecoded.map(\.blob)).filter { contents[$0] == nil }
            if !needed.isEmpty, let more = Git.blobs(needed.sorted(), in: root) { contents.merge(more) { old, _ in old } }
            let again = await parse(Array(undecoded), contents: contents, cache: VersionCache(), contentFolder: contentFolder, today: today)
            parsed.merge(again.parsed) { first, _ in first }
            cache.value.entries.merge(again.cache.value.entries) { first, _ in first }
            cache.changed = true
        }
        // Written after the comparisons are made (`HistoryStage.compare`), which it keeps too.
        history.cache = HistoryCacheState(file: tree.cache, next: cache.value, changed: cache.changed, read: git.cache)
        var cut = 0
        var missing = 0
        for path in processPaths {
            let gitPath = gitPrefix + path
            let touches = followed.touches[gitPath] ?? []
            var versions: [ProcessVersion] = []
            // Oldest first: the last commit of each version value is the one that counts.
            for touch in touches.reversed() {
                let key = Key(blob: touch.blob, path: path)
                guard let file = parsed[key] else {
                    if contents[touch.blob] == nil, git.cache.entries[key] == nil { missing += 1 }
                    continue
                }
                guard file.header.status == .approved, let version = file.header.version else { continue }
                let commit = log.commits[touch.commit]
                if let last = versions.indices.last, versions[last].version == version {
                    versions[last].file = file
                    versions[last].blob = touch.blob
                    versions[last].commit = commit.id
                    versions[last].date = commit.date
                    versions[last].author = commit.author
                    versions[last].subject = commit.subject
                    continue
                }
                // The same value again after another: one version per value, at its last commit.
                versions.removeAll { $0.version == version }
                versions.append(ProcessVersion(version: version, commit: commit.id, date: commit.date, author: commit.author,
                                               subject: commit.subject, file: file, blob: touch.blob, firstFile: file, firstCommit: commit.id,
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

    /// Each wanted (blob, path) parsed as the process file it was, in slices on all cores, and
    /// the cache of them for the next build (`changed`: it differs from the one read).
    /// From the cache when an earlier build parsed it. `today`: the files as loaded, by content
    /// path: a version that is today's file is not parsed again. A file whose frontmatter says at
    /// its top level that it is not approved is not parsed at all: it cannot be a version (drafts
    /// were half the blobs of the benchmark).
    private static func parse(_ keys: [Key], contents: [String: ArraySlice<UInt8>], cache: VersionCache,
                              contentFolder: String, today: [String: RawProcess]) async
        -> (parsed: [Key: VersionFile], cache: (value: VersionCache, changed: Bool)) {
        let slice = max(32, keys.count / (4 * ProcessInfo.processInfo.activeProcessorCount) + 1)
        typealias Result = (key: Key, raw: VersionFile?, fresh: VersionCache.Entry?, cached: VersionCache.Entry?)
        let todayHashes = today.mapValues { Hash.text($0.file.text) }
        return await withTaskGroup(of: [Result].self) { group in
            for start in stride(from: 0, to: keys.count, by: slice) {
                let part = keys[start..<min(start + slice, keys.count)]
                group.addTask {
                    part.compactMap { key -> Result? in
                        let file = SourceFile(path: "\(contentFolder)/\(key.path)", contentPath: key.path, kind: .process, text: "")
                        if let entry = cache.entries[key] {
                            guard let payload = entry.payload else { return (key, nil, nil, entry) }
                            if let header = payload.withBytes(RawProcessCodec.header) {
                                if let loaded = today[key.path], todayHashes[key.path] == entry.textHash { return (key, VersionFile(loaded), nil, entry) }
                                return (key, VersionFile(header: header, bytes: payload, file: file), nil, entry)
                            }
                        }
                        guard let bytes = contents[key.blob] else { return nil }
                        guard !notApproved(bytes), case .success(let text) = SourceFile.decode(Array(bytes), path: key.path) else {
                            return (key, nil, VersionCache.Entry(payload: nil, textHash: 0), nil)
                        }
                        let hash = Hash.text(text)
                        if let loaded = today[key.path], loaded.file.text == text {
                            return (key, VersionFile(loaded), VersionCache.Entry(payload: .init(RawProcessCodec.encode(loaded)), textHash: hash), nil)
                        }
                        var parsedFile = file
                        parsedFile.text = text
                        guard case .process(let raw)? = DocumentParser.parse(parsedFile).0 else {
                            return (key, nil, VersionCache.Entry(payload: nil, textHash: hash), nil)
                        }
                        return (key, VersionFile(raw), VersionCache.Entry(payload: .init(RawProcessCodec.encode(raw)), textHash: hash), nil)
                    }
                }
            }
            var all: [Key: VersionFile] = [:]
            var next = VersionCache()
            var changed = false
            for await part in group {
                for result in part {
                    if let raw = result.raw { all[result.key] = raw }
                    if let entry = result.fresh ?? result.cached { next.entries[result.key] = entry }
                    if result.fresh != nil { changed = true }
                }
            }
            // Entries no version of today's files uses any more are dropped.
            if next.entries.count != cache.entries.count { changed = true }
            return (all, (next, changed))
        }
    }
}
