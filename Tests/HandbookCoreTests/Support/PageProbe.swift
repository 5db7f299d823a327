import Foundation
import Testing

/// Runs a script in a built page as Chromium shows it and reads back what the script reports.
/// The script runs in a copy of the page beside it (same folder: its links and assets resolve
/// as in the page), and calls `report(value)` once; `--dump-dom` then carries the value out.
/// With `width`, the copy is opened in an iframe that wide: headless Chromium's window is at
/// least 500 px, and an iframe is a viewport of its own (its media queries, its `innerWidth`),
/// which reports to the page around it with `postMessage`.
enum PageProbe {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `report`'s value, as JSON text.
    /// `query`: a query string the copy is opened with (`q=投诉` for search results).
    static func run(_ page: URL, script: String, width: Int? = nil, query: String? = nil, extraScripts: [URL] = [],
                    in folder: URL) async throws -> String {
        let html = try String(contentsOf: page, encoding: .utf8)
        let name = "probe-\(UUID().uuidString)"
        let copy = page.deletingLastPathComponent().appendingPathComponent("\(name).html")
        let report = """
            const report = value => {
              const text = JSON.stringify(value);
              if (window.parent !== window) { window.parent.postMessage(text, '*'); return; }
              const pre = document.createElement('pre'); pre.id = 'probe-result'; pre.textContent = text;
              document.body.appendChild(pre);
            };
            """
        let tags = extraScripts.map { "<script src=\"\($0.absoluteString)\"></script>" }.joined()
            + "<script>\n\(report)\n\(script)\n</script>"
        guard html.contains("</body>") else { throw Failure(description: "\(page.path) has no </body>") }
        try html.replacingOccurrences(of: "</body>", with: tags + "</body>").write(to: copy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: copy) }

        var open = copy
        if let query, let url = URL(string: "?" + (query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query), relativeTo: copy) {
            open = url.absoluteURL
        }
        if let width {
            let wrapper = page.deletingLastPathComponent().appendingPathComponent("\(name)-frame.html")
            try """
                <!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
                <iframe src="\(open.lastPathComponent)\(open.query.map { "?" + $0 } ?? "")" style="width:\(width)px;height:844px;border:0;display:block"></iframe>
                <script>addEventListener('message', e => { const pre = document.createElement('pre'); pre.id = 'probe-result'; pre.textContent = e.data; document.body.appendChild(pre); });</script>
                </body></html>
                """.write(to: wrapper, atomically: true, encoding: .utf8)
            open = wrapper
        }
        defer { if width != nil { try? FileManager.default.removeItem(at: open) } }
        // Virtual time: the dump waits for timers and promises (axe's) to settle, up to the budget.
        let dom = String(decoding: try await Chromium.run(["--window-size=1280,1600", "--hide-scrollbars", "--virtual-time-budget=30000",
                                                           "--dump-dom", open.absoluteString], in: folder, timeout: .seconds(120)),
                         as: UTF8.self)
        guard let match = dom.firstMatch(of: /<pre id="probe-result">(.*?)<\/pre>/) else {
            throw Failure(description: "no report from the probe of \(page.lastPathComponent)")
        }
        return HTML.decodeEntities(String(match.output.1))
    }

    /// `run`, its report decoded as `T`.
    static func decode<T: Decodable>(_ type: T.Type, _ page: URL, script: String, width: Int? = nil, query: String? = nil,
                                     extraScripts: [URL] = [], in folder: URL) async throws -> T {
        let json = try await run(page, script: script, width: width, query: query, extraScripts: extraScripts, in: folder)
        do {
            return try JSONDecoder().decode(T.self, from: Data(json.utf8))
        } catch {
            throw Failure(description: "the probe of \(page.lastPathComponent) reported \(json.prefix(500)): \(error)")
        }
    }
}
