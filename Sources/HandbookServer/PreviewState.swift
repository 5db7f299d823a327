import Foundation
import HandbookCore

/// The site being served: the last good build, and the diagnostics of the latest one when it
/// failed. `version` changes on every rebuild so open pages know to reload.
public actor PreviewState {
    /// The last good site; its pages are rendered when first asked for.
    public private(set) var site: Pipeline.Site?
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var version = 0
    public private(set) var lastBuildMilliseconds = 0

    public init() {}

    /// Good build: its files replace the site. Failed build: the old site stays, with the errors.
    public func update(site newSite: Pipeline.Site?, diagnostics: [Diagnostic], milliseconds: Int) {
        if let newSite { site = newSite }
        self.diagnostics = diagnostics
        lastBuildMilliseconds = milliseconds
        version += 1
    }

    public var failed: Bool { diagnostics.hasErrors }
}
