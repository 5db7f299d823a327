import Foundation
import HandbookCore
import HandbookTemplate

/// What served pages get and built pages never do: a reload snippet listening for rebuilds,
/// and the diagnostics of a failed build shown over the last good page.
enum LiveReload {
    static let eventsPath = "/__handbook/events"

    static func inject(into html: [UInt8], version: Int, diagnostics: [Diagnostic], language: HandbookConfig.Language = .en) -> [UInt8] {
        var page = String(decoding: html, as: UTF8.self)
        var snippet = """
        <script>(function(){var v=\(version);var s=new EventSource("\(eventsPath)");s.onmessage=function(e){if(+e.data!==v){location.reload();}};})();</script>
        """
        if diagnostics.hasErrors {
            let lines = diagnostics.map { "<li>" + HTMLEscape.escaped($0.formatted(in: language)) + "</li>" }.joined()
            let title = language == .zhCN ? "生成失败：下面是上一次成功生成的网站（如有）。" : "Build failed — showing the last good site, if any."
            snippet += """
            <div id="handbook-errors" role="alert" lang="\(language.rawValue)" style="position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;background:#fff4f4;border-top:3px solid #b00;color:#600;padding:.8rem 1.2rem;font:13px/1.5 monospace;z-index:99"><strong>\(title)</strong><ul style="margin:.4rem 0 0;padding-left:1.2rem">\(lines)</ul></div>
            """
        }
        if let range = page.range(of: "</body>", options: .backwards) {
            page.replaceSubrange(range, with: snippet + "</body>")
        } else {
            page += snippet
        }
        return Array(page.utf8)
    }
}
