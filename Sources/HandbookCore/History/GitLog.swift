/// `git log --raw -z` output read into commits, and each of today's files followed back
/// through its renames.
struct GitLog: Sendable {
    struct Commit: Sendable {
        var id: String
        var date: String
        var author: String
        var subject: String
        var changes: [Change]
    }

    /// One file a commit touched: its status letter (`A`, `M`, `D`, `R`…), the blob it has after
    /// the commit, its path, and its path before (renames).
    struct Change: Sendable {
        var status: UInt8
        var blob: String
        var path: String
        var oldPath: String?
    }

    /// Newest first, as git prints them.
    var commits: [Commit]

    init(_ output: [UInt8]) {
        commits = []
        for record in output.split(separator: 0x01, omittingEmptySubsequences: true) {
            let fields = record.split(separator: 0, omittingEmptySubsequences: false)
            guard fields.count >= 4 else { continue }
            func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
            var commit = Commit(id: text(fields[0]), date: text(fields[1]), author: text(fields[2]),
                                subject: text(fields[3]), changes: [])
            var index = 4
            while index < fields.count {
                // `:100644 100644 <old> <new> R093`, then one path, or two for a rename or copy.
                var header = fields[index]
                while header.first == UInt8(ascii: "\n") { header = header.dropFirst() }
                index += 1
                guard header.first == UInt8(ascii: ":") else { continue }
                let parts = header.split(separator: UInt8(ascii: " "))
                guard parts.count >= 5, let status = parts[4].first else { continue }
                let blob = text(parts[3])
                if status == UInt8(ascii: "R") || status == UInt8(ascii: "C") {
                    guard index + 1 < fields.count else { break }
                    commit.changes.append(Change(status: status, blob: blob, path: text(fields[index + 1]),
                                                 oldPath: text(fields[index])))
                    index += 2
                } else {
                    guard index < fields.count else { break }
                    commit.changes.append(Change(status: status, blob: blob, path: text(fields[index]), oldPath: nil))
                    index += 1
                }
            }
            commits.append(commit)
        }
    }

    /// A commit in which a followed file changed, and its blob then.
    struct Touch: Sendable {
        var commit: Int
        var blob: String
        /// The file was added here (nothing older to find).
        var added: Bool
    }

    /// For each of `paths` (git paths of today's files), the commits that changed it, newest
    /// first, following renames back; and the names each had before.
    func follow(_ paths: Set<String>) -> (touches: [String: [Touch]], former: [String: [String]]) {
        var current = Dictionary(paths.map { ($0, $0) }, uniquingKeysWith: { a, _ in a })
        var touches: [String: [Touch]] = [:]
        var former: [String: [String]] = [:]
        for (index, commit) in commits.enumerated() {
            var renamed: [(old: String, today: String)] = []
            for change in commit.changes {
                guard let today = current[change.path] else { continue }
                switch change.status {
                case UInt8(ascii: "D"):
                    continue
                case UInt8(ascii: "R"):
                    touches[today, default: []].append(Touch(commit: index, blob: change.blob, added: false))
                    current[change.path] = nil
                    if let old = change.oldPath { renamed.append((old, today)) }
                default:
                    let added = change.status == UInt8(ascii: "A") || change.status == UInt8(ascii: "C")
                    touches[today, default: []].append(Touch(commit: index, blob: change.blob, added: added))
                    // Before it was added, the path was some other file or none: stop following.
                    if added { current[change.path] = nil }
                }
            }
            // After the commit's own changes: a file renamed onto a path another one left.
            for (old, today) in renamed {
                current[old] = today
                former[today, default: []].append(old)
            }
        }
        return (touches, former)
    }
}
