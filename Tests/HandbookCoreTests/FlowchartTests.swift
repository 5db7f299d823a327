import Foundation
import Testing
@testable import HandbookCore

/// The swimlane flowchart drawn into each process page (fixture `flowchart`).
@Suite("Flowchart SVG on process pages")
struct FlowchartTests {
    /// What the fixture's processes must draw.
    struct Expected: Sendable, CustomTestStringConvertible {
        var process: String
        var steps: [String]
        var lanes: [String]
        var decisions: Int
        var loops: Int
        var labels: [String]
        var testDescription: String { process }
    }

    static let cases = [
        Expected(process: "flow-main", steps: ["1", "2", "3", "4", "5", "归档"], lanes: ["客服部", "品保部", "Logistics"],
                 decisions: 2, loops: 1, labels: ["质量问题", "其他问题", "需补充调查", "通过"]),
        Expected(process: "flow-loop", steps: ["draft-text", "2", "3"], lanes: ["法务部", "品保部"],
                 decisions: 1, loops: 1, labels: ["退回修改", "同意"]),
        Expected(process: "flow-single", steps: ["1", "2", "3"], lanes: ["客服部"], decisions: 0, loops: 0, labels: []),
    ]

    func site() async throws -> BuiltSite {
        let site = try await TestHandbook(fixture: "flowchart").build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        return site
    }

