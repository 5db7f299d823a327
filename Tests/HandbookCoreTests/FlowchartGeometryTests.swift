import Foundation
import Testing
@testable import HandbookCore

/// `FlowLayout` on its own: nothing overlaps, labels fit, edges join what they connect.
@Suite("Flowchart geometry")
struct FlowchartGeometryTests {
    // MARK: Building processes
    /// A step; `next` nil means "the following step" (or the end, for the last one).
    struct S {
        var id, name, department: String
        var decision = false
        var next: [(String?, String?)]? = nil
    }

    static func process(_ steps: [S]) -> HandbookCore.Process {
        let here = SourcePosition(path: "test.md", line: 1, column: 1)
        let resolved = steps.enumerated().map { index, s -> Step in
            let next = s.next.map { $0.map { Step.Edge(to: $0.0, when: $0.1) } }
                ?? [Step.Edge(to: index + 1 < steps.count ? steps[index + 1].id : nil, when: nil)]
            return Step(id: s.id, name: s.name, input: [], responsible: Party(departmentID: s.department, roleID: nil),
                        accountable: nil, collaborators: [], informed: [], dutiesHTML: "", dutiesText: "", deadline: nil,
                        outputs: [], risk: nil, kind: s.decision ? .decision : .task, next: next, source: here)
        }
        return HandbookCore.Process(id: "p", title: "测试", ownerID: steps.first?.department ?? "", status: .approved, version: nil,
                       effective: nil, approvedBy: nil, reviewDue: nil, category: nil, summary: nil, goals: [], inputs: [],
                       changes: [], steps: resolved, bodyHTML: "", source: here)
    }

    // MARK: The properties
    static func contains(_ outer: FlowLayout.Rect, _ inner: FlowLayout.Rect) -> Bool {
        inner.x >= outer.x && inner.y >= outer.y && inner.maxX <= outer.maxX && inner.maxY <= outer.maxY
    }

