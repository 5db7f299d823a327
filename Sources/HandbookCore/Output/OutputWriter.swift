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

    static func write(_ files: [OutputFile], to output: URL) throws {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        removeLeftovers(in: parent, name: name)
        let staging = parent.appendingPathComponent(".\(name).staging-\(getpid())", isDirectory: true)
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            var folders = Set<String>()
            for file in files {
                let target = staging.appendingPathComponent(file.path)
                let folder = target.deletingLastPathComponent().path
                if folders.insert(folder).inserted {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                switch file.contents {
                case .text(let text):
                    try Data(text.utf8).write(to: target)
                case .copy(let source):
                    try Data(contentsOf: source).write(to: target)
                }
            }
            try swap(staging, into: output)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Staging folders of builds that were killed.
    private static func removeLeftovers(in parent: URL, name: String) {
        let prefixes = [".\(name).staging-", ".\(name).old-"]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where prefixes.contains(where: entry.hasPrefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    private static func swap(_ staging: URL, into output: URL) throws {
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
            try? fileManager.removeItem(at: staging)
            return
        }
        // No atomic exchange on this system: two renames, the old output kept until the new one is in place.
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        try fileManager.moveItem(at: output, to: old)
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            try? fileManager.moveItem(at: old, to: output)
            throw error
        }
        try? fileManager.removeItem(at: old)
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
