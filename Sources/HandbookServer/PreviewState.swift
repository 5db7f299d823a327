import Foundation
import HandbookCore

/// The site being served: the last good build, and the diagnostics of the latest one when it
/// failed. `version` changes on every rebuild so open pages know to reload.
public actor PreviewState {
    public private(set) var files: [String: [UInt8]] = [:]
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var version = 0
    public private(set) var lastBuildMilliseconds = 0

    public init() {}

    /// Good build: its files replace the site. Failed build: the old site stays, with the errors.
    public func update(files newFiles: [String: [UInt8]]?, diagnostics: [Diagnostic], milliseconds: Int) {
        if let newFiles { files = newFiles }
        self.diagnostics = diagnostics
        lastBuildMilliseconds = milliseconds
        version += 1
    }

    public func file(_ path: String) -> [UInt8]? { files[path] }
    public func exists(_ path: String) -> Bool { files[path] != nil }
    public var failed: Bool { diagnostics.hasErrors }
}
