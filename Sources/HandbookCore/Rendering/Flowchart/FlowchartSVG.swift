import HandbookMarkdown
import HandbookTemplate

/// Draws a `FlowLayout` as inline SVG: black on white (meaning never carried by colour alone),
/// loops dashed, each step linking to its table row. Integer coordinates: same input, same bytes.
/// Colours, strokes and type come from one `<style>` in the SVG (scoped to `.flowchart-svg`)
/// instead of attributes on every element: a third of the SVG's bytes, on every process page.
/// Its sizes are the layout's: 13 px (`FlowLayout.fontSize`), branch labels 11 px.
///
/// Written as bytes (`SVGBytes`), numbers and escaped text appended in place: one is drawn on
/// every process page, and building it from interpolated strings cost more than the rest of
/// the page's markup.
enum FlowchartSVG {
    struct Words {
        var title: String
        var start: String
        var end: String
        var loop: String
        var summary: (Int, Int) -> String
    }

    /// Widest a chart prints whole, and the widest slice of a wider one: on A4's text width
    /// (186 mm, 703 CSS pixels) its 13 px labels print at 7 pt. A whole nine-step chart was
    /// scaled to 2.9 pt, unreadable; so a wider one also gets `slices` for print.
    static let printWidth = 1000.0

    /// Where a wide chart is cut for print: just right of a column's boxes, before the arrows
    /// leaving it (so that no box and no arrow's label is cut), each slice with the lane names in
    /// front at most `printWidth` wide. Ranges of x.
    static func slices(_ layout: FlowLayout) -> [Range<Double>] {
        guard layout.width > printWidth else { return [] }
        let room = printWidth - FlowLayout.laneLabelWidth
        let cuts = layout.columnLeft.indices.dropLast().map { layout.columnLeft[$0] + layout.columnWidth[$0] + 6 }
        var slices: [Range<Double>] = []
        var start = FlowLayout.laneLabelWidth
        while start < layout.width {
            let remaining = layout.width - start
            guard remaining > room else {
                slices.append(start..<layout.width)
                break
            }
            // Slices of about equal width, not full ones and a sliver: aim at an even share of what is left.
            let share = remaining / (remaining / room).rounded(.up)
            let fitting = cuts.filter { $0 > start && $0 <= start + room }
            let end = fitting.min { abs($0 - start - share) < abs($1 - start - share) } ?? start + room
            slices.append(start..<end)
            start = end
        }
        return slices
    }