    /// The chart of a page: its inline `<svg class="flowchart-svg">…</svg>` bands, all of them.
    static func svg(in html: String) -> String? {
        guard let start = html.range(of: "<svg class=\"flowchart-svg"),
              let end = html.range(of: "</svg>", options: .backwards) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Each edge once: a wide chart's bands each draw the arrows they cross.
    static func edges(in svg: String) -> Set<String> {
        Set(matches("<polyline (class=\"[^\"]*\" points=\"[^\"]*\")", in: svg).map { $0[0] })
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        text.matches(of: try! Regex(pattern)).map { match in
            (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
        }
    }

    /// Lane names as drawn: the tspans of each lane group, joined.
    static func laneNames(in svg: String) -> [String] {
        // Drawn once, in front of every band.
        let chart = svg.components(separatedBy: "<g id=\"flow-names\"").dropFirst().first?.components(separatedBy: "</defs>")[0] ?? ""
        return matches("<g class=\"lane(?: b)?\">(.*?)</g>", in: chart).map { lane in
            matches("<tspan[^>]*>([^<]*)</tspan>", in: lane[0]).map { HTML.decodeEntities($0[0]) }.joined(separator: " ")
        }
    }

    @Test("Nodes, lanes, markers, diamonds, branch labels and loops match the process", arguments: cases)
    func structure(_ expected: Expected) async throws {
        let html = try await site().text(Routes.process(expected.process))
        let svg = try #require(Self.svg(in: html), "no flowchart on \(expected.process)")
        #expect(HTML.count("<a class=\"node\"", in: svg) == expected.steps.count)
        #expect(Self.laneNames(in: svg) == expected.lanes)
        #expect(HTML.count("<g class=\"start\">", in: svg) == 1)
        #expect(HTML.count("<g class=\"end\">", in: svg) >= 1)
        #expect(HTML.count("<polygon", in: svg) == expected.decisions)
        #expect(Self.edges(in: svg).filter { $0.contains("edge loop") }.count == expected.loops)
        let branches = Self.matches("class=\"branch(?: e)?\">([^<]*)</text>", in: svg).map { HTML.decodeEntities($0[0]) }
        for label in expected.labels {
            #expect(branches.contains(label), "branch label \(label) missing from \(expected.process)")
        }
        if expected.loops > 0 { #expect(branches.contains("↺ 返回")) }
        // Every edge of the flow is drawn: the start arrow, one per task, two per decision.
        let edgeCount = Self.edges(in: svg).count
        #expect(edgeCount == 1 + expected.steps.count + expected.decisions)
    }

    @Test("Each node links to its own row: #step-<id>, and the page has that id", arguments: cases)
    func nodeLinks(_ expected: Expected) async throws {
        let html = try await site().text(Routes.process(expected.process))
        let svg = try #require(Self.svg(in: html))
        let hrefs = Self.matches("<a class=\"node\" href=\"([^\"]*)\"", in: svg).map { HTML.decodeEntities($0[0]) }
        let decoded = hrefs.map { $0.removingPercentEncoding ?? $0 }
        #expect(decoded == expected.steps.map { "#step-\($0)" }, "nodes in step order, one each")
        let ids = HTML.ids(in: html)
        for href in decoded {
            #expect(ids.contains(String(href.dropFirst())), "\(href) points at no id on \(expected.process)")
        }
    }

    @Test("The SVG is accessible: a group (it holds links) labelled by its title, a short description, nodes named with their party", arguments: cases)
    func accessibility(_ expected: Expected) async throws {
        let html = try await site().text(Routes.process(expected.process))
        let svg = try #require(Self.svg(in: html))
        let open = try #require(svg.range(of: ">").map { String(svg[..<$0.lowerBound]) })
        #expect(!svg.contains("role=\"img\""), "an image's content is presentational: its links were not reachable")
        #expect(open.contains("role=\"group\" aria-labelledby=\"flow-title\" aria-describedby=\"flow-desc\""))
        let title = try #require(Self.matches("<title id=\"flow-title\">([^<]*)</title>", in: svg).first?[0])
        #expect(title.contains("流程图"))
        let desc = try #require(Self.matches("<desc id=\"flow-desc\">([^<]*)</desc>", in: svg).first?[0])
        #expect(desc.contains("共 \(expected.steps.count) 个步骤"))
        for lane in expected.lanes { #expect(desc.contains(lane)) }
        #expect(!desc.contains("→"), "the steps are told in the list under the chart, not in one run-on description")
        let names = Self.matches("<a class=\"node\" href=\"[^\"]*\" aria-label=\"([^\"]*)\">", in: svg).map { HTML.decodeEntities($0[0]) }
        #expect(names.count == expected.steps.count)
        for (name, lane) in zip(names, names.map { name in expected.lanes.first { name.contains("（\($0)") } }) {
            #expect(lane != nil, "`\(name)` does not say who is responsible")
        }
        // Lanes, arrows and labels are hidden from screen readers: the list under the chart says them.
        #expect(HTML.count("<g aria-hidden=\"true\">", in: svg) == HTML.count("<svg class=\"flowchart-svg\"", in: svg))
        // Markers are named for screen readers too.
        #expect(svg.contains("<g class=\"start\"><title>开始</title>"))
        #expect(svg.contains("<g class=\"end\"><title>结束</title>"))
    }

    @Test("Every process of the sample handbook and of this fixture lays out cleanly (drafts included)")
    func sampleGeometry() async throws {
        for root in [TestHandbook.repositoryRoot, TestHandbook.fixture("flowchart")] {
            let loaded = await HandbookLoader.load(root: root)
            let (handbook, _) = await Resolver.resolve(loaded, drafts: true, today: "2026-01-01")
            #expect(!handbook.processes.isEmpty)
            for process in handbook.processes {
                let problems = FlowchartGeometryTests.problems(process) { handbook.department($0)?.name ?? $0 }
                #expect(problems.isEmpty, "\(problems.prefix(5))")
            }
        }
    }

    @Test("The process title in the SVG is escaped, not markup")
    func escapedTitle() async throws {
        let handbook = try TestHandbook(fixture: "flowchart")
        let path = "content/processes/flow-single.md"
        let source = try String(contentsOf: handbook.root.appendingPathComponent(path), encoding: .utf8)
        try handbook.write([path: source.replacingOccurrences(of: "title: 单部门流程", with: "title: \"单部门 <b>&</b> 流程\"")])
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let svg = try #require(Self.svg(in: site.text(Routes.process("flow-single"))))
        #expect(svg.contains("单部门 &lt;b&gt;&amp;&lt;/b&gt; 流程"))
        #expect(!svg.contains("<b>"))
    }

    @Test("Same input, byte-identical SVG, whatever folder the handbook is in")
    func deterministic() async throws {
        let first = try await site()
        let second = try await site()
        for expected in Self.cases {
            let a = try #require(Self.svg(in: first.text(Routes.process(expected.process))))
            let b = try #require(Self.svg(in: second.text(Routes.process(expected.process))))
            #expect(a == b, "\(expected.process) differs between two builds")
        }
    }

    @Test("Coordinates are whole numbers, and every shape stays inside the SVG's viewBox")
    func insideViewBox() async throws {
        let site = try await site()
        for expected in Self.cases {
            let svg = try #require(Self.svg(in: site.text(Routes.process(expected.process))))
            // The bands side by side make the chart: from 0 to the right edge of the last.
            let boxes = Self.matches("viewBox=\"(\\d+) 0 (\\d+) (\\d+)\"", in: svg).map { $0.map { Int($0)! } }
            #expect(boxes.first?[0] == 0)
            let (width, height) = (boxes.map { $0[0] + $0[1] }.max() ?? 0, boxes.first?[2] ?? 0)
            for points in Self.matches("points=\"([^\"]*)\"", in: svg) {
                for pair in points[0].split(separator: " ") {
                    let xy = pair.split(separator: ",").map { Int($0) }
                    #expect(xy.count == 2 && xy.allSatisfy { $0 != nil }, "not integer points: \(pair)")
                    guard xy.count == 2, let x = xy[0], let y = xy[1] else { continue }
                    #expect((0...width).contains(x) && (0...height).contains(y),
                            "\(expected.process): point \(x),\(y) outside \(width)×\(height)")
                }
            }
        }
    }

    /// Estimated boxes of the branch labels, grouped by the edge (its SVG lines, one per band) they belong to.
    static func labelBoxes(in svg: String) -> [[FlowLayout.Rect]] {
        let lines = svg.split(separator: "\n").filter { $0.hasPrefix("<polyline") }
        let edges = Dictionary(grouping: lines) { $0.prefix { $0 != "/" } }
        return edges.keys.sorted().map { edges[$0]!.joined() }.map { line in
            matches("<text x=\"(-?\\d+)\" y=\"(-?\\d+)\" class=\"branch( e)?\">([^<]*)</text>",
                    in: String(line)).map { label in
                let width = TextMetrics.width(of: HTML.decodeEntities(label[3]), fontSize: 11)
                let x = Double(label[0])! - (label[2].isEmpty ? 0 : width)
                return FlowLayout.Rect(x: x, y: Double(label[1])! - 11, width: width, height: 13)
            }
        }
    }

    @Test("Branch labels of different arrows never overlap each other")
    func labelsApart() async throws {
        let site = try await site()
        // flow-main: 其他问题 from step 2 and 通过 from step 4 both enter step 5; their labels stack.
        do {
            for expected in Self.cases {
                let svg = try #require(Self.svg(in: site.text(Routes.process(expected.process))))
                let edges = Self.labelBoxes(in: svg)
                for a in edges.indices {
                    for b in edges.indices where b > a {
                        for boxA in edges[a] {
                            for boxB in edges[b] {
                                #expect(!boxA.intersects(boxB), "\(expected.process): labels of edges \(a) and \(b) overlap")
                            }
                        }
                    }
                }
            }
        }
    }
}
