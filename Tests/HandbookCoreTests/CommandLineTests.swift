import Foundation
import Testing
@testable import HandbookCore

/// The `handbook` executable: exit statuses and diagnostics as the README describes them.
@Suite("Command line", .enabled(if: CommandLine.handbookBinary != nil, "the handbook executable is not built"))
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = CommandLine.handbookBinary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    @Test("check: 0 for a clean handbook, 1 with errors printed as path:line:col")
    func check() throws {
        let good = try TestHandbook(fixture: "valid-basic")
        #expect(try Self.run(["check", good.root.path]).status == 0)
        let bad = try TestHandbook(fixture: "valid-basic", [OutputTests.unknownOwner: OutputTests.broken])
        let run = try Self.run(["check", bad.root.path, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/processes/broken.md:3:8: error: unknown department `no-such-department`"))
        #expect(run.stderr.contains("[handbook.reference.unknown-department]"))
        // The handbook's own language, zh-CN.
        let zh = try Self.run(["check", bad.root.path])
        #expect(zh.stderr.contains("content/processes/broken.md:3:8: error: 没有部门“no-such-department” [handbook.reference.unknown-department]"), "\(zh.stderr)")
        let build = try Self.run(["build", bad.root.path, "--output", bad.folder.appendingPathComponent("site").path])
        #expect(build.status == 1)
        #expect(build.stderr.hasSuffix("生成失败：1 个错误，3 个警告；没有发布任何内容。\n"), "\(build.stderr)")
        let english = try Self.run(["build", bad.root.path, "--lang", "en", "--output", bad.folder.appendingPathComponent("site").path])
        #expect(english.stderr.hasSuffix("Build failed: 1 error, 3 warnings; nothing was published.\n"), "\(english.stderr)")
    }

    @Test("Bad usage and a missing folder exit with 2")
    func usage() throws {
        #expect(try Self.run(["build", "/nonexistent/handbook-folder"]).status == 2)
        #expect(try Self.run(["build", "--no-such-flag"]).status == 2)
    }

    @Test("A missing folder and handbook new's refusals are said in the handbook's language (zh-CN unless --lang en)")
    func wordsBeforeAndWithoutAHandbook() throws {
        let missing = try Self.run(["check", "/nonexistent/handbook-folder"])
        #expect(missing.stderr == "错误：/nonexistent/handbook-folder 不是文件夹\n")
        let english = try Self.run(["check", "/nonexistent/handbook-folder", "--lang", "en"])
        #expect(english.stderr == "error: /nonexistent/handbook-folder is not a folder\n")

        let handbook = try TestHandbook(fixture: "valid-basic")
        let first = try Self.run(["new", "process", "报销审批", handbook.root.path])
        #expect(first.status == 0 && first.stdout.hasPrefix("已写出 "))
        let again = try Self.run(["new", "process", "报销审批", handbook.root.path])
        #expect(again.status == 2)
        #expect(again.stderr.hasPrefix("错误：") && again.stderr.contains("已经存在，没有覆盖"))
        let badID = try Self.run(["new", "department", "财务部", handbook.root.path, "--id", "a/b", "--lang", "en"])
        #expect(badID.stderr == "error: `a/b` cannot be an id: no `/`, no leading `.`\n")
    }

    @Test("An output that cannot be written is explained in the system's words, in the handbook's language, with exit 2")
    func unwritableOutput() throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        try handbook.write("afile", Data("not a folder\n".utf8))
        let site = handbook.root.appendingPathComponent("afile/site").path, file = handbook.root.appendingPathComponent("afile").path
        let run = try Self.run(["build", handbook.root.path, "--output", site, "--lang", "en"])
        #expect(run.status == 2)
        #expect(run.stderr == "error: cannot write \(site): \(file) is a file, not a folder\n")
        let missing = try Self.run(["build", handbook.root.path, "--output", "/proc/handbook-site", "--lang", "en"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: cannot write /proc/handbook-site: No such file or directory (/proc/"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("Domain"), "Foundation's error dump: \(missing.stderr)")
        // handbook.yml says zh-CN: the same in Chinese, the system's reason too.
        let zh = try Self.run(["build", handbook.root.path, "--output", site])
        #expect(zh.status == 2)
        #expect(zh.stderr == "错误：无法写出 \(site)：\(file) 是文件，不是文件夹\n")
        let zhMissing = try Self.run(["build", handbook.root.path, "--output", "/proc/handbook-site"])
        #expect(zhMissing.stderr.hasPrefix("错误：无法写出 /proc/handbook-site：文件或文件夹不存在（/proc/"), "\(zhMissing.stderr)")
        let refused = try Self.run(["build", handbook.root.path, "--output", handbook.root.path])
        #expect(refused.stderr == "错误：不把网站写到 \(handbook.root.path)：它就是或包含手册根目录\n", "\(refused.stderr)")
    }

    @Test("serve refuses a port above 65535 instead of wrapping it around")
    func servePort() throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        for port in ["65536", "99999", "-1"] {
            let run = try Self.run(["serve", handbook.root.path, "--port=\(port)"])
            #expect(run.status == 2, "\(port): \(run.stderr)")
            #expect(run.stderr.contains("--port must be 0 to 65535"), "\(port): \(run.stderr)")
        }
    }

    @Test("serve on an address other machines reach says so; an IPv6 address is shown in brackets")
    func serveNetworkWarning() throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let process = Process()
        process.executableURL = CommandLine.handbookBinary
        process.arguments = ["serve", handbook.root.path, "--host", "0.0.0.0", "--port", "0"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("预览地址"), Date() < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        // In the handbook's language (zh-CN), as its diagnostics.
        #expect(text.contains("警告：0.0.0.0 不是本机回环地址：别的机器也能打开这个预览"), "\(text)")
        #expect(text.contains("预览地址：http://0.0.0.0:"), "\(text)")
    }

    @Test("build --timings: the stages' wall time, then the CPU time of each kind of file the site has")
    func timings() throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let run = try Self.run(["build", handbook.root.path, "--output", handbook.folder.appendingPathComponent("site").path, "--timings", "--lang", "en"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("load ") && $0.contains(", check ") && $0.contains(", render and write ") })
        let kinds = try #require(lines.first { $0.hasPrefix("CPU by kind of file: ") })
        for kind in ["process", "department", "training", "matrix", "handbook.json", "search index", "files copied"] {
            #expect(kinds.range(of: #"(: |, )\#(kind) \d+ ms"#, options: .regularExpression) != nil, "\(kind) in \(kinds)")
        }
        // handbook.yml says zh-CN: the same lines in Chinese.
        let zh = try Self.run(["build", handbook.root.path, "--output", handbook.folder.appendingPathComponent("site").path, "--timings"])
        let zhLines = zh.stdout.split(separator: "\n").map(String.init)
        #expect(zhLines.contains { $0.hasPrefix("读取 ") && $0.contains("，检查 ") && $0.contains("，渲染并写出 ") }, "\(zh.stdout)")
        let zhKinds = try #require(zhLines.first { $0.hasPrefix("各类文件所用 CPU 时间：") }, "\(zh.stdout)")
        for kind in ["流程页", "部门页", "培训清单", "职责矩阵", "handbook.json", "搜索索引", "复制的文件"] {
            #expect(zhKinds.range(of: #"(：|，)\#(kind) \d+ ms"#, options: .regularExpression) != nil, "\(kind) in \(zhKinds)")
        }
    }

    @Test("Two builds in separate processes with the same SOURCE_DATE_EPOCH are byte-identical")
    func reproducibleAcrossProcesses() throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let a = handbook.folder.appendingPathComponent("a"), b = handbook.folder.appendingPathComponent("b")
        let environment = ["SOURCE_DATE_EPOCH": "1767225600"]
        #expect(try Self.run(["build", handbook.root.path, "--output", a.path], environment: environment).status == 0)
        #expect(try Self.run(["build", handbook.root.path, "--output", b.path], environment: environment).status == 0)
        let (first, second) = (BuiltSite.snapshot(of: a), BuiltSite.snapshot(of: b))
        #expect(!first.isEmpty)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first where second[path] != data {
            Issue.record("\(path) differs between two processes")
        }
    }
}

extension CommandLine {
    /// `.build/<config>/handbook`, next to the test bundle.
    static let handbookBinary: URL? = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(TestHandbook.repositoryRoot.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("handbook") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
