import Foundation

/// Notices edits by polling modification times of handbook.yml, content/ and templates/:
/// portable, no inotify binding, and cheap at a few hundred milliseconds.
struct Watcher: Sendable {
    let folders: [URL]
    let files: [URL]

    func fingerprint() -> [String: Date] {
        var stamps: [String: Date] = [:]
        let keys: Set<URLResourceKey> = [.contentModificationDateKey, .isRegularFileKey]
        for file in files {
            if let date = (try? file.resourceValues(forKeys: keys))?.contentModificationDate { stamps[file.path] = date }
        }
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: Array(keys),
                                                                  options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in enumerator {
                if let values = try? url.resourceValues(forKeys: keys), values.isRegularFile == true {
                    stamps[url.path] = values.contentModificationDate ?? .distantPast
                }
            }
        }
        return stamps
    }
}
