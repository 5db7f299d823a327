import ArgumentParser
import Foundation
import HandbookCore
import HandbookServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the handbook over HTTP; rebuild and reload open pages on every change.")

    @Argument(help: "The handbook folder.") var root = "."
    @Option(help: "Port to listen on.") var port = 8000
    @Option(help: "Address to bind; loopback by default, so the preview is not on the network.") var host = "127.0.0.1"
    @Flag(help: "Also show draft and review processes.") var drafts = false
    @Flag(help: "Also read approved versions from git (version history, comparisons, marks), again on every rebuild.")
    var history = false
    @Option(name: .customLong("lang"), help: "Language of diagnostics in the log and the browser: zh-CN or en (default: `language` of handbook.yml).")
    var language: HandbookConfig.Language?

    func validate() throws {
        // A larger number would wrap around (65536 + n binds port n) or fail obscurely.
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535 (0: any free port)") }
    }

    func run() async throws {
        var options = Pipeline.Options(root: try Console.root(root, in: language), drafts: drafts, date: Console.buildDate())
        options.language = language
        // Off by default: the versions change only when a commit is made, and reading them
        // again would add git and the old files' parsing to every save's rebuild.
        options.history = history
        let server = PreviewServer(options: options, host: host, port: port)
        // The start-up lines in the handbook's language, as its diagnostics.
        let zh = (language ?? Pipeline.language(root: options.root)) == .zhCN
        if !SitePath.isLoopback(host) {
            Console.error(zh ? "警告：\(host) 不是本机回环地址：别的机器也能打开这个预览（草稿和错误信息都在内），而且不论用什么主机名访问都会应答"
                             : "warning: \(host) is not a loopback address: other machines can reach this preview, drafts and error messages included, and it answers any Host name")
        }
        // An IPv6 address goes in brackets in a URL.
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        do {
            try await server.run(log: { Console.error($0) }, onReady: { port in
                Console.error(zh ? "预览地址：http://\(shown):\(port)/（按 Ctrl-C 停止）" : "Serving on http://\(shown):\(port)/ (Ctrl-C to stop)")
            })
        } catch {
            Console.error(zh ? "错误：无法在 \(shown):\(port) 上启动预览：\(error)" : "error: cannot serve on \(shown):\(port): \(error)")
            throw ExitCode(2)
        }
    }
}