    static func render(_ layout: FlowLayout, process: Process, words: Words) -> String {
        guard !layout.nodes.isEmpty else { return "" }
        var svg = SVGBytes()
        let w = layout.width, h = layout.height
        let slices = Self.slices(layout)
        svg += slices.isEmpty ? "<svg class=\"flowchart-svg\"" : "<svg class=\"flowchart-svg sliced\""
        svg += " xmlns=\"http://www.w3.org/2000/svg\" width=\""
        svg.number(w); svg += "\" height=\""; svg.number(h)
        svg += "\" viewBox=\"0 0 "; svg.number(w); svg += " "; svg.number(h)
        svg += "\" role=\"img\" aria-labelledby=\"flow-title flow-desc\">\n<title id=\"flow-title\">"
        svg.escaped(words.title)
        svg += "</title>\n<desc id=\"flow-desc\">"
        describe(layout, process: process, words: words, into: &svg)
        svg += """
        </desc>
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker>
        <marker id="arrow-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" stroke="#000" stroke-width="1.5"/></marker>
        <style>.flowchart-svg .lane rect{fill:#f4f4f4;stroke:#888}.flowchart-svg .lane.b rect{fill:#fff}.flowchart-svg .lane line{stroke:#888}.flowchart-svg text{font-size:13px;text-anchor:middle}.flowchart-svg .lane text{font-weight:bold}.flowchart-svg .edge{fill:none;stroke:#000;stroke-width:1.3;marker-end:url(#arrow)}.flowchart-svg .edge.loop{stroke-dasharray:6 4;marker-end:url(#arrow-open)}.flowchart-svg .node rect,.flowchart-svg .node polygon{fill:#fff;stroke:#000;stroke-width:1.5}.flowchart-svg .branch{font-size:11px;text-anchor:start}.flowchart-svg .branch.e{text-anchor:end}</style>
        """
        if !slices.isEmpty {
            // The lane names alone, drawn in front of each print slice.
            svg += "<g id=\"flow-lanes\" class=\"flowchart-svg\">"
            for (number, lane) in layout.lanes.enumerated() {
                let f = FlowLayout.Rect(x: 0, y: lane.frame.y, width: FlowLayout.laneLabelWidth, height: lane.frame.height)
                svg += number % 2 == 0 ? "<g class=\"lane\">" : "<g class=\"lane b\">"
                svg.rect(f, rest: "/>")
                text(lane.lines, centerX: FlowLayout.laneLabelWidth / 2, centerY: f.midY, into: &svg)
                svg += "</g>"
            }
            svg += "</g>"
        }
        // A class of its own for the style's selectors: they also match in the print slices'
        // copies, where the outer <svg> is not an ancestor.
        svg += "</defs>\n<g id=\"flow-chart\" class=\"flowchart-svg\">\n"
        for (number, lane) in layout.lanes.enumerated() {
            let f = lane.frame
            svg += number % 2 == 0 ? "<g class=\"lane\">" : "<g class=\"lane b\">"
            svg.rect(f, rest: "/>")
            svg += "<line x1=\""; svg.number(FlowLayout.laneLabelWidth); svg += "\" y1=\""; svg.number(f.y)
            svg += "\" x2=\""; svg.number(FlowLayout.laneLabelWidth); svg += "\" y2=\""; svg.number(f.maxY)
            svg += "\"/>"
            text(lane.lines, centerX: FlowLayout.laneLabelWidth / 2, centerY: f.midY, into: &svg)
            svg += "</g>\n"
        }
        var labelled: [Int: Int] = [:]
        for edge in layout.edges {
            svg += edge.isLoop ? "<polyline class=\"edge loop\" points=\"" : "<polyline class=\"edge\" points=\""
            for (k, point) in edge.points.enumerated() {
                if k > 0 { svg += " " }
                svg.number(point.x); svg += ","; svg.number(point.y)
            }
            svg += "\"/>"
            var label = edge.label
            if edge.isLoop {
                // One line above the loop's channel segment, beside its rise: the mark, then the condition.
                let channel = edge.points[2]
                var x = channel.x + 4
                for line in ["↺ " + words.loop] + label {
                    svg += "<text x=\""; svg.number(x); svg += "\" y=\""; svg.number(channel.y - 3)
                    svg += "\" class=\"branch\">"; svg.escaped(line); svg += "</text>"
                    x += TextMetrics.width(of: line + " ", fontSize: 11)
                }
                label = []
            }
            if !label.isEmpty, let end = edge.points.last {
                // Labels of arrows into the same step stack upwards instead of overprinting.
                let stacked = labelled[edge.to, default: 0]
                labelled[edge.to] = stacked + label.count
                let top = end.y - 4 - Double(label.count + stacked) * 14
                for (k, line) in label.enumerated() {
                    svg += "<text x=\""; svg.number(end.x - 4); svg += "\" y=\""; svg.number(top + Double(k + 1) * 14 - 2)
                    svg += "\" class=\"branch e\">"; svg.escaped(line); svg += "</text>"
                }
            }
            svg += "\n"
        }
        for node in layout.nodes {
            let f = node.frame
            switch node.kind {
            case .start, .end:
                let r = f.width / 2
                svg += node.kind == .start ? "<g class=\"start\"><title>" : "<g class=\"end\"><title>"
                svg.escaped(node.kind == .start ? words.start : words.end)
                svg += "</title>"
                svg.circle(f, r: r, rest: node.kind == .start ? " fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>"
                                                             : " fill=\"#000\" stroke=\"#000\" stroke-width=\"2\"/>")
                if node.kind == .end {
                    svg.circle(f, r: r - 5, rest: " fill=\"#fff\" stroke=\"#fff\"/>")
                    svg.circle(f, r: r - 8, rest: " fill=\"#000\"/>")
                }
                svg += "</g>\n"
            case .task, .decision:
                guard let stepIndex = node.stepIndex else { continue }
                let step = process.steps[stepIndex]
                svg += "<a class=\"node\" href=\"#"; svg.escaped(Routes.href(Routes.stepAnchor(step.id))); svg += "\">"
                if node.kind == .task {
                    svg.rect(f, rest: " rx=\"6\"/>")
                } else {
                    svg += "<polygon points=\""
                    svg.number(f.midX); svg += ","; svg.number(f.y); svg += " "
                    svg.number(f.maxX); svg += ","; svg.number(f.midY); svg += " "
                    svg.number(f.midX); svg += ","; svg.number(f.maxY); svg += " "
                    svg.number(f.x); svg += ","; svg.number(f.midY)
                    svg += "\"/>"
                }
                text(node.lines, centerX: f.midX, centerY: f.midY, into: &svg)
                svg += "</a>\n"
            }
        }
        svg += "</g>\n</svg>"
        if !slices.isEmpty {
            // For paper only: the chart again in pieces a page wide, each a view of the one
            // above (`<use>`), the lane names in front; shown instead of it by the print style.
            svg += "\n<div class=\"flowchart-print\" aria-hidden=\"true\">"
            for slice in slices {
                let x = slice.lowerBound - FlowLayout.laneLabelWidth, width = slice.upperBound - x
                // All at one scale: a narrower last slice takes its share of the page, not all of it
                // (the viewBox gives the height). Inline in HTML, an <svg> needs no xmlns.
                svg += "<svg class=\"flowchart-svg\" style=\"width:"
                svg.number(width / printWidth * 100); svg += "%\" viewBox=\""; svg.number(x); svg += " 0 "; svg.number(width); svg += " "; svg.number(h)
                svg += "\"><use href=\"#flow-chart\"/><use href=\"#flow-lanes\" x=\""; svg.number(x); svg += "\"/></svg>"
            }
            svg += "</div>"
        }
        return svg.string
    }

