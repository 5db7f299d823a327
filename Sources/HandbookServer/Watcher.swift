import Foundation
import HandbookCore
#if canImport(Glibc)
import Glibc
#endif

/// Notices edits by polling modification times of handbook.yml, content/ and templates/:
/// portable, no inotify binding. Plain `lstat` calls, a few milliseconds for thousands of files.
struct Watcher: Sendable {
    let folders: [URL]
    let files: [URL]

    /// `linksOnly`: only what inotify cannot see, the targets of symbolic links (the folder
    /// walk then needs no `lstat` per file, as `readdir` tells links apart).
    func fingerprint(linksOnly: Bool = false) -> [String: Date] {
        var stamps: [String: Date] = [:]
        for file in files {
            if let date = Self.modified(file.path, follow: true) { stamps[file.path] = date }
        }
        for folder in folders { Self.walk(folder.path, linksOnly: linksOnly, into: &stamps) }
        return stamps
    }

    /// Regular files under `folder` (symbolic links stamped by their target, not descended
    /// into, so a link loop cannot trap the walk); hidden names skipped.
    private static func walk(_ folder: String, linksOnly: Bool, into stamps: inout [String: Date]) {
        for entry in FolderListing.entries(of: folder) ?? [] {
            let path = folder + "/" + entry.name
            switch entry.kind {
            case .folder: walk(path, linksOnly: linksOnly, into: &stamps)
            case .file: if !linksOnly, let date = modified(path, follow: false) { stamps[path] = date }
            case .link: if let date = modified(path, follow: true) { stamps[path] = date }
            case .other: break
            }
        }
    }

    private static func modified(_ path: String, follow: Bool) -> Date? {
        var info = stat()
        guard (follow ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return date(info)
    }

    private static func date(_ info: stat) -> Date {
        Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}