    /// Everything wrong with the layout of `process`, as readable lines (empty when all is well).
    static func problems(_ process: HandbookCore.Process, laneName: (String) -> String = { $0 }) -> [String] {
        let layout = FlowLayout(process: process, laneName: laneName), steps = process.steps
        var problems: [String] = []
        func fail(_ message: String) { problems.append("\(process.id): \(message)") }
        let fontSize = FlowLayout.fontSize, lineHeight = FlowLayout.lineHeight
        let bounds = FlowLayout.Rect(x: 0, y: 0, width: layout.width, height: layout.height)

        // Lanes: one per responsible department, in order of first appearance, stacked without gaps.
        var order: [String] = []
        for step in steps where !order.contains(step.responsible.departmentID) { order.append(step.responsible.departmentID) }
        if layout.lanes.map(\.departmentID) != order { fail("lanes \(layout.lanes.map(\.departmentID)) ≠ \(order)") }
        if layout.lanes.map(\.name) != order.map(laneName) { fail("lane names \(layout.lanes.map(\.name))") }
        for (n, lane) in layout.lanes.enumerated() {
            if n > 0, lane.frame.y != layout.lanes[n - 1].frame.maxY { fail("lane \(n) does not follow lane \(n - 1)") }
            if !contains(bounds, lane.frame) { fail("lane \(n) outside the drawing") }
            for line in lane.lines where TextMetrics.width(of: line, fontSize: fontSize) > FlowLayout.laneLabelWidth - 20 {
                fail("lane label line `\(line)` is wider than the label column")
            }
            if Double(lane.lines.count) * lineHeight > lane.frame.height {
                fail("lane `\(lane.name)`: \(lane.lines.count) label lines do not fit its height \(lane.frame.height)")
            }
        }

        // Nodes: start, one per step, ends.
        let stepNodes = layout.nodes.enumerated().filter { $0.element.stepIndex != nil }
        if stepNodes.map({ $0.element.stepIndex! }) != Array(steps.indices) { fail("not one node per step, in order") }
        if layout.nodes.filter({ $0.kind == .start }).count != 1 { fail("not exactly one start marker") }
        if layout.nodes.filter({ $0.kind == .end }).isEmpty { fail("no end marker") }
        for (n, node) in layout.nodes.enumerated() {
            let name = node.stepIndex.map { "step \(steps[$0].id)" } ?? "\(node.kind) marker"
            guard layout.lanes.indices.contains(node.lane) else { fail("\(name) in no lane"); continue }
            if !contains(layout.lanes[node.lane].frame, node.frame) { fail("\(name) sticks out of its lane") }
            for (m, other) in layout.nodes.enumerated() where m > n && node.frame.intersects(other.frame) {
                fail("\(name) overlaps node \(m)")
            }
            guard let index = node.stepIndex else { continue }
            let step = steps[index]
            if node.lane != order.firstIndex(of: step.responsible.departmentID) { fail("\(name) in the wrong lane") }
            if (node.kind == .decision) != (step.kind == .decision) { fail("\(name) has the wrong shape") }
            let box = node.textBox
            for line in node.lines where TextMetrics.width(of: line, fontSize: fontSize) > box.width {
                fail("\(name): line `\(line)` wider than its text box (\(box.width))")
            }
            if Double(node.lines.count) * lineHeight > box.height {
                fail("\(name): \(node.lines.count) lines do not fit the text box height \(box.height)")
            }
            let label = "\(step.id) \(step.name)".filter { $0 != " " }
            if node.lines.joined().filter({ $0 != " " }) != label { fail("\(name): label lost text: \(node.lines)") }
        }

        // Edges: the start arrow plus one per `next`; from the source's right side to the target's left side.
        let index = Dictionary(steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        if layout.edges.count != 1 + steps.reduce(0) { $0 + $1.next.count } { fail("\(layout.edges.count) edges") }
        for (e, edge) in layout.edges.enumerated() {
            guard let first = edge.points.first, let last = edge.points.last, edge.points.count >= 2 else {
                fail("edge \(e) has no points"); continue
            }
            let source = layout.nodes[edge.from].frame, target = layout.nodes[edge.to].frame
            if first != FlowLayout.Point(x: source.maxX, y: source.midY) { fail("edge \(e) does not start at its source") }
            // Forward arrows come in from the left; a loop may come in from the left or from below.
            if !onOutline(last, layout.nodes[edge.to]) { fail("edge \(e) ends at \(last), off its target's outline \(target)") }
            if !edge.isLoop && last.x != target.x { fail("edge \(e) does not end at its target's left side") }
            if edge.isLoop && last.x != target.x && last.y != target.maxY { fail("loop \(e) ends neither left of nor below its target") }
            for (a, b) in zip(edge.points, edge.points.dropFirst()) where a.x != b.x && a.y != b.y {
                fail("edge \(e) has a slanted segment \(a) → \(b)")
            }
            for point in edge.points where !contains(bounds, FlowLayout.Rect(x: point.x, y: point.y, width: 0, height: 0)) {
                fail("edge \(e) leaves the drawing at \(point)")
            }
            if let from = layout.nodes[edge.from].stepIndex, let to = layout.nodes[edge.to].stepIndex {
                if edge.isLoop != (to <= from) { fail("edge \(steps[from].id) → \(steps[to].id): loop is \(edge.isLoop)") }
                if !steps[from].next.contains(where: { $0.to.flatMap { index[$0] } == to }) { fail("edge \(e) is not in the flow") }
            }
            // Segments run through gaps and channels: never across a box they do not join.
            for (a, b) in zip(edge.points, edge.points.dropFirst()) {
                let segment = FlowLayout.Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x), height: abs(a.y - b.y))
                for (n, node) in layout.nodes.enumerated() where n != edge.from && n != edge.to {
                    let inner = FlowLayout.Rect(x: node.frame.x + 1, y: node.frame.y + 1,
                                                width: node.frame.width - 2, height: node.frame.height - 2)
                    if segment.x <= inner.maxX && inner.x <= segment.maxX && segment.y <= inner.maxY && inner.y <= segment.maxY {
                        fail("edge \(e) crosses node \(n)")
                    }
                }
            }
        }
        // Parallel segments of unrelated edges (no common end) are kept apart, or one arrow would hide another.
        for (e, edge) in layout.edges.enumerated() {
            for (f, other) in layout.edges.enumerated() where f > e && edge.from != other.from && edge.to != other.to {
                for (a, b) in zip(edge.points, edge.points.dropFirst()) {
                    for (c, d) in zip(other.points, other.points.dropFirst()) where overlap(a, b, c, d) {
                        fail("edges \(e) and \(f) run on top of each other at \(a) → \(b)")
                    }
                }
            }
        }
        return problems
    }

    /// Whether `point` lies on the drawn outline of `node`: the rectangle, diamond or circle.
    static func onOutline(_ point: FlowLayout.Point, _ node: FlowLayout.Node) -> Bool {
        let f = node.frame, tolerance = 0.5
        switch node.kind {
        case .task:
            let onSide = (abs(point.x - f.x) < tolerance || abs(point.x - f.maxX) < tolerance) && point.y >= f.y && point.y <= f.maxY
            let onEdge = (abs(point.y - f.y) < tolerance || abs(point.y - f.maxY) < tolerance) && point.x >= f.x && point.x <= f.maxX
            return onSide || onEdge
        case .decision:
            return abs(abs(point.x - f.midX) / (f.width / 2) + abs(point.y - f.midY) / (f.height / 2) - 1) < 0.01
        case .start, .end:
            return abs(((point.x - f.midX) * (point.x - f.midX) + (point.y - f.midY) * (point.y - f.midY)).squareRoot() - f.width / 2) < tolerance
        }
    }

    /// Whether two axis-parallel segments lie on one line and share more than a point.
    static func overlap(_ a: FlowLayout.Point, _ b: FlowLayout.Point, _ c: FlowLayout.Point, _ d: FlowLayout.Point) -> Bool {
        func shared(_ p: Double, _ q: Double, _ r: Double, _ s: Double) -> Double { min(max(p, q), max(r, s)) - max(min(p, q), min(r, s)) }
        if a.x == b.x && c.x == d.x && a.x == c.x { return shared(a.y, b.y, c.y, d.y) > 0.5 }
        if a.y == b.y && c.y == d.y && a.y == c.y { return shared(a.x, b.x, c.x, d.x) > 0.5 }
        return false
    }

    // MARK: Generated corpora
    /// Processes shaped as the benchmark generator (`bench/gen-corpus.py`) makes them, written
    /// here so the test needs nothing outside the repository: 12 departments of 2–5 roles, 60
    /// processes of 6–15 steps, each step given to a random role with up to two collaborating
    /// departments, and a decision halfway that skips a step. Seeded: the same every run.
    static func corpusFiles(seed: Int) -> [String: String] {
        var random = SplitMix64(seed: UInt64(seed))
        var files: [String: String] = ["handbook.yml": "title: 示例集团流程手册\nlanguage: zh-CN\n"]
        var roles: [[String]] = []
        for d in 0..<12 {
            let ids = (0..<Int.random(in: 2...5, using: &random)).map { "dept-\(d)-r\($0)" }
            roles.append(ids)
            files["content/departments/dept-\(d).md"] = "---\nname: 部门\(d)\nhead: \(ids[0])\nroles:\n"
                + ids.map { "  - id: \($0)\n    name: 岗位\($0)\n" }.joined() + "---\n"
        }
        let verbs = ["记录", "审核", "分类", "转办", "调查", "确认", "汇总", "归档"], nouns = ["投诉工单", "采购申请", "合同草案", "质量报告"]
        for p in 0..<60 {
            let count = Int.random(in: 6...15, using: &random)
            var text = "---\ntitle: 流程\(p)\nowner: dept-\(Int.random(in: 0..<12, using: &random))\nstatus: approved\n"
                + "version: \"1.0\"\neffective: 2026-01-01\napproved_by: 经理\ninputs: [申请]\nsteps:\n"
            for s in 1...count {
                let d = Int.random(in: 0..<12, using: &random)
                let collaborators = (0..<Int.random(in: 0...2, using: &random)).map { _ in Int.random(in: 0..<12, using: &random) }
                    .filter { $0 != d }.map { "dept-\($0)" }
                text += "  - id: \(s)\n    name: \(verbs.randomElement(using: &random)!)\(nouns.randomElement(using: &random)!)\n"
                    + "    input: \(s == 1 ? "申请" : "输出\(s - 1)")\n    responsible: dept-\(d)/\(roles[d].randomElement(using: &random)!)\n"
                    + "    collaborators: [\(collaborators.joined(separator: ", "))]\n    duties: 记录并审核。\n    outputs: [输出\(s)]\n"
                if s == count / 2, s + 2 <= count {
                    text += "    type: decision\n    next:\n      - to: \(s + 1)\n        when: 需跨部门协同\n      - to: \(s + 2)\n        when: 可直接处理\n"
                }
            }
            files["content/processes/proc-\(p).md"] = text + "---\n"
        }
        return files
    }

    /// The generated processes, loaded and resolved.
    static func corpus(seed: Int) async throws -> Handbook {
        let written = try TestHandbook(corpusFiles(seed: seed))
        let loaded = await HandbookLoader.load(root: written.root)
        let (handbook, diagnostics) = await Resolver.resolve(loaded, drafts: false, today: "2026-01-01")
        #expect(diagnostics.filter { $0.severity == .error }.map(\.formatted) == [])
        return handbook
    }

    @Test("Every process of a generated corpus lays out cleanly", arguments: [1, 7, 42])
    func generated(seed: Int) async throws {
        let handbook = try await Self.corpus(seed: seed)
        #expect(handbook.processes.count == 60)
        #expect(handbook.processes.filter { $0.steps.contains { $0.kind == .decision } }.count > 30, "the corpus has decisions to lay out")
        var problems: [String] = []
        for process in handbook.processes {
            problems += Self.problems(process) { handbook.department($0)?.name ?? $0 }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10))")
    }

    // MARK: Hand-made edge cases

    static let longChinese = String(repeating: "客户投诉信息核实与跨部门协同处理", count: 5)
    static let longEnglish = "Verify the supplier's internationalization-and-localization-certification documents before the quarterly procurement committee meeting"

    static let edgeCases: [(String, [S])] = [
        ("loop back to step 1", [
            S(id: "1", name: "起草", department: "a"),
            S(id: "2", name: "审核", department: "b"),
            S(id: "3", name: "是否通过", department: "a", decision: true, next: [("1", "退回"), (nil, "通过")]),
        ]),
        ("a branch into another department's lane", [
            S(id: "1", name: "受理", department: "a"),
            S(id: "2", name: "分类", department: "a", decision: true, next: [("3", "质量问题"), ("4", "其他")]),
            S(id: "3", name: "调查", department: "b", next: [("5", nil)]),
            S(id: "4", name: "直接处理", department: "c", next: [("5", nil)]),
            S(id: "5", name: "回复", department: "a"),
        ]),
        ("30 steps in 8 lanes", (1...30).map { n -> S in
            let decision = n % 6 == 0 && n < 29
            let next: [(String?, String?)]? = decision ? [("\(n + 1)", "是"), (n % 12 == 0 ? "\(n - 4)" : "\(n + 2)", "否")] : nil
            return S(id: "\(n)", name: "步骤\(n)", department: "d\(n * 3 % 8)", decision: decision, next: next)
        }),
        ("a single lane", (1...5).map { S(id: "\($0)", name: "单一部门步骤\($0)", department: "solo") }),
        ("very long Chinese and English names", [
            S(id: "1", name: longChinese, department: "a"),
            S(id: "2", name: longEnglish, department: "b", decision: true, next: [("3", "需跨部门协同处理的复杂情况"), ("4", "done")]),
            S(id: "3", name: "Supercalifragilisticexpialidociousinternationalization", department: "a"),
            S(id: "4", name: longChinese + longEnglish, department: "b", decision: true, next: [("1", nil), (nil, nil)]),
        ]),
        ("step ids that are text", [
            S(id: "收货确认", name: "确认收货", department: "仓储部"),
            S(id: "quality-check-before-acceptance-and-payment", name: "检验", department: "品保部", decision: true,
              next: [("收货确认", "不合格"), ("付款", "合格")]),
            S(id: "付款", name: "付款", department: "财务部"),
        ]),
        ("a decision with many branches into other lanes", [
            S(id: "1", name: "分派", department: "a", decision: true,
              next: (2...8).map { ("\($0)", "情形\($0)") }),
        ] + (2...8).map { S(id: "\($0)", name: "处理\($0)", department: $0 % 2 == 0 ? "b" : "c", next: [("9", nil)]) }
          + [S(id: "9", name: "汇总", department: "a")]),
        ("several ends in several lanes, and a branch straight to the end", [
            S(id: "1", name: "申请", department: "a"),
            S(id: "2", name: "初审", department: "b", decision: true, next: [(nil, "驳回"), ("3", "通过")]),
            S(id: "3", name: "终审", department: "c", decision: true, next: [(nil, "驳回"), ("4", "通过")]),
            S(id: "4", name: "执行", department: "a"),
        ]),
    ]

    @Test("Hand-made edge cases lay out cleanly", arguments: edgeCases.indices)
    func handMade(_ index: Int) {
        let (name, steps) = Self.edgeCases[index]
        let problems = Self.problems(Self.process(steps))
        #expect(problems.isEmpty, "\(name): \(problems.prefix(10))")
    }

    @Test("Long names wrap onto several lines inside the box")
    func wrapping() {
        let layout = FlowLayout(process: Self.process(Self.edgeCases[4].1), laneName: { $0 })
        let tasks = layout.nodes.filter { $0.kind == .task }
        #expect(tasks.allSatisfy { $0.lines.count > 1 })
        #expect(tasks.map(\.frame.width).allSatisfy { $0 == FlowLayout.taskWidth }, "boxes grow down, not sideways")
    }

    /// Layouts that once showed a bug (lane names spilling out, a loop through a box, a loop
    /// ending beside a diamond): what went wrong, the steps, lane names.
    static let fixedBugs: [(String, [S], [String: String])] = [
        ("1 → 4 came down into step 4 left of where step 3's arrows leave, and ran along 3's loop at that height",
         [S(id: "1", name: "分类", department: "a", decision: true, next: [("2", "复杂"), ("4", "简单")]),
          S(id: "2", name: "调查", department: "a"),
          S(id: "3", name: "复核", department: "a", decision: true, next: [("1", "重新分类"), ("4", "通过")]),
          S(id: "4", name: "回复", department: "a")], [:]),
        ("a lane is as tall as its boxes; its wrapped label is not counted and spills out of it",
         [S(id: "1", name: "受理", department: "a"), S(id: "2", name: "处理", department: "b")],
         ["a": String(repeating: "集团客户体验与质量保障管理中心", count: 4),
          "b": "Group Customer Experience and Quality Assurance Management Centre for the Asia Pacific Region"]),
        ("a loop rises into its target from below, straight through the box of the other branch under it",
         [S(id: "1", name: "分流", department: "a", decision: true, next: [("2", "甲"), ("3", "乙")]),
          S(id: "2", name: "甲处理", department: "a", next: [("4", nil)]),
          S(id: "3", name: "乙处理", department: "b", next: [("4", nil)]),
          S(id: "4", name: "检查", department: "a", decision: true, next: [("2", "返工"), (nil, "完成")])], [:]),
        ("the second loop into a decision ends 8 px beside the diamond's bottom corner, in the air",
         [S(id: "1", name: "是否受理", department: "a", decision: true, next: [("2", "受理"), (nil, "不受理")]),
          S(id: "2", name: "初审", department: "b", decision: true, next: [("1", "补充材料"), ("3", "通过")]),
          S(id: "3", name: "终审", department: "c", decision: true, next: [("1", "重新申请"), (nil, "通过")])], [:]),
    ]

    @Test("Layouts that once broke are clean", arguments: fixedBugs.indices)
    func fixedBug(_ index: Int) {
        let (bug, steps, names) = Self.fixedBugs[index]
        let problems = Self.problems(Self.process(steps)) { names[$0] ?? $0 }
        #expect(problems.isEmpty, "\(bug): \(problems)")
    }

    @Test("Layout and drawing are deterministic")
    func deterministic() {
        let process = Self.process(Self.edgeCases[2].1)
        let words = FlowchartSVG.Words(title: "t", start: "s", end: "e", loop: "l", summary: { "\($0) \($1)" })
        let draw = { FlowchartSVG.render(FlowLayout(process: process, laneName: { $0 }), process: process, words: words) }
        let svg = draw()
        // The lane groups twice, names and backgrounds, however many bands show them.
        let layout = FlowLayout(process: process, laneName: { $0 })
        #expect(svg == draw() && HTML.count("<a class=\"node\"", in: svg) == 30 && HTML.count("<g class=\"lane", in: svg) == layout.lanes.count * 2)
        #expect(HTML.count("<use href=\"#flow-edges\"/>", in: svg) == FlowchartSVG.bands(layout).count - 1)
    }

    @Test("A chart wider than a page is cut into bands of one scale, each at most a page wide, just after a column's boxes")
    func printSlices() {
        let process = Self.process(Self.edgeCases[2].1)
        let layout = FlowLayout(process: process, laneName: { $0 })
        let slices = FlowchartSVG.slices(layout)
        #expect(layout.width > FlowchartSVG.printWidth && slices.count >= 2)
        #expect(slices.first?.lowerBound == FlowLayout.laneLabelWidth && slices.last?.upperBound == layout.width)
        for (a, b) in zip(slices, slices.dropFirst()) { #expect(a.upperBound == b.lowerBound, "gap or overlap between slices") }
        for slice in slices {
            #expect(slice.upperBound - slice.lowerBound + FlowLayout.laneLabelWidth <= FlowchartSVG.printWidth, "\(slice) too wide")
        }
        // No box is cut: every node lies wholly in one slice.
        for node in layout.nodes {
            #expect(slices.contains { $0.lowerBound <= node.frame.x && node.frame.maxX <= $0.upperBound }, "\(node.frame) is cut")
        }
        let words = FlowchartSVG.Words(title: "t", start: "s", end: "e", loop: "l", summary: { "\($0) \($1)" })
        let svg = FlowchartSVG.render(layout, process: process, words: words)
        #expect(HTML.count("<svg class=\"flowchart-svg\"", in: svg) == slices.count)
        // Each band holds the boxes of its own columns: every step's link once, in the band it lies in.
        let bands = svg.components(separatedBy: "</svg>").dropLast()
        for (slice, band) in zip(slices, bands) {
            let inside = layout.nodes.filter { ($0.kind == .task || $0.kind == .decision) && slice.contains($0.frame.midX) }
            #expect(HTML.count("<a class=\"node\"", in: String(band)) == inside.count)
        }
        // A narrow chart has none.
        let narrow = Self.process([S(id: "1", name: "一", department: "a", decision: false, next: [])])
        #expect(FlowchartSVG.slices(FlowLayout(process: narrow, laneName: { $0 })).isEmpty)
    }
}