    /// Centred lines; size, anchor and weight come from the SVG's style (lane labels bold).
    private static func text(_ lines: [String], centerX: Double, centerY: Double, into svg: inout SVGBytes) {
        let top = centerY - Double(lines.count) * FlowLayout.lineHeight / 2
        svg += "<text>"
        for (k, line) in lines.enumerated() {
            svg += "<tspan x=\""; svg.number(centerX); svg += "\" y=\""
            svg.number(top + Double(k) * FlowLayout.lineHeight + 13); svg += "\">"
            svg.escaped(line)
            svg += "</tspan>"
        }
        svg += "</text>"
    }

    /// A sentence per step for screen readers: who does it and where the flow goes.
    private static func describe(_ layout: FlowLayout, process: Process, words: Words, into svg: inout SVGBytes) {
        svg.escaped(words.summary(process.steps.count, layout.lanes.count))
        for (number, lane) in layout.lanes.enumerated() {
            if number > 0 { svg += "、" }
            svg.escaped(lane.name)
        }
        svg += "."
        for step in process.steps {
            svg += " "; svg.escaped(step.id); svg += " "; svg.escaped(step.name); svg += " → "
            for (number, edge) in step.next.enumerated() {
                if number > 0 { svg += "; " }
                if let when = edge.when { svg.escaped(when); svg += ": " }
                if let to = edge.to {
                    // The first step with that id, as a branch's label names it; a handful of steps, no index.
                    svg.escaped(to); svg += " "; svg.escaped(process.steps.first { $0.id == to }?.name ?? "")
                } else {
                    svg.escaped(words.end)
                }
            }
        }
    }
}

/// UTF-8 of an SVG being drawn: markup, coordinates rounded to integers, escaped text.
struct SVGBytes {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(8192) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    static func += (svg: inout SVGBytes, markup: StaticString) {
        markup.withUTF8Buffer { svg.bytes.append(contentsOf: $0) }
    }

    /// `value` rounded to the nearest integer (halves away from zero), in decimal.
    mutating func number(_ value: Double) {
        let rounded = Int(value.rounded())
        if rounded < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = rounded.magnitude
        var count = 1
        var scan = rest
        while scan >= 10 { scan /= 10; count += 1 }
        // Room for the digits first, then filled from the last: no reversing, no per-digit append.
        let end = bytes.count + count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var index = end
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
        }
    }

    /// `text` with `& < > " '` escaped (`HTMLEscape`, as templates escape).
    mutating func escaped(_ text: String) { HTMLEscape.append(escaping: text, to: &bytes) }

    /// `<rect x=… y=… width=… height=…` then `rest` (the attributes after, and the close).
    mutating func rect(_ f: FlowLayout.Rect, rest: StaticString) {
        self += "<rect x=\""; number(f.x); self += "\" y=\""; number(f.y)
        self += "\" width=\""; number(f.width); self += "\" height=\""; number(f.height); self += "\""
        self += rest
    }

    /// `<circle cx=… cy=… r=…` centred in `f`, then `rest`.
    mutating func circle(_ f: FlowLayout.Rect, r: Double, rest: StaticString) {
        self += "<circle cx=\""; number(f.midX); self += "\" cy=\""; number(f.midY)
        self += "\" r=\""; number(r); self += "\""
        self += rest
    }
}
