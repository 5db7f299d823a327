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
        /// "(2/3)" after the title: the label of a wide chart's later bands.
        var part: (Int, Int) -> String = { "\($0)/\($1)" }
        /// A step's box as a screen reader names it: number, name and who is responsible.
        var node: (Step) -> String = { "\($0.id) \($0.name)" }
        /// After the departments in the description: where the steps are told in words.
        var after = "."
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

    /// The chart's bands, left to right: `slices` for a wide chart, else one band of the whole.
    static func bands(_ layout: FlowLayout) -> [Range<Double>] {
        let slices = Self.slices(layout)
        return slices.isEmpty ? [FlowLayout.laneLabelWidth..<layout.width] : slices
    }

    /// A wide chart is drawn as bands stacked top to bottom, each at most `printWidth` wide with
    /// the lane names in front, on screen as on paper: scrolled sideways in a 1,104-px column, the
    /// purchase approval showed 46 % of its 2,400 px, and shrunk whole its labels were 6 px. Each
    /// band is an SVG of its own holding the boxes of its columns (so every step's link is there
    /// once, in reading order, reachable by keyboard); the first draws all lanes and arrows, the
    /// others show their part of them with `<use>`, the arrows clipped at the lane names. `--w` is a band's width, `--f` its share of the widest:
    /// the style draws them all at one scale.
    static func render(_ layout: FlowLayout, process: Process, words: Words) -> String {
        guard !layout.nodes.isEmpty else { return "" }
        var svg = SVGBytes()
        let h = layout.height
        let bands = Self.bands(layout)
        let widest = bands.map { $0.upperBound - $0.lowerBound + FlowLayout.laneLabelWidth }.max() ?? layout.width
        let labels = labelPlaces(layout, words: words)
        for (number, band) in bands.enumerated() {
            let x0 = band.lowerBound - FlowLayout.laneLabelWidth, w = band.upperBound - x0
            svg += "<svg class=\"flowchart-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
            svg.number(w); svg += "\" height=\""; svg.number(h)
            svg += "\" viewBox=\""; svg.number(x0); svg += " 0 "; svg.number(w); svg += " "; svg.number(h)
            svg += "\" style=\"--w:"; svg.number(w); svg += ";--f:"; svg.fraction(w / widest)
            // A group, not an image: an image's content is presentational, and these hold links.
            if number == 0 {
                svg += "\" role=\"group\" aria-labelledby=\"flow-title\" aria-describedby=\"flow-desc\">\n<title id=\"flow-title\">"
                svg.escaped(words.title)
                svg += "</title>\n<desc id=\"flow-desc\">"
                describe(layout, process: process, words: words, into: &svg)
                svg += "</desc>\n"
                svg += """
                <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker>
                <marker id="arrow-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" stroke="#000" stroke-width="1.5"/></marker>
                <style>.flowchart-svg .lane rect{fill:#f4f4f4;stroke:#888}.flowchart-svg .lane.b rect{fill:#fff}.flowchart-svg .lane line{stroke:#888}.flowchart-svg text{font-size:13px;text-anchor:middle}.flowchart-svg .lane text{font-weight:bold}.flowchart-svg .edge{fill:none;stroke:#000;stroke-width:1.3;marker-end:url(#arrow)}.flowchart-svg .edge.loop{stroke-dasharray:6 4;marker-end:url(#arrow-open)}.flowchart-svg .node rect,.flowchart-svg .node polygon{fill:#fff;stroke:#000;stroke-width:1.5}.flowchart-svg .branch{font-size:11px;text-anchor:start}.flowchart-svg .branch.e{text-anchor:end}</style>

                """
                // The lane names, in front of every band. Each group that `<use>` shows has the class
                // itself: the style's selectors are matched inside the copy, where no <svg> is above it.
                svg += "<g id=\"flow-names\" class=\"flowchart-svg\">"
                for (k, lane) in layout.lanes.enumerated() {
                    let f = FlowLayout.Rect(x: 0, y: lane.frame.y, width: FlowLayout.laneLabelWidth, height: lane.frame.height)
                    svg += k % 2 == 0 ? "<g class=\"lane\">" : "<g class=\"lane b\">"
                    svg.rect(f, rest: "/>")
                    svg += "<line x1=\""; svg.number(f.maxX); svg += "\" y1=\""; svg.number(f.y)
                    svg += "\" x2=\""; svg.number(f.maxX); svg += "\" y2=\""; svg.number(f.maxY); svg += "\"/>"
                    text(lane.lines, centerX: f.midX, centerY: f.midY, into: &svg)
                    svg += "</g>"
                }
                svg += "</g></defs>\n"
            } else {
                svg += "\" role=\"group\" aria-label=\""
                svg.escaped(words.part(number + 1, bands.count))
                svg += "\">\n"
            }
            // Lanes and arrows are what the text alternative below the chart says in words.
            svg += "<g aria-hidden=\"true\">\n"
            if number == 0 {
                // The whole chart's lanes and arrows, drawn once: a later band shows its part of
                // them through `<use>` (clipped at its lane names), not copies of them.
                svg += "<g id=\"flow-back\" class=\"flowchart-svg\">"
                for (k, lane) in layout.lanes.enumerated() {
                    svg += k % 2 == 0 ? "<g class=\"lane\">" : "<g class=\"lane b\">"
                    svg.rect(FlowLayout.Rect(x: 0, y: lane.frame.y, width: layout.width, height: lane.frame.height), rest: "/></g>")
                }
                svg += "</g>\n<g id=\"flow-edges\" class=\"flowchart-svg\">\n"
                for (index, edge) in layout.edges.enumerated() {
                    svg += edge.isLoop ? "<polyline class=\"edge loop\" points=\"" : "<polyline class=\"edge\" points=\""
                    for (k, point) in edge.points.enumerated() {
                        if k > 0 { svg += " " }
                        svg.number(point.x); svg += ","; svg.number(point.y)
                    }
                    svg += "\"/>"
                    for label in labels[index] {
                        svg += "<text x=\""; svg.number(label.x); svg += "\" y=\""; svg.number(label.y)
                        svg += label.end ? "\" class=\"branch e\">" : "\" class=\"branch\">"
                        svg.escaped(label.text); svg += "</text>"
                    }
                    svg += "\n"
                }
                svg += "</g>\n<use href=\"#flow-names\"/>\n"
            } else {
                svg += "<use href=\"#flow-back\"/><clipPath id=\"flow-clip-"; svg.number(Double(number + 1)); svg += "\">"
                svg.rect(FlowLayout.Rect(x: band.lowerBound, y: 0, width: band.upperBound - band.lowerBound, height: h), rest: "/>")
                svg += "</clipPath><g clip-path=\"url(#flow-clip-"; svg.number(Double(number + 1))
                svg += ")\"><use href=\"#flow-edges\"/></g><use href=\"#flow-names\" x=\""; svg.number(x0); svg += "\"/>\n"
            }
            for node in layout.nodes where node.kind == .start || node.kind == .end {
                guard band.contains(node.frame.midX) else { continue }
                let f = node.frame, r = f.width / 2
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
            }
            svg += "</g>\n"
            for node in layout.nodes where node.kind == .task || node.kind == .decision {
                guard band.contains(node.frame.midX), let stepIndex = node.stepIndex else { continue }
                let f = node.frame
                let step = process.steps[stepIndex]
                svg += "<a class=\"node\" href=\"#"; svg.escaped(Routes.href(Routes.stepAnchor(step.id)))
                // Named with its party: the lane it sits in is not read out.
                svg += "\" aria-label=\""; svg.escaped(words.node(step)); svg += "\">"
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
            svg += "</svg>\n"
        }
        return svg.string
    }

    /// A label's place: `end` right-aligned at `x` (a branch's condition before its arrowhead).
    struct LabelPlace { var x, y: Double; var end: Bool; var text: String }

    /// Each edge's labels, placed once for the whole chart (a band draws those inside it).
    private static func labelPlaces(_ layout: FlowLayout, words: Words) -> [[LabelPlace]] {
        var labelled: [Int: Int] = [:]
        return layout.edges.map { edge in
            var places: [LabelPlace] = []
            if edge.isLoop {
                // One line above the loop's channel segment, beside its rise: the mark, then the condition.
                let channel = edge.points[2]
                var x = channel.x + 4
                for line in ["↺ " + words.loop] + edge.label {
                    places.append(LabelPlace(x: x, y: channel.y - 3, end: false, text: line))
                    x += TextMetrics.width(of: line + " ", fontSize: 11)
                }
            } else if !edge.label.isEmpty, let end = edge.points.last {
                // Labels of arrows into the same step stack upwards instead of overprinting.
                let stacked = labelled[edge.to, default: 0]
                labelled[edge.to] = stacked + edge.label.count
                let top = end.y - 4 - Double(edge.label.count + stacked) * 14
                for (k, line) in edge.label.enumerated() {
                    places.append(LabelPlace(x: end.x - 4, y: top + Double(k + 1) * 14 - 2, end: true, text: line))
                }
            }
            return places
        }
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

    /// One sentence for screen readers: how many steps, which departments. The steps and where
    /// each leads are the list under the chart; spelled out here they ran on as one paragraph.
    private static func describe(_ layout: FlowLayout, process: Process, words: Words, into svg: inout SVGBytes) {
        svg.escaped(words.summary(process.steps.count, layout.lanes.count))
        for (number, lane) in layout.lanes.enumerated() {
            if number > 0 { svg += "、" }
            svg.escaped(lane.name)
        }
        svg.escaped(words.after)
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

    /// `value` with up to three decimals, trailing zeros dropped: 1, 0.5, 0.333.
    mutating func fraction(_ value: Double) {
        let thousandths = Int((value * 1000).rounded())
        number(Double(thousandths / 1000))
        var rest = thousandths % 1000
        guard rest > 0 else { return }
        self += "."
        var digits = 3
        while rest % 10 == 0 { rest /= 10; digits -= 1 }
        let text = String(rest)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits - text.utf8.count))
        bytes.append(contentsOf: text.utf8)
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
