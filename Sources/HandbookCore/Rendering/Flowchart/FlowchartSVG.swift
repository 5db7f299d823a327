import HandbookMarkdown

/// Draws a `FlowLayout` as inline SVG: black on white (meaning never carried by colour alone),
/// loops dashed, each step linking to its table row. Integer coordinates: same input, same bytes.
enum FlowchartSVG {
    struct Words {
        var title: String
        var start: String
        var end: String
        var loop: String
        var summary: (Int, Int) -> String
    }

    static func render(_ layout: FlowLayout, process: Process, words: Words) -> String {
        guard !layout.nodes.isEmpty else { return "" }
        let w = Int(layout.width.rounded()), h = Int(layout.height.rounded())
        var svg = """
        <svg class="flowchart-svg" xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" role="img" aria-labelledby="flow-title flow-desc">
        <title id="flow-title">\(escape(words.title))</title>
        <desc id="flow-desc">\(escape(description(layout, process: process, words: words)))</desc>
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker>
        <marker id="arrow-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" stroke="#000" stroke-width="1.5"/></marker></defs>

        """
        for (number, lane) in layout.lanes.enumerated() {
            let f = lane.frame
            svg += "<g class=\"lane\"><rect x=\"\(i(f.x))\" y=\"\(i(f.y))\" width=\"\(i(f.width))\" height=\"\(i(f.height))\" fill=\"\(number % 2 == 0 ? "#f4f4f4" : "#ffffff")\" stroke=\"#888\"/>"
            svg += "<line x1=\"\(i(FlowLayout.laneLabelWidth))\" y1=\"\(i(f.y))\" x2=\"\(i(FlowLayout.laneLabelWidth))\" y2=\"\(i(f.maxY))\" stroke=\"#888\"/>"
            svg += text(lane.lines, centerX: FlowLayout.laneLabelWidth / 2, centerY: f.midY, weight: "bold") + "</g>\n"
        }
        var labelled: [Int: Int] = [:]
        for edge in layout.edges {
            let path = edge.points.map { "\(i($0.x)),\(i($0.y))" }.joined(separator: " ")
            let style = edge.isLoop ? " stroke-dasharray=\"6 4\" marker-end=\"url(#arrow-open)\"" : " marker-end=\"url(#arrow)\""
            svg += "<polyline class=\"edge\(edge.isLoop ? " loop" : "")\" points=\"\(path)\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.3\"\(style)/>"
            var label = edge.label
            if edge.isLoop {
                // One line above the loop's channel segment, beside its rise: the mark, then the condition.
                let channel = edge.points[2]
                var x = channel.x + 4
                for text in ["↺ " + words.loop] + label {
                    svg += "<text x=\"\(i(x))\" y=\"\(i(channel.y - 3))\" font-size=\"11\" class=\"branch\">\(escape(text))</text>"
                    x += TextMetrics.width(of: text + " ", fontSize: 11)
                }
                label = []
            }
            if !label.isEmpty, let end = edge.points.last {
                // Labels of arrows into the same step stack upwards instead of overprinting.
                let stacked = labelled[edge.to, default: 0]
                labelled[edge.to] = stacked + label.count
                let top = end.y - 4 - Double(label.count + stacked) * 14
                for (k, line) in label.enumerated() {
                    svg += "<text x=\"\(i(end.x - 4))\" y=\"\(i(top + Double(k + 1) * 14 - 2))\" text-anchor=\"end\" font-size=\"11\" class=\"branch\">\(escape(line))</text>"
                }
            }
            svg += "\n"
        }
        for node in layout.nodes {
            let f = node.frame
            switch node.kind {
            case .start, .end:
                let r = f.width / 2
                svg += "<g class=\"\(node.kind == .start ? "start" : "end")\"><title>\(escape(node.kind == .start ? words.start : words.end))</title>"
                svg += "<circle cx=\"\(i(f.midX))\" cy=\"\(i(f.midY))\" r=\"\(i(r))\" fill=\"\(node.kind == .start ? "#fff" : "#000")\" stroke=\"#000\" stroke-width=\"2\"/>"
                if node.kind == .end { svg += "<circle cx=\"\(i(f.midX))\" cy=\"\(i(f.midY))\" r=\"\(i(r - 5))\" fill=\"#fff\" stroke=\"#fff\"/><circle cx=\"\(i(f.midX))\" cy=\"\(i(f.midY))\" r=\"\(i(r - 8))\" fill=\"#000\"/>" }
                svg += "</g>\n"
            case .task, .decision:
                guard let stepIndex = node.stepIndex else { continue }
                let step = process.steps[stepIndex]
                svg += "<a class=\"node\" href=\"#\(Routes.href(Routes.stepAnchor(step.id)))\">"
                if node.kind == .task {
                    svg += "<rect x=\"\(i(f.x))\" y=\"\(i(f.y))\" width=\"\(i(f.width))\" height=\"\(i(f.height))\" rx=\"6\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>"
                } else {
                    svg += "<polygon points=\"\(i(f.midX)),\(i(f.y)) \(i(f.maxX)),\(i(f.midY)) \(i(f.midX)),\(i(f.maxY)) \(i(f.x)),\(i(f.midY))\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>"
                }
                svg += text(node.lines, centerX: f.midX, centerY: f.midY, weight: nil) + "</a>\n"
            }
        }
        return svg + "</svg>"
    }

    private static func text(_ lines: [String], centerX: Double, centerY: Double, weight: String?) -> String {
        let top = centerY - Double(lines.count) * FlowLayout.lineHeight / 2
        var out = "<text text-anchor=\"middle\" font-size=\"\(i(FlowLayout.fontSize))\"\(weight.map { " font-weight=\"\($0)\"" } ?? "")>"
        for (k, line) in lines.enumerated() {
            out += "<tspan x=\"\(i(centerX))\" y=\"\(i(top + Double(k) * FlowLayout.lineHeight + 13))\">\(escape(line))</tspan>"
        }
        return out + "</text>"
    }

    /// A sentence per step for screen readers: who does it and where the flow goes.
    private static func description(_ layout: FlowLayout, process: Process, words: Words) -> String {
        var parts = [words.summary(process.steps.count, layout.lanes.count) + layout.lanes.map(\.name).joined(separator: "、") + "."]
        let names = Dictionary(process.steps.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for step in process.steps {
            let targets = step.next.map { edge in
                (edge.when.map { "\($0): " } ?? "") + (edge.to.map { "\($0) \(names[$0] ?? "")" } ?? words.end)
            }
            parts.append("\(step.id) \(step.name) → \(targets.joined(separator: "; "))")
        }
        return parts.joined(separator: " ")
    }

    private static func i(_ value: Double) -> Int { Int(value.rounded()) }
    private static func escape(_ text: String) -> String { text.htmlAttributeEscaped }
}
