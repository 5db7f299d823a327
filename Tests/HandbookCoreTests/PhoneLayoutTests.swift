import Foundation
import Testing
@testable import HandbookCore

/// The sample's pages in Chromium at a phone's width (390 px) and the widest flowchart at 1280 px.
@Suite("Phone and flowchart layout", .serialized, .enabled(if: Chromium.path != nil, "chromium is not on PATH; browser tests skipped"))
struct PhoneLayoutTests {
    /// Every page kind of the sample, the cells that must be on screen there (a step's
    /// responsible party, duties, deadline and outputs), its deadline cells and its step rows.
    static let pages: [(path: String, cells: String, deadlines: String, rows: String)] = [
        ("index.html", "", "", ""),
        ("processes/complaint-handling/index.html", "table.steps td", "table.steps td:nth-child(7)", "table.steps tbody tr"),
        ("processes/purchase-approval/index.html", "table.steps td", "table.steps td:nth-child(7)", "table.steps tbody tr"),
        ("processes/complaint-handling/feedback.html", "table.feedback-form td", "", ""),
        ("departments/customer-service/index.html", "table.duties td, table.handovers td", "table.duties td:nth-child(4)",
         "table.duties tbody tr:not(.group)"),
        ("training/customer-service/index.html", "table.checks td:not(.box)", "table.checks td:nth-child(4)", "table.checks tbody tr:not(.group)"),
        ("training/customer-service/cs-agent/index.html", "table.checks td:not(.box)", "table.checks td:nth-child(4)",
         "table.checks tbody tr:not(.group)"),
        ("matrix/index.html", "", "", ""),
        ("matrix/departments/customer-service/index.html", "", "", ""),
        ("roles/customer-service/cs-agent/index.html", "", "", ""),
        ("processes/index.html", "", "", ""),
        ("departments/index.html", "", "", ""),
        ("training/index.html", "", "", ""),
        ("review/index.html", "", "", ""),
        ("search/index.html", "", "", ""),
        ("glossary/index.html", "", "", ""),
        ("guides/writing-processes/index.html", "", "", ""),
        ("guides/index.html", "", "", ""),
        ("404.html", "", "", ""),
    ]

    struct Box: Decodable { var text: String; var left, right, width: Double }
    /// `labels`: the column names the deadline cells show above their text.
    struct Phone: Decodable { var innerWidth, scrollWidth, rows: Double; var cells, deadlines: [Box]; var labels: [String] }

