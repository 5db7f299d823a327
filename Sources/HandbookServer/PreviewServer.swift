import Foundation
import HandbookCore
import HandbookTemplate
import Hummingbird
import Logging

/// `handbook serve`: builds in memory, serves over HTTP, rebuilds on change and reloads open
/// pages through server-sent events. A failed rebuild keeps the last good site and shows its
/// diagnostics in the browser.
public struct PreviewServer: Sendable {
    public var options: Pipeline.Options
    public var host: String
    public var port: Int
    /// How often files are compared when inotify is not available (or as a safety net, every
    /// `safetyPollInterval`, for what it cannot see, such as the target of a symbolic link).
    public var pollInterval: Duration = .milliseconds(100)
    public var safetyPollInterval: Duration = .seconds(1)
    /// Off: changes are found by polling alone, as on a system without inotify.
    public var useInotify = true

    public init(options: Pipeline.Options, host: String = "127.0.0.1", port: Int = 8000) {
        self.options = options
        self.host = host
        self.port = port
    }

    /// Runs until cancelled. `log` gets one line per rebuild; `onReady` the bound port.
    public func run(log: @escaping @Sendable (String) -> Void,
                    onReady: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let state = PreviewState()
        let cache = DocumentCache()
        // Watched and fingerprinted before the first build, so an edit saved while it runs is still seen.
        let watched = Watched(root: options.root, inotify: useInotify)
        let latest = Fingerprint(watched.fingerprint())
        let rebuildNow: @Sendable () async -> Void = { [self] in
            // handbook.yml's `content:` now names another folder: watch that one, before the
            // rebuild reads it, so an edit saved there while it runs is seen.
            if watched.followContentFolder() { latest.changed(to: watched.fingerprint()) }
            await rebuild(state: state, cache: cache, log: log)
        }
        await rebuildNow()
        let app = Application(
            responder: CallbackResponder { [host] (request: Request, _: BasicRequestContext) in
                // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not read
                // the handbook, so a loopback server answers only loopback names.
                if SitePath.isLoopback(host), !SitePath.isLoopbackHost(request.head.authority) {
                    return Response(status: .misdirectedRequest)
                }
                return await Self.respond(to: request, state: state)
            },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "handbook"),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) },
            logger: {
                var logger = Logger(label: "handbook.serve")
                logger.logLevel = .warning
                return logger
            }())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do { try await app.run() } catch is CancellationError {}
            }
            // Polling: the only way without inotify, a safety net with it.
            let queue = RebuildQueue()
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: watched.trusted ? safetyPollInterval : pollInterval)
                    if latest.changed(to: watched.fingerprint()) { await queue.request(rebuildNow) }
                }
            }
            group.addTask {
                var last: ChangeFeed?
                while !Task.isCancelled {
                    // No inotify (or not for the new content folder): the poll above does it all.
                    // This task must not end, or the server would stop with it.
                    guard let feed = watched.feed, feed !== last else {
                        try await Task.sleep(for: .milliseconds(100))
                        continue
                    }
                    last = feed
                    for await _ in feed.changes() {
                        // Before the rebuild: a link target changed while it runs is then still new to the poll.
                        if !feed.isIncomplete { latest.changed(to: watched.fingerprint()) }
                        await queue.request(rebuildNow)
                    }
                    // The feed ended: the server stops, or `content:` moved and a new feed replaced it.
                }
            }
            // Only the server itself ends the group (the watching tasks run until cancelled).
            try await group.next()
            group.cancelAll()
        }
    }

    /// What `serve` watches: handbook.yml, templates/ and the content folder handbook.yml names,
    /// watched again elsewhere when a rebuild finds that `content:` names another folder.
    final class Watched: Sendable {
        private let root: URL
        private struct State {
            var content: String
            var watcher: Watcher
            var current: ChangeFeed?
        }
        private let state: Locked<State>

        private let inotify: Bool

        init(root: URL, inotify: Bool) {
            self.root = root
            self.inotify = inotify
            let content = Pipeline.contentFolder(root: root)
            let (watcher, current) = Self.watch(root, content, inotify: inotify)
            state = Locked(State(content: content, watcher: watcher, current: current))
        }

        private static func watch(_ root: URL, _ content: String, inotify: Bool) -> (Watcher, ChangeFeed?) {
            let watcher = Watcher(folders: [root.appendingPathComponent(content), root.appendingPathComponent("templates")],
                                  files: [root.appendingPathComponent("handbook.yml")])
            guard inotify else { return (watcher, nil) }
            return (watcher, ChangeFeed(folders: watcher.folders.map(\.path), root: root.path, rootNames: ["handbook.yml"]))
        }

        var feed: ChangeFeed? { state.withLock { $0.current } }

        /// inotify sees every change, so the poll need only look at symbolic links' targets.
        var trusted: Bool { state.withLock { $0.current.map { !$0.isIncomplete } ?? false } }

        func fingerprint() -> [String: Date] {
            let now: Watcher = state.withLock { $0.watcher }
            return now.fingerprint(linksOnly: trusted)
        }

        /// True if handbook.yml's `content:` changed since the last call: the new folder is then
        /// watched, and the old feed ends.
        func followContentFolder() -> Bool {
            let now = Pipeline.contentFolder(root: root)
            guard state.withLock({ now != $0.content }) else { return false }
            let (newWatcher, newFeed) = Self.watch(root, now, inotify: inotify)
            let old: ChangeFeed? = state.withLock {
                let old = $0.current
                $0 = State(content: now, watcher: newWatcher, current: newFeed)
                return old
            }
            old?.cancel()
            return true
        }
    }

    /// One rebuild at a time, in order: a request made while one runs makes one more run after it.
    actor RebuildQueue {
        private var running = false
        private var pending = false

        func request(_ work: @Sendable () async -> Void) async {
            guard !running else {
                pending = true
                return
            }
            running = true
            repeat {
                pending = false
                await work()
            } while pending
            running = false
        }
    }

    /// The files' modification times last seen, shared by the poll and the inotify feed.
    final class Fingerprint: Sendable {
        private let stamps: Locked<[String: Date]>

        init(_ stamps: [String: Date]) { self.stamps = Locked(stamps) }

        /// Records `now`; true if it differs from what was seen before.
        @discardableResult
        func changed(to now: [String: Date]) -> Bool {
            stamps.withLock { stamps in
                defer { stamps = now }
                return stamps != now
            }
        }
    }

    func rebuild(state: PreviewState, cache: DocumentCache, log: @Sendable (String) -> Void) async {
        let start = ContinuousClock.now
        let (site, report) = await Pipeline.render(options, cache: cache)
        let elapsed = start.duration(to: .now)
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        await state.setLanguage(report.language)
        await state.update(site: site, diagnostics: report.diagnostics, milliseconds: ms)
        let zh = report.language == .zhCN
        for diagnostic in report.diagnostics { log(diagnostic.formatted(in: report.language)) }
        if site != nil {
            let stages = TimingWords.stages(report.timings, in: report.language)
            log(zh ? "重新生成用时 \(ms) ms（\(stages)），共 \(report.pageCount) 页，打开时渲染"
                   : "Rebuilt in \(ms) ms (\(stages)); \(report.pageCount) pages, rendered when opened")
        } else {
            let errors = report.diagnostics.filter { $0.severity == .error }.count
            log(zh ? "生成失败（\(errors) 个错误），仍提供上一次成功生成的网站"
                   : "Build failed (\(errors) error\(errors == 1 ? "" : "s")); still serving the last good site")
        }
    }

    static func respond(to request: Request, state: PreviewState) async -> Response {
        let path = request.uri.path
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        if path == LiveReload.eventsPath { return events(state: state) }
        guard let site = await state.site else {
            // No good build yet: show why, and reload once the handbook is fixed.
            let language = await state.language
            let heading = language == .zhCN ? "手册还没有成功生成过" : "The handbook does not build yet"
            let page = Array("<!DOCTYPE html><html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\"><title>handbook</title></head><body><h1>\(heading)</h1></body></html>".utf8)
            return Response(status: .internalServerError, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: LiveReload.inject(
                                into: page, version: await state.version, diagnostics: await state.diagnostics, language: language))))
        }
        switch SitePath.resolve(path, exists: site.contains) {
        case .refused:
            return Response(status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "Bad request\n")))
        case .redirect(let location):
            // 302, not 301: browsers cache a permanent redirect beyond the preview's life.
            return Response(status: .found, headers: [.location: location])
        case .file(let file):
            let version = await state.version
            let diagnostics = await state.diagnostics
            let language = await state.language
            guard let bytes = site.contents(of: file) else {
                let notFound = site.contents(of: Routes.notFound).map {
                    LiveReload.inject(into: Self.atRoot($0, servedAt: file, path: path), version: version, diagnostics: diagnostics, language: language)
                }
                return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: notFound ?? Array("Not found\n".utf8))))
            }
            let type = SitePath.contentType(of: file)
            let body = type.hasPrefix("text/html") ? LiveReload.inject(into: bytes, version: version, diagnostics: diagnostics, language: language) : bytes
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    /// The 404 page's links are relative to the site's root, where it lives; answering for a
    /// missing `a/b/c` it needs `<base href="/">`, or its stylesheet and links miss. Its links
    /// within itself (the skip link's `#main`) then name the path asked for, or they would lead
    /// to the home page.
    static func atRoot(_ page: [UInt8], servedAt file: String, path: String) -> [UInt8] {
        guard file.contains("/"), let head = page.firstRange(of: Array("<head>".utf8)) else { return page }
        var based = page
        based.insert(contentsOf: Array("\n<base href=\"/\">".utf8), at: head.upperBound)
        let here = HTMLEscape.escaped(path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path)
        return Array(String(decoding: based, as: UTF8.self).replacingOccurrences(of: "href=\"#", with: "href=\"\(here)#").utf8)
    }

    /// Server-sent events: the site version now, and again as soon as each rebuild ends.
    static func events(state: PreviewState) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                // Versions and keep-alive beats in one stream (nil: a beat), written by this task alone.
                let (messages, message) = AsyncStream.makeStream(of: Int?.self)
                let versions = await state.versions()
                let relay = Task {
                    for await version in versions { message.yield(version) }
                    message.finish()
                }
                // A comment line every ~15 s keeps proxies from closing the stream.
                let beat = Task {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(15))
                        message.yield(nil)
                    }
                }
                defer {
                    relay.cancel()
                    beat.cancel()
                }
                for await version in messages {
                    try await writer.write(ByteBuffer(string: version.map { "data: \($0)\n\n" } ?? ": ping\n\n"))
                }
                try await writer.finish(nil)
            })
    }
}
