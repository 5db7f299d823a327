import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium, run as a child process with a time limit.
enum Chromium {
    /// `chromium` on PATH, or nil (the browser tests are then skipped).
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { "\($0)/chromium" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs chromium headless with `arguments` and returns its standard output. Each run gets
    /// its own profile folder so runs never wait on each other's profile lock.
    static func run(_ arguments: [String], in folder: URL, timeout: Duration = .seconds(60)) async throws -> Data {
        guard path != nil else { throw Failure(description: "chromium is not on PATH") }
        await Turns.shared.take()
        do {
            let output = try await runNow(arguments, in: folder, timeout: timeout)
            await Turns.shared.pass()
            return output
        } catch {
            await Turns.shared.pass()
            throw error
        }
    }

    /// One Chromium at a time. Each starts half a dozen processes; three or four at once on a
    /// two-core machine starved the tests running beside them (the preview server's, whose
    /// requests wait at most 5 s) in the machine's slower hours.
    private actor Turns {
        static let shared = Turns()
        private var taken = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func take() async {
            guard taken else {
                taken = true
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func pass() {
            if waiting.isEmpty { taken = false } else { waiting.removeFirst().resume() }
        }
    }

    private static func runNow(_ arguments: [String], in folder: URL, timeout: Duration) async throws -> Data {
        guard let path else { throw Failure(description: "chromium is not on PATH") }
        let run = folder.appendingPathComponent("chromium-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        let stdout = run.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        let handle = try FileHandle(forWritingTo: stdout)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-dev-shm-usage", "--user-data-dir=\(run.appendingPathComponent("profile").path)"]
            + arguments
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()

        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                // Only the process started here, by its id.
                let pid = process.processIdentifier
                process.terminate()
                try? await Task.sleep(for: .seconds(2))
                if process.isRunning { kill(pid, SIGKILL) }
                throw Failure(description: "chromium did not finish within \(timeout): \(arguments)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "chromium exited with \(process.terminationStatus): \(arguments)")
        }
        return try Data(contentsOf: stdout)
    }

    /// The DOM of a page after it has loaded, serialised.
    static func dumpDOM(_ url: URL, in folder: URL) async throws -> String {
        String(decoding: try await run(["--dump-dom", url.absoluteString], in: folder), as: UTF8.self)
    }

    /// A PNG screenshot of a page, written to `file`.
    static func screenshot(_ url: URL, to file: URL, in folder: URL) async throws {
        _ = try await run(["--screenshot=\(file.path)", "--window-size=1280,1600", "--hide-scrollbars", url.absoluteString],
                          in: folder)
    }
}
