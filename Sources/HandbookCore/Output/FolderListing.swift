import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder's entries in plain POSIX calls, for the walks that run over a whole handbook or
/// site (listing content, watching and polling it for `serve`, removing an old output), where
/// FileManager's per-file URLs and attribute dictionaries cost more than the work itself.
public enum FolderListing {
    public enum Kind: Sendable { case folder, file, link, other }

    public struct Entry: Sendable {
        public var name: String
        /// The entry itself, a link not followed.
        public var kind: Kind
    }

    /// The entries of `path` but `.` and `..`; with `hidden: false`, none starting with `.`.
    /// Nil if the folder cannot be read.
    public static func entries(of path: String, hidden: Bool = false) -> [Entry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != "..", hidden || !name.hasPrefix(".") else { continue }
            let kind: Kind = switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): .folder
            case Int32(DT_REG): .file
            case Int32(DT_LNK): .link
            case Int32(DT_UNKNOWN): kindOf(path + "/" + name)  // some file systems do not say
            default: .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        return entries
    }

    private static func kindOf(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        return switch info.st_mode & S_IFMT {
        case S_IFDIR: .folder
        case S_IFREG: .file
        case S_IFLNK: .link
        default: .other
        }
    }
}
