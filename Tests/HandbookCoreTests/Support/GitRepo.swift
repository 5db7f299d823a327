import Foundation
@testable import HandbookCore

/// A test handbook made a git repository, committed step by step with fixed dates and author,
/// so that the history the build reads is the same on every run.
struct GitRepo {
    let handbook: TestHandbook
    private(set) var commits = 0

    init(_ handbook: TestHandbook) throws {
        self.handbook = handbook
        try Self.git(["init", "-q", "-b", "main"], in: handbook.root)
    }

    /// Writes `files`, removes `removing`, and commits everything with `message` on day `day`
    /// (2026-01-`day`).
    mutating func commit(_ message: String, day: Int, _ files: [String: String] = [:], moving: (String, String)? = nil) throws {
        if let (from, to) = moving { try Self.git(["mv", from, to], in: handbook.root) }
        try handbook.write(files)
        try Self.git(["add", "-A"], in: handbook.root)
        let date = String(format: "2026-01-%02dT10:00:00+00:00", day)
        try Self.git(["commit", "-q", "-m", message], in: handbook.root,
                     environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        commits += 1
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    @discardableResult
    static func git(_ args: [String], in folder: URL, environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["GIT_AUTHOR_NAME"] = "张三"
        env["GIT_AUTHOR_EMAIL"] = "zhang@example.com"
        env["GIT_COMMITTER_NAME"] = "张三"
        env["GIT_COMMITTER_EMAIL"] = "zhang@example.com"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = folder.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw Failure(description: "git \(args.joined(separator: " ")): \(text)") }
        return text
    }
}
