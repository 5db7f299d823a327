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
    /// The language of the latest build's diagnostics (handbook.yml's, or `--lang`).
    public private(set) var language: HandbookConfig.Language = .zhCN
    private var subscribers: [Int: AsyncStream<Int>.Continuation] = [:]
    private var nextSubscriber = 0

    public init() {}

    /// Good build: its files replace the site. Failed build: the old site stays, with the errors.
    public func update(site newSite: Pipeline.Site?, diagnostics: [Diagnostic], milliseconds: Int) {
        if let newSite {
            // The old site (thousands of planned pages) is freed elsewhere, not before the new one is served.
            let old = site
            site = newSite
            Task.detached(priority: .background) { withExtendedLifetime(old) {} }
        }
        self.diagnostics = diagnostics
        lastBuildMilliseconds = milliseconds
        version += 1
        for subscriber in subscribers.values { subscriber.yield(version) }
    }

    /// The version now, then each new one as soon as a rebuild ends (only the newest if the
    /// reader falls behind): open pages reload without waiting for a poll.
    public func versions() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.yield(version)
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: Int) { subscribers[id] = nil }

    public var failed: Bool { diagnostics.hasErrors }

    public func setLanguage(_ language: HandbookConfig.Language) { self.language = language }
}
