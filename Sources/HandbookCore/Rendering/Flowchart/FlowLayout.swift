/// Swimlane geometry for one process: a lane per responsible department (in order of first
/// appearance), steps placed in columns by their layer in the flow, edges routed orthogonally
/// through the gaps between columns and the box-free channels at the top of each lane, loops
/// through a channel below all lanes. Pure geometry: `FlowchartSVG` draws it.
struct FlowLayout {
    struct Rect: Equatable {
        var x, y, width, height: Double
        var maxX: Double { x + width }
        var maxY: Double { y + height }
        var midX: Double { x + width / 2 }
        var midY: Double { y + height / 2 }

        func intersects(_ other: Rect) -> Bool {
            x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
        }
    }

    struct Point: Equatable { var x, y: Double }

    enum Kind { case start, end, task, decision }

    struct Node {
        var kind: Kind
        var stepIndex: Int?
        var lane: Int
        var column: Int
        var frame: Rect
        var lines: [String]
        /// The box the label must fit in (for a diamond, the rectangle inscribed in it).
        var textBox: Rect { kind == .decision ? Rect(x: frame.x + frame.width / 4, y: frame.y + frame.height / 4, width: frame.width / 2, height: frame.height / 2) : frame }
    }

    struct Edge {
        var from: Int
        var to: Int
        var points: [Point]
        var label: [String]
        var isLoop: Bool
    }

    struct Lane {
        var name: String
        var departmentID: String
        var frame: Rect
        var lines: [String]
    }

    static let fontSize = 13.0
    static let lineHeight = 17.0
    static let taskWidth = 150.0
    static let decisionWidth = 176.0
    static let gap = 100.0
    static let laneLabelWidth = 112.0
    static let channel = 22.0
    static let markerSize = 28.0

    var nodes: [Node] = []
    var edges: [Edge] = []
    var lanes: [Lane] = []
    var width = 0.0
    var height = 0.0

