import Foundation
import Testing
@testable import HandbookCore

/// The sample site as a browser shows it, opened from `file://` with no server.
@Suite("Browser", .serialized, .enabled(if: Chromium.path != nil, "chromium is not on PATH; browser tests skipped"))
struct BrowserTests {
    /// The sample handbook, built into a temporary folder.
    func buildSample() async throws -> (site: BuiltSite, folder: URL) {
        let (site, folder) = try await SampleHandbookTests.build()
        try #require(site.report.published, "the sample handbook does not build: \(site.errors.map(\.formatted))")
        return (site, folder)
    }

    /// The first link of `html` whose target contains `fragment`, resolved against `page`.
    func follow(_ fragment: String, from html: String, at page: URL) throws -> URL {
        let href = try #require(HTML.attributes("href", in: html).first { $0.contains(fragment) },
                                "no link to \(fragment) on \(page.lastPathComponent)")
        return try #require(URL(string: href, relativeTo: page)).absoluteURL.standardized
    }

    @Test("Following links from the home page leads to process and department pages with their titles")
    func navigation() async throws {
        let (site, folder) = try await buildSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let home = site.url("index.html")
        let homeDOM = try await Chromium.dumpDOM(home, in: folder)
        #expect(homeDOM.contains("<title>流程手册</title>"), "the home page is titled by the site alone")
        #expect(homeDOM.contains("欢迎使用示例科技有限公司流程手册"))

        let processURL = try follow("processes/complaint-handling/", from: homeDOM, at: home)
        #expect(processURL.path == site.url("processes/complaint-handling/index.html").standardized.path)
        let processDOM = try await Chromium.dumpDOM(processURL, in: folder)
        #expect(processDOM.contains("<title>客户投诉处理流程 · 流程手册</title>"))
        #expect(processDOM.contains("<h1>客户投诉处理流程</h1>"))
        #expect(HTML.stepRowIDs(in: processDOM) == (1...6).map { "step-\($0)" })
        for name in SampleHandbookTests.seedSteps { #expect(processDOM.contains(name)) }

        // The header's 部门 entry leads to the organisation's tree, and on to the department.
        let departmentsURL = try follow("departments/index.html", from: homeDOM, at: home)
        let departmentsDOM = try await Chromium.dumpDOM(departmentsURL, in: folder)
        let departmentURL = try follow("customer-service/index.html", from: departmentsDOM, at: departmentsURL)
        let departmentDOM = try await Chromium.dumpDOM(departmentURL, in: folder)
        #expect(departmentDOM.contains("<title>客服部 · 流程手册</title>"))
        #expect(departmentDOM.contains("<h1>客服部</h1>"))

        // And on from the department page to a role's training checklist.
        let trainingURL = try follow("training/customer-service/cs-agent/", from: departmentDOM, at: departmentURL)
        let trainingDOM = try await Chromium.dumpDOM(trainingURL, in: folder)
        #expect(trainingDOM.contains("<h1>客服部 · 客服专员</h1>"))
        #expect(trainingDOM.contains("客户投诉接收"))
        #expect(!trainingDOM.contains("投诉分类与初步判断"), "step 2 is the supervisor's, not the agent's")
    }

    @Test("The flowchart is drawn black on white as Chromium computes it: lanes, arrows, loops, boxes, labels")
    func flowchartLook() async throws {
        let (site, folder) = try await buildSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A copy of the process page with a script that reads the styles Chromium computes for
        // one element of each kind and writes them into the page for `--dump-dom`.
        let script = #"""
            <script>
            const q = s => document.querySelector(s), out = {};
            const pick = (name, el, props) => { out[name] = el ? props.map(p => getComputedStyle(el).getPropertyValue(p)).join('|') : null; };
            const lanes = document.querySelectorAll('.flowchart-svg g.lane rect');
            pick('lane1', lanes[0], ['fill', 'stroke']);
            pick('lane2', lanes[1], ['fill', 'stroke']);
            pick('laneLine', q('.flowchart-svg g.lane line'), ['stroke']);
            pick('laneText', q('.flowchart-svg g.lane text'), ['font-weight', 'font-size', 'text-anchor']);
            pick('edge', q('.flowchart-svg polyline.edge:not(.loop)'), ['fill', 'stroke', 'stroke-width', 'marker-end']);
            pick('loop', q('.flowchart-svg polyline.loop'), ['fill', 'stroke', 'stroke-dasharray', 'marker-end']);
            pick('task', q('.flowchart-svg a.node rect'), ['fill', 'stroke', 'stroke-width', 'rx']);
            pick('decision', q('.flowchart-svg a.node polygon'), ['fill', 'stroke', 'stroke-width']);
            pick('nodeText', q('.flowchart-svg a.node text'), ['font-size', 'text-anchor', 'font-weight']);
            pick('branch', q('.flowchart-svg text.branch'), ['font-size']);
            const pre = document.createElement('pre'); pre.id = 'computed'; pre.textContent = JSON.stringify(out);
            document.body.appendChild(pre);
            </script>
            """#
        let page = site.text("processes/complaint-handling/index.html").replacingOccurrences(of: "</body>", with: script + "</body>")
        let probe = site.url("processes/complaint-handling/probe.html")
        try page.write(to: probe, atomically: true, encoding: .utf8)
        let dom = try await Chromium.dumpDOM(probe, in: folder)
        let json = try #require(dom.firstMatch(of: /<pre id="computed">(.*?)<\/pre>/).map { HTML.decodeEntities(String($0.output.1)) })
        let styles = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String], "\(json)")
        #expect(styles == [
            "lane1": "rgb(244, 244, 244)|rgb(136, 136, 136)", "lane2": "rgb(255, 255, 255)|rgb(136, 136, 136)",
            "laneLine": "rgb(136, 136, 136)", "laneText": "700|13px|middle",
            "edge": "none|rgb(0, 0, 0)|1.3px|url(\"#arrow\")", "loop": "none|rgb(0, 0, 0)|6px, 4px|url(\"#arrow-open\")",
            "task": "rgb(255, 255, 255)|rgb(0, 0, 0)|1.5px|6px", "decision": "rgb(255, 255, 255)|rgb(0, 0, 0)|1.5px",
            "nodeText": "13px|middle|400", "branch": "11px",
        ])
    }

    @Test("Screenshots of the home, process and department pages are real images")
    func screenshots() async throws {
        let (site, folder) = try await buildSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, page) in [("home", "index.html"), ("process", "processes/complaint-handling/index.html"),
                             ("department", "departments/customer-service/index.html")] {
            let png = folder.appendingPathComponent("\(name).png")
            try await Chromium.screenshot(site.url(page), to: png, in: folder)
            let data = try Data(contentsOf: png)
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name).png is not a PNG")
            // A blank 1280×1600 page compresses to a few kilobytes; a rendered page does not.
            #expect(data.count > 20_000, "\(name).png is only \(data.count) bytes")
            if data.count >= 24 {
                let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
                let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
                #expect(width == 1280 && height == 1600, "\(name).png is \(width)×\(height)")
            }
        }
    }
}
