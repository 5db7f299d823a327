import Foundation
import HandbookCore
import HandbookServer
import Testing

/// A small handbook in a fresh temporary folder, served by a `PreviewServer` on a free loopback
/// port for the length of one test.
final class ServedHandbook: @unchecked Sendable {
    let folder: URL
    let root: URL
    private(set) var port = 0
    private var task: Task<Void, any Error>?
    private let logLines = LogLines()

    static let date = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01

    /// Only handbook.yml holds this text; no response may ever contain it.
    static let configSentinel = "SENTINEL-handbook-yml-不应被服务"

    static let files: [String: String] = [
        "handbook.yml": """
        title: 预览手册
        organization: 预览公司
        # \(configSentinel)

        """,
        "content/index.md": "# 首页\n\n欢迎使用预览手册。\n",
        "content/departments/ops.md": """
        ---
        name: 运营部
        roles:
          - id: clerk
            name: 专员
        ---
        运营部负责日常事务。

        """,
        "content/processes/alpha.md": process(title: "阿尔法流程", owner: "ops"),
    ]

    static func process(title: String, owner: String) -> String {
        """
        ---
        title: \(title)
        owner: \(owner)
        status: approved
        version: "1.0"
        effective: 2026-01-01
        approved_by: 经理
        steps:
          - id: 1
            name: 登记请求
            responsible: ops/clerk
            duties: 登记收到的请求
            outputs: [登记记录]
        ---
        阿尔法流程正文。

        """
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("handbook-serve-tests-\(UUID().uuidString)", isDirectory: true)
        root = folder.appendingPathComponent("handbook", isDirectory: true)
        for (path, text) in Self.files { try write(path, text) }
    }

    deinit {
        task?.cancel()
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// What the server logged so far.
    var log: [String] { logLines.all }

    private final class LogLines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var all: [String] {
            lock.lock()
            defer { lock.unlock() }
            return lines
        }

        /// Called with every line as the server logs it, on the server's task.
        var hook: (@Sendable (String) -> Void)?

        func append(_ line: String) {
            lock.lock()
            lines.append(line)
            let hook = self.hook
            lock.unlock()
            hook?(line)
        }
    }

    /// Starts the server on port 0 and waits (at most `timeout`) for the port it bound.
    /// `onLog` sees each log line as it is written, before the server goes on.
    func start(timeout: Duration = .seconds(15), inotify: Bool = true, onLog: (@Sendable (String) -> Void)? = nil) async throws {
        logLines.hook = onLog
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var configured = PreviewServer(options: Pipeline.Options(root: root, date: Self.date), host: "127.0.0.1", port: 0)
        configured.useInotify = inotify
        // Captured as a constant: a task capturing the `var` crashed in the concurrency runtime
        // ("freed pointer was not the last allocation", Swift 6.3.1) once `Options` grew a field.
        let server = configured
        let lines = logLines
        task = Task {
            defer { continuation.finish() }
            try await server.run(log: { lines.append($0) }, onReady: { continuation.yield($0) })
        }
        let bound = try await Self.within(timeout, "the server did not report its port") {
            var iterator = ports.makeAsyncIterator()
            return await iterator.next()
        }
        port = try #require(bound, "the server stopped before it was ready: \(log)")
        #expect(port > 0)
    }

    /// Cancels the server task and waits for `run` to return.
    func stop(timeout: Duration = .seconds(10)) async throws {
        guard let task else { return }
        task.cancel()
        _ = try await Self.within(timeout, "the server did not stop after cancellation") {
            _ = await task.result
            return true
        }
        self.task = nil
    }

    func get(_ target: String) async throws -> RawResponse {
        try await RawHTTP.request(target, port: port)
    }

    /// How long a test waits for what serve should do at once: a bound for a loaded machine
    /// (these tests run beside the browser tests' Chromium on two cores), not a measure. How
    /// fast an edit shows is measured by `bench/serve.py`, not by tests.
    static let patience: Duration = .seconds(15)

    /// Polls `target` until `accept` holds, at most `timeout`; the last response either way.
    func poll(_ target: String, timeout: Duration, until accept: (RawResponse) -> Bool) async throws -> (RawResponse, Bool) {
        let deadline = ContinuousClock.now + timeout
        while true {
            let response = try await get(target)
            if accept(response) { return (response, true) }
            if ContinuousClock.now > deadline { return (response, false) }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Polls `target` until `accept` holds, at most `timeout`; if it never does, records an issue
    /// saying what was `expected`, with the last status and the server's log.
    func expectServed(_ target: String, within timeout: Duration, _ expected: String,
                      sourceLocation: SourceLocation = #_sourceLocation,
                      until accept: (RawResponse) -> Bool) async throws {
        let (last, seen) = try await poll(target, timeout: timeout, until: accept)
        #expect(seen, "\(expected) (within \(timeout)): status \(last.status)\n\(log.joined(separator: "\n"))",
                sourceLocation: sourceLocation)
    }

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// `body`'s result, or `Timeout` once `limit` passes. `body` runs as its own task and is
    /// abandoned (cancelled) on timeout, so a body that ignores cancellation cannot hang the test.
    static func within<T: Sendable>(_ limit: Duration, _ what: String,
                                    _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = Once<T>()
        return try await withCheckedThrowingContinuation { continuation in
            once.continuation = continuation
            let work = Task {
                do { once.resume(with: .success(try await body())) } catch { once.resume(with: .failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                once.resume(with: .failure(Timeout(description: "\(what) within \(limit)")))
                work.cancel()
            }
        }
    }

    private final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        var continuation: CheckedContinuation<T, any Error>?

        func resume(with result: Result<T, any Error>) {
            lock.lock()
            let pending = done ? nil : continuation
            done = true
            lock.unlock()
            pending?.resume(with: result)
        }
    }
}