    @Test("At 390 px no page scrolls sideways, and every step's party, duties, deadline and outputs are on screen")
    func phone() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(site.report.published)
        for page in Self.pages {
            // Cards below the screen are laid out only when scrolled to (content-visibility):
            // measured as a reader scrolling to each one sees it.
            let script = """
                addEventListener('load', () => {
                  document.head.insertAdjacentHTML('beforeend', '<style>* { content-visibility: visible !important; }</style>');
                  const box = c => { const r = c.getBoundingClientRect(); return { text: c.textContent.trim().slice(0, 30), left: r.left, right: r.right, width: r.width }; };
                  const all = s => s ? [...document.querySelectorAll(s)].map(box) : [];
                  const labels = [...document.querySelectorAll('\(page.deadlines)' || 'none')]
                    .map(c => getComputedStyle(c, '::before').content);
                  report({ innerWidth, scrollWidth: document.documentElement.scrollWidth,
                           rows: '\(page.rows)' ? document.querySelectorAll('\(page.rows)').length : 0,
                           cells: all('\(page.cells)'), deadlines: all('\(page.deadlines)'), labels });
                });
                """
            let phone = try await PageProbe.decode(Phone.self, site.url(page.path), script: script, width: 390, in: folder)
            #expect(phone.innerWidth == 390, "\(page.path): the probe's viewport is \(phone.innerWidth) px")
            #expect(phone.scrollWidth <= phone.innerWidth, "\(page.path) scrolls sideways: \(phone.scrollWidth) px")
            #expect(Double(phone.deadlines.count) == phone.rows && (page.rows.isEmpty || phone.rows > 0),
                    "\(page.path): \(phone.deadlines.count) deadline cells in \(phone.rows) rows")
            // Each deadline on a card says what it is.
            #expect(phone.labels.allSatisfy { $0 == "\"完成时限\"" }, "\(page.path): \(Set(phone.labels))")
            for cell in phone.cells + phone.deadlines where !cell.text.isEmpty {
                #expect(cell.left >= 0 && cell.right <= phone.innerWidth && cell.width > 40,
                        "\(page.path): `\(cell.text)` at \(Int(cell.left))–\(Int(cell.right)) px")
            }
        }
    }

    struct Lazy: Decodable { var rows: Int; var lastBefore, lastAfter: Bool }

    /// At 2,000 processes a department page has 800 duty cards and 850 hand-overs: laying all of
    /// them out took Chromium 1.3 s at 390 px before the first screen showed.
    @Test("At 390 px a long page's cards below the screen are laid out when the reader gets to them")
    func cardsLaidOutWhenReached() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            addEventListener('load', () => {
              const rows = [...document.querySelectorAll('table.handovers tbody tr:not(.group)')];
              const shown = r => r.firstElementChild.checkVisibility({ contentVisibilityAuto: true });
              const last = rows[rows.length - 1], lastBefore = shown(last);
              last.scrollIntoView();
              report({ rows: rows.length, lastBefore, lastAfter: shown(last) });
            });
            """
        let lazy = try await PageProbe.decode(Lazy.self, site.url("departments/customer-service/index.html"),
                                              script: script, width: 390, in: folder)
        #expect(lazy.rows > 1)
        #expect(!lazy.lastBefore, "the last hand-over, far below the screen, was laid out at once")
        #expect(lazy.lastAfter, "the last hand-over was not laid out once scrolled to")
    }

    struct Blank: Decodable { var width: Double; var label: String }

    /// A paper form's five columns were two characters wide on a phone (反/馈/人 one per line).
    @Test("At 390 px the feedback form is a card per step, each blank nearly the card's width under its name")
    func feedbackForm() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            addEventListener('load', () => report([...document.querySelectorAll('table.feedback-form tbody tr:first-child td')].map(c =>
              ({ width: c.getBoundingClientRect().width, label: getComputedStyle(c, '::before').content }))));
            """
        let blanks = try await PageProbe.decode([Blank].self, site.url("processes/complaint-handling/feedback.html"),
                                                script: script, width: 390, in: folder)
        #expect(blanks.map(\.label) == ["\"问题描述\"", "\"改进建议\"", "\"反馈人\"", "\"日期\""])
        #expect(blanks.allSatisfy { $0.width > 300 }, "\(blanks.map(\.width))")
        // On a wide screen (and on paper) it stays the table it was.
        let wide = try await PageProbe.decode([Blank].self, site.url("processes/complaint-handling/feedback.html"),
                                              script: script, width: 1280, in: folder)
        #expect(wide.count == 4 && wide.allSatisfy { $0.width < 400 && $0.label == "none" }, "\(wide)")
    }

    struct Width: Decodable { var innerWidth, scrollWidth: Double }

    /// The version pages (from a handbook with approved versions in git): old → new tables and
    /// word diffs must not widen the page.
    @Test("At 390 px the version history, comparison and retraining pages do not scroll sideways")
    func versionPages() async throws {
        let site = try await HistoryTests.build(try HistoryTests.repository())
        try #require(site.report.published)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["processes/complaints/index.html", "processes/complaints/changes.html",
                     "training/customer-service/cs-supervisor/changes/index.html"] {
            #expect(site.exists(path), "\(path) was not built")
            let script = "addEventListener('load', () => report({ innerWidth, scrollWidth: document.documentElement.scrollWidth }));"
            let page = try await PageProbe.decode(Width.self, site.url(path), script: script, width: 390, in: folder)
            #expect(page.innerWidth == 390, "\(path): the probe's viewport is \(page.innerWidth) px")
            #expect(page.scrollWidth <= page.innerWidth, "\(path) scrolls sideways: \(page.scrollWidth) px")
        }
    }

    struct Chart: Decodable {
        struct Band: Decodable { var left, right, scale, nodes: Double }
        var innerWidth, scrollWidth, mainLeft, mainRight, smallestFont: Double
        /// How many of the boxes take the keyboard's focus.
        var focusable: Double
        var bands: [Band]
        var nodes: [Box]
    }

    /// The bands of a chart as laid out at `width` px (an iframe when narrower than a window).
    func chart(_ path: String, width: Int?, site: BuiltSite, folder: URL) async throws -> Chart {
        let script = """
            addEventListener('load', () => {
              const main = document.querySelector('main').getBoundingClientRect();
              const svgs = [...document.querySelectorAll('.flowchart svg.flowchart-svg')];
              const fonts = [...document.querySelectorAll('.flowchart svg text')].map(t => parseFloat(getComputedStyle(t).fontSize));
              const bands = svgs.map(s => { const r = s.getBoundingClientRect();
                return { left: r.left, right: r.right, scale: r.width / s.viewBox.baseVal.width, nodes: s.querySelectorAll('a.node').length }; });
              const nodes = [...document.querySelectorAll('.flowchart a.node')].map(a => { const r = a.getBoundingClientRect();
                return { text: a.getAttribute('aria-label'), left: r.left, right: r.right, width: r.width }; });
              const focusable = [...document.querySelectorAll('.flowchart a.node')].filter(a => { a.focus(); return document.activeElement === a; }).length;
              report({ innerWidth, scrollWidth: document.documentElement.scrollWidth, mainLeft: main.left, mainRight: main.right,
                       smallestFont: Math.min(...fonts), focusable, bands, nodes });
            });
            """
        return try await PageProbe.decode(Chart.self, site.url(path), script: script, width: width, in: folder)
    }

    @Test("At 1280 px the widest charts show whole in the content column, labels at 9 px or more, every step's box once")
    func chartFits() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(site.report.published)
        for (path, steps) in [("processes/purchase-approval/index.html", 9), ("processes/complaint-handling/index.html", 6)] {
            let chart = try await chart(path, width: nil, site: site, folder: folder)
            #expect(chart.innerWidth == 1280)
            #expect(chart.scrollWidth <= chart.innerWidth, "\(path) scrolls sideways")
            #expect(!chart.bands.isEmpty)
            #expect(chart.smallestFont == 11, "branch labels are the smallest type")
            for band in chart.bands {
                #expect(band.left >= chart.mainLeft && band.right <= chart.mainRight, "\(path): a band at \(band.left)–\(band.right)")
                #expect(band.scale * chart.smallestFont >= 9, "\(path): labels at \(band.scale * chart.smallestFont) px")
            }
            #expect(chart.bands.map(\.nodes).reduce(0, +) == Double(steps), "each step's box once")
            #expect(chart.nodes.count == steps)
            #expect(chart.focusable == Double(steps), "boxes the keyboard reaches: \(chart.focusable) of \(steps)")
            for node in chart.nodes { #expect(node.left >= chart.mainLeft && node.right <= chart.mainRight, "\(node.text) outside") }
        }
        // The purchase approval is wider than a band: it is drawn in two or more, all at one scale.
        let wide = try await chart("processes/purchase-approval/index.html", width: nil, site: site, folder: folder)
        #expect(wide.bands.count >= 2)
        #expect(Set(wide.bands.map { ($0.scale * 1000).rounded() }).count == 1, "bands at different scales: \(wide.bands.map(\.scale))")

        // On a phone the chart is an overview inside the screen; the steps in words are below it.
        let phone = try await chart("processes/purchase-approval/index.html", width: 390, site: site, folder: folder)
        #expect(phone.scrollWidth <= 390)
        for band in phone.bands { #expect(band.left >= 0 && band.right <= 390) }
        let html = site.text("processes/purchase-approval/index.html")
        let words = try #require(html.components(separatedBy: "<ol class=\"flow-steps\">").dropFirst().first?.components(separatedBy: "</ol>").first)
        #expect(HTML.count("<li><a href=\"#step-", in: words) == steps(in: html))
    }

    /// A matrix cell's step numbers were 8 × 20 px links a space apart ("C 1 4"): on a phone
    /// a finger meant for one hit the other. The overview's counts were 15 × 20 px.
    @Test("At 390 px the matrices' step numbers and counts, and the indexes' departments and roles, are tap targets of 24 px or more")
    func matrixTargets() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(site.report.published)
        for (path, links) in [("matrix/departments/customer-service/index.html", ".cell-group a"), ("matrix/index.html", ".matrix-overview td a"),
                              ("departments/index.html", ".tree a"), ("training/index.html", ".training-index a")] {
            let script = """
                addEventListener('load', () => {
                  const boxes = [...document.querySelectorAll('\(links)')].map(a => { const r = a.getBoundingClientRect();
                    return { text: a.textContent.trim(), left: r.left, right: r.right, width: r.width, height: r.height }; });
                  boxes.sort((a, b) => Math.min(a.width, a.height) - Math.min(b.width, b.height));
                  report({ count: boxes.length, smallest: boxes.slice(0, 3) });
                });
                """
            struct Box: Decodable { var text: String; var width, height: Double }
            struct Found: Decodable { var count: Double; var smallest: [Box] }
            let found = try await PageProbe.decode(Found.self, site.url(path), script: script, width: 390, in: folder)
            #expect(found.count > 0, "\(path): no \(links)")
            // Names are wider than 24 px; their height is what a finger misses.
            for box in found.smallest { #expect(min(box.width, box.height) >= 24, "\(path): `\(box.text)` is \(box.width) × \(box.height) px") }
        }
    }

    /// A process's RACI table on a phone: the step column was squeezed to two characters a line
    /// beside the departments' columns, and scrolled away with them.
    @Test("At 390 px a process's RACI table keeps its step names readable and in view while the departments scroll")
    func raciStepColumn() async throws {
        // Seven departments, a step each: wider than a phone, as at 2,000 processes.
        let names = ["采购管理部", "财务结算部", "质量保证部", "仓储物流部", "客户服务部", "信息技术部", "法务合规部"]
        var files = ["handbook.yml": "title: 测试手册\n"]
        var steps = ""
        for (index, name) in names.enumerated() {
            files["content/departments/d\(index).md"] = "---\nname: \(name)\n---\n"
            steps += "  - {id: \(index + 1), name: 评估维修记录\(index + 1), responsible: d\(index), duties: 评估, outputs: [记录\(index + 1)]}\n"
        }
        files["content/processes/wide.md"] = "---\ntitle: 宽流程\nowner: d0\nstatus: approved\nversion: \"1.0\"\neffective: 2026-01-01\napproved_by: 经理\nsteps:\n\(steps)---\n"
        let handbook = try TestHandbook(files)
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let folder = handbook.folder
        struct Column: Decodable { var widths: [Double]; var overflow: Double; var leftsAfterScroll: [Double]; var boxLeft: Double }
        let script = """
            addEventListener('load', () => {
              const box = document.querySelector('table.raci-matrix').closest('.table-scroll');
              const heads = [...document.querySelectorAll('table.raci-matrix tbody th')];
              const widths = heads.map(th => th.getBoundingClientRect().width);
              const overflow = box.scrollWidth - box.clientWidth;
              box.scrollLeft = 150;
              report({ widths, overflow, leftsAfterScroll: heads.map(th => th.getBoundingClientRect().left), boxLeft: box.getBoundingClientRect().left });
            });
            """
        let column = try await PageProbe.decode(Column.self, site.url(Routes.process("wide")), script: script, width: 390, in: folder)
        #expect(column.widths.count == names.count)
        for width in column.widths { #expect(width >= 100, "a step name in a column \(width) px wide") }
        #expect(column.overflow > 0, "the table is wider than a phone (the sticky column is what is tested)")
        for left in column.leftsAfterScroll { #expect(abs(left - column.boxLeft) < 2, "the step column scrolled away: at \(left) px") }
    }

    private func steps(in html: String) -> Int { HTML.stepRowIDs(in: html).count }
}