    init(process: Process, laneName: (String) -> String) {
        let steps = process.steps
        guard !steps.isEmpty else { return }
        let index = Dictionary(steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        var laneOrder: [String] = []
        for step in steps where !laneOrder.contains(step.responsible.departmentID) { laneOrder.append(step.responsible.departmentID) }
        let laneOf = steps.map { laneOrder.firstIndex(of: $0.responsible.departmentID)! }

        // Layers: longest path over forward edges (to a later step in the list); loops ignored.
        var layer = Array(repeating: -1, count: steps.count)
        layer[0] = 0
        for (i, step) in steps.enumerated() {
            if layer[i] < 0 { layer[i] = i > 0 ? layer[i - 1] + 1 : 0 }
            for edge in step.next {
                if let to = edge.to.flatMap({ index[$0] }), to > i { layer[to] = max(layer[to], layer[i] + 1) }
            }
        }
        let endColumn = (layer.max() ?? 0) + 2

        // Nodes with their sizes; positions come once the columns and lanes are measured.
        nodes.append(Node(kind: .start, stepIndex: nil, lane: laneOf[0], column: 0,
                          frame: Rect(x: 0, y: 0, width: Self.markerSize, height: Self.markerSize), lines: []))
        for (i, step) in steps.enumerated() {
            let decision = step.kind == .decision
            let textWidth = decision ? Self.decisionWidth / 2 - 4 : Self.taskWidth - 16
            let lines = TextMetrics.wrap("\(step.id) \(step.name)", maxWidth: textWidth, fontSize: Self.fontSize)
            let textHeight = Double(lines.count) * Self.lineHeight
            let size = decision
                ? (Self.decisionWidth, max(76, textHeight * 2 + 12))
                : (Self.taskWidth, max(44, textHeight + 16))
            nodes.append(Node(kind: decision ? .decision : .task, stepIndex: i, lane: laneOf[i], column: layer[i] + 1,
                              frame: Rect(x: 0, y: 0, width: size.0, height: size.1), lines: lines))
        }
        var endNodeOfLane: [Int: Int] = [:]
        for (i, step) in steps.enumerated() where step.next.contains(where: { $0.to == nil }) && endNodeOfLane[laneOf[i]] == nil {
            endNodeOfLane[laneOf[i]] = nodes.count
            nodes.append(Node(kind: .end, stepIndex: nil, lane: laneOf[i], column: endColumn,
                              frame: Rect(x: 0, y: 0, width: Self.markerSize, height: Self.markerSize), lines: []))
        }

        let laneLines = laneOrder.map { TextMetrics.wrap(laneName($0), maxWidth: Self.laneLabelWidth - 20, fontSize: Self.fontSize) }
        place(laneCount: laneOrder.count, columns: endColumn + 1,
              labelHeights: laneLines.map { Double($0.count) * Self.lineHeight + 16 })
        lanes = laneOrder.enumerated().map { number, id in
            Lane(name: laneName(id), departmentID: id, frame: laneFrames[number], lines: laneLines[number])
        }

        // Edges: the start arrow, then each step's `next` in order.
        var planned: [(from: Int, to: Int, label: [String], loop: Bool)] = [(0, 1, [], false)]
        for (i, step) in steps.enumerated() {
            for edge in step.next {
                let target: Int
                if let to = edge.to, let t = index[to] { target = t + 1 } else if edge.to == nil, let end = endNodeOfLane[laneOf[i]] { target = end } else { continue }
                let loop = nodes[target].column <= nodes[i + 1].column
                // A loop's condition is written on one line along its channel: wrapped for a gap and
                // then set side by side, its pieces showed a gap mid-word ("二次  处理").
                let label = edge.when.map { loop ? [$0] : TextMetrics.wrap($0, maxWidth: Self.gap - 26, fontSize: Self.fontSize - 2) } ?? []
                planned.append((i + 1, target, label, loop))
            }
        }
        // In each gap, the arrows leaving the column on its left take the places nearest it, and
        // only then the arrows coming down into the next column: one coming down further left
        // would run into its target along the line where the left column's arrows leave.
        var router = Router(layout: self)
        let leaving = planned.map { router.gapX(after: nodes[$0.from].column) }
        edges = zip(planned, leaving).map { edge, x in
            router.route(from: edge.from, to: edge.to, leavingAt: x, label: edge.label, loop: edge.loop)
        }
        height = router.loopBottom
    }

    private var laneFrames: [Rect] = []
    private(set) var columnLeft: [Double] = []
    private(set) var columnWidth: [Double] = []

    /// Columns as wide as their widest node; lanes as tall as their tallest stack of nodes.
    private mutating func place(laneCount: Int, columns: Int, labelHeights: [Double]) {
        columnWidth = Array(repeating: Self.markerSize, count: columns)
        var stacks = [[Int]](repeating: [], count: laneCount * columns)
        for (n, node) in nodes.enumerated() {
            columnWidth[node.column] = max(columnWidth[node.column], node.frame.width)
            stacks[node.lane * columns + node.column].append(n)
        }
        var x = Self.laneLabelWidth + 24
        for width in columnWidth {
            columnLeft.append(x)
            x += width + Self.gap
        }
        self.width = x - Self.gap + 24
        var y = 0.0
        func stackHeight(_ stack: [Int]) -> Double {
            var total = 0.0
            for n in stack { total += nodes[n].frame.height }
            return total + Double(max(0, stack.count - 1)) * 14
        }
        for lane in 0..<laneCount {
            var contentHeight = 0.0
            for column in 0..<columns { contentHeight = max(contentHeight, stackHeight(stacks[lane * columns + column])) }
            // As tall as its boxes, and as its wrapped department name.
            contentHeight = max(contentHeight, labelHeights[lane] - Self.channel - 30)
            let laneHeight = Self.channel + contentHeight + 30
            for column in 0..<columns {
                let stack = stacks[lane * columns + column]
                let total = stackHeight(stack)
                var top = y + Self.channel + (contentHeight - total) / 2
                for n in stack {
                    nodes[n].frame.x = columnLeft[column] + (columnWidth[column] - nodes[n].frame.width) / 2
                    nodes[n].frame.y = top
                    top += nodes[n].frame.height + 14
                }
            }
            laneFrames.append(Rect(x: 0, y: y, width: width, height: laneHeight))
            y += laneHeight
        }
        height = y
    }

    /// Keeps parallel segments apart: each gap and each channel hands out offsets in turn.
    private struct Router {
        let layout: FlowLayout
        var gapSlots: [Int: Int] = [:]
        var channelSlots: [Int: Int] = [:]
        var loops = 0
        var loopBottom: Double

        init(layout: FlowLayout) {
            self.layout = layout
            loopBottom = layout.height
        }

        /// x of a vertical segment in the gap right of `column`.
        mutating func gapX(after column: Int) -> Double {
            let slot = gapSlots[column, default: 0]
            gapSlots[column] = slot + 1
            return layout.columnLeft[column] + layout.columnWidth[column] + 10 + Double(slot % 6) * 6
        }

        /// `x1`: where the arrow turns after leaving its source, in the gap right of it.
        mutating func route(from: Int, to: Int, leavingAt x1: Double, label: [String], loop: Bool) -> Edge {
            let source = layout.nodes[from].frame
            let target = layout.nodes[to].frame
            let start = Point(x: source.maxX, y: source.midY)
            let end = Point(x: target.x, y: target.midY)
            let targetColumn = layout.nodes[to].column
            var points = [start, Point(x: x1, y: start.y)]
            if loop {
                // Back below all lanes, up in the gap before the target's column, along the
                // box-free space under the target and into its bottom: never along a forward
                // arrow, never through a box.
                loops += 1
                let y = layout.height + 16 + Double(loops - 1) * 16
                loopBottom = max(loopBottom, y + 8)
                let x2 = gapX(after: targetColumn - 1)
                let under = target.maxY + 7
                points += [Point(x: x1, y: y), Point(x: x2, y: y), Point(x: x2, y: under),
                           Point(x: target.midX, y: under), Point(x: target.midX, y: target.maxY)]
                return Edge(from: from, to: to, points: points, label: label, isLoop: true)
            } else if targetColumn == layout.nodes[from].column + 1 {
                points += [Point(x: x1, y: end.y)]
            } else {
                let lane = layout.nodes[to].lane
                let slot = channelSlots[lane, default: 0]
                channelSlots[lane] = slot + 1
                let y = layout.laneFrames[lane].y + 5 + Double(slot % 3) * 5
                let x2 = gapX(after: targetColumn - 1)
                points += [Point(x: x1, y: y), Point(x: x2, y: y), Point(x: x2, y: end.y)]
            }
            points.append(end)
            return Edge(from: from, to: to, points: points, label: label, isLoop: loop)
        }
    }
}
