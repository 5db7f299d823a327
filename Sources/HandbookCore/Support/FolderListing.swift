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
        /// Decoded as UTF-8; when the name's bytes are not UTF-8, with U+FFFD for what is not.
        public var name: String
        /// The entry itself, a link not followed.
        public var kind: Kind
        /// The name's bytes are UTF-8, so `name` is the name and opens the file.
        public var isUTF8 = true
    }

    /// The entries of `path` but `.` and `..`; with `hidden: false`, none starting with `.`.
    /// Nil if the folder cannot be read.
    public static func entries(of path: String, hidden: Bool = false) -> [Entry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let (name, isUTF8) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.prefix { $0 != 0 }
                return String(validating: bytes, as: UTF8.self).map { ($0, true) } ?? (String(decoding: bytes, as: UTF8.self), false)
            }
            guard name != ".", name != "..", hidden || !name.hasPrefix(".") else { continue }
            let kind: Kind = switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): .folder
            case Int32(DT_REG): .file
            case Int32(DT_LNK): .link
            case Int32(DT_UNKNOWN): kindOf(path + "/" + name)  // some file systems do not say
            default: .other
            }
            entries.append(Entry(name: name, kind: kind, isUTF8: isUTF8))
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

extension FolderListing {
    /// What `tree(under:)` found, as paths relative to the folder.
    struct Tree {
        var files: [String] = []
        /// Symbolic links leading outside the folder, not followed.
        var outside: [String] = []
        /// Symbolic links leading nowhere.
        var dangling: [String] = []
        /// Names that are not UTF-8 (a file saved from a GBK system, say), as best decoded: not
        /// read, as their decoded name opens nothing.
        var notUTF8: [String] = []
    }

    /// Every file under `folder` (itself followed if it is a link), hidden names skipped. A
    /// symbolic link is taken only when it leads to a file inside the folder, and never into a
    /// folder (a link loop cannot trap the walk). `real` is the folder's resolved path, the
    /// prefix of every file's real path; nil when the folder cannot be resolved.
    static func tree(under folder: String) -> (real: String, tree: Tree)? {
        guard let base = realPath(folder) else { return nil }
        var tree = Tree()
        func walk(_ folder: String, relative: String) {
            for entry in entries(of: folder) ?? [] {
                let full = folder + "/" + entry.name
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                guard entry.isUTF8 else {
                    tree.notUTF8.append(path)
                    continue
                }
                switch entry.kind {
                case .folder: walk(full, relative: path)
                case .file: tree.files.append(path)
                case .link:
                    guard let target = realPath(full) else {
                        tree.dangling.append(path)
                        continue
                    }
                    guard target.hasPrefix(base + "/") else {
                        tree.outside.append(path)
                        continue
                    }
                    var info = stat()
                    if stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG { tree.files.append(path) }
                case .other: break
                }
            }
        }
        walk(base, relative: "")
        return (base, tree)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
