import Foundation
import Testing
@testable import HandbookCore

/// Poppler's command-line tools, run as child processes.
enum Poppler {
    static func path(_ tool: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let available = ["pdftotext", "pdfinfo", "pdftoppm"].allSatisfy { path($0) != nil }

    /// Standard output of `tool` (through a file, so no pipe fills up).
    static func run(_ tool: String, _ arguments: [String], in folder: URL) async throws -> String {
        let out = folder.appendingPathComponent("\(tool)-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path(tool)))
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in done.resume() }
            do { try process.run() } catch { done.resume(throwing: error) }
        }
        guard process.terminationStatus == 0 else {
            throw Chromium.Failure(description: "\(tool) \(arguments) exited with \(process.terminationStatus)")
        }
        return String(decoding: try Data(contentsOf: out), as: UTF8.self)
    }
}

/// A page printed to PDF by Chromium, read back with pdfinfo and pdftotext page by page.
struct PrintedPDF {
    var file: URL
    var width = 0.0, height = 0.0
    /// `pdftotext -layout` text of each page.
    var pages: [String] = []
    /// `pdftotext -raw` text of each page, whitespace removed: table cells come out in order.
    var raw: [String] = []

    /// Text with all whitespace removed (pdftotext keeps or drops spaces between CJK glyphs).
    static func squeeze(_ text: some StringProtocol) -> String { String(text.filter { !$0.isWhitespace }) }

    func lines(_ page: Int) -> [String] {
        pages[page].split(separator: "\n").map(Self.squeeze).filter { !$0.isEmpty }
    }

    func squeezed(_ page: Int) -> String { Self.squeeze(pages[page]) }

    static func print(_ page: URL, in folder: URL) async throws -> PrintedPDF {
        var pdf = PrintedPDF(file: folder.appendingPathComponent("print-\(UUID().uuidString).pdf"))
        _ = try await Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.file.path)", page.absoluteString], in: folder)
        let info = try await Poppler.run("pdfinfo", [pdf.file.path], in: folder)
        let count = try #require(info.firstMatch(of: /Pages:\s+(\d+)/).flatMap { Int($0.output.1) }, "pdfinfo: \(info)")
        let size = try #require(info.firstMatch(of: /Page size:\s+([\d.]+) x ([\d.]+) pts/), "pdfinfo: \(info)")
        (pdf.width, pdf.height) = (Double(size.output.1) ?? 0, Double(size.output.2) ?? 0)
        for number in 1...max(count, 1) {
            let range = ["-f", "\(number)", "-l", "\(number)", pdf.file.path, "-"]
            pdf.pages.append(try await Poppler.run("pdftotext", ["-layout"] + range, in: folder))
            pdf.raw.append(squeeze(try await Poppler.run("pdftotext", ["-raw"] + range, in: folder)))
        }
        return pdf
    }
}

@Suite("Printing", .timeLimit(.minutes(2)),
       .enabled(if: Chromium.path != nil && Poppler.available, "chromium or poppler-utils is not on PATH; print tests skipped"))
struct PrintTests {
    static let organization = "示例科技有限公司"
    static let siteHeader = "示例科技有限公司 · 流程手册"
    /// What the layout puts around the content on screen: never on paper.
    static let screenOnly = ["首页", "职责矩阵", "评审", "跳到正文", "\(siteHeader) · 生成日期 2026-01-01"]

    /// The sample handbook built into a temporary folder, and `path` in it printed.
    static func printSample(_ path: String, drafts: Bool = false) async throws -> (PrintedPDF, html: String, BuiltSite, URL) {
        let (site, folder) = try await SampleHandbookTests.build(drafts: drafts)
        try #require(site.report.published, "the sample does not build: \(site.errors.map(\.formatted))")
        let pdf = try await PrintedPDF.print(site.url(path), in: folder)
        return (pdf, site.text(path), site, folder)
    }

    /// The text of each `<tr` row starting with `opening`, whitespace removed.
    static func rows(_ opening: String, in html: String) -> [String] {
        html.components(separatedBy: opening).dropFirst().map { part in
            let row = part.components(separatedBy: "</tr>")[0]
            // The rest of the opening tag (`1">` of `<tr id="step-1">`) is not text.
            let cells = opening.hasSuffix(">") ? row : String(row.drop { $0 != ">" }.dropFirst())
            return PrintedPDF.squeeze(HTML.text(cells))
        }
    }

    /// A4 portrait; every page has `header` on top and `第 N 页 / 共 M 页` (or the English) at the
    /// bottom, after `footer` when the page has one (on the same line: margin boxes side by side).
    func expectPages(_ pdf: PrintedPDF, header: (Int) -> String, footer: String? = nil, english: Bool = false) {
        #expect(abs(pdf.width - 595) < 1 && abs(pdf.height - 842) < 1, "not A4: \(pdf.width) x \(pdf.height)")
        #expect(!pdf.pages.isEmpty)
        let count = pdf.pages.count
        for page in pdf.pages.indices {
            let lines = pdf.lines(page)
            #expect(lines.first == PrintedPDF.squeeze(header(page)), "page \(page + 1) header: \(lines.first ?? "")")
            let number = english ? "Page\(page + 1)of\(count)" : "第\(page + 1)页/共\(count)页"
            #expect(lines.last == PrintedPDF.squeeze(footer ?? "") + number, "page \(page + 1) footer: \(lines.last ?? "")")
        }
    }

    /// No row of the HTML is split over two pages: each row's whole text is on one page.
    func expectRowsUnbroken(_ rows: [String], in pdf: PrintedPDF) {
        #expect(!rows.isEmpty)
        for row in Set(rows) {
            let found = pdf.raw.map { $0.components(separatedBy: row).count - 1 }.reduce(0, +)
            #expect(found == rows.filter { $0 == row }.count, "row split over pages or missing: \(row)")
        }
    }

    /// Navigation, skip link and footer appear on paper only as often as the content itself has them.
    func expectNoScreenChrome(_ pdf: PrintedPDF, html: String) {
        // What the content itself marks for the screen only (`no-print` paragraphs and forms) is not on paper either.
        let content = html.components(separatedBy: "<main")[1].components(separatedBy: "</main>")[0]
            .replacing(try! Regex(#"(?s)<(p|form) class="[^"]*no-print[^"]*".*?</\1>"#), with: "")
        let main = PrintedPDF.squeeze(HTML.text(content))
        let paper = pdf.pages.indices.map(pdf.squeezed).joined()
        for text in Self.screenOnly.map(PrintedPDF.squeeze) {
            #expect(PrintedPDF.squeeze(HTML.text(html)).contains(text), "the page has no `\(text)` to hide")
            let inContent = main.components(separatedBy: text).count - 1
            #expect(paper.components(separatedBy: text).count - 1 == inContent, "`\(text)` is printed")
        }
    }

    /// The sign-off block with its three rows is on page `page`.
    func expectSignOff(_ pdf: PrintedPDF, on page: Int) {
        let text = pdf.squeezed(page)
        let after = text.components(separatedBy: "签字确认").dropFirst().joined()
        for row in ["受训人", "培训师", "部门负责人", "人力资源部"] { #expect(after.contains(row), "no \(row) after 签字确认 on page \(page + 1)") }
    }

    @Test("A role's checklist: running header with department and role, page numbers, whole rows, sign-off last")
    func roleSheet() async throws {
        let (pdf, html, _, folder) = try await Self.printSample("training/customer-service/cs-agent/index.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        expectPages(pdf, header: { _ in "\(Self.siteHeader) · 客服部 · 客服专员" }, footer: "内容生成日期 2026-01-01")
        #expect(pdf.lines(0).dropFirst().prefix(2) == [PrintedPDF.squeeze(Self.siteHeader), "客服部·客服专员"])
        let rows = Self.rows("<tr><td class=\"box\">", in: html)
        #expect(rows.contains { $0.contains("客户投诉接收") && $0.contains("记录投诉详情") })
        expectRowsUnbroken(rows, in: pdf)
        expectSignOff(pdf, on: pdf.pages.count - 1)
        for page in 0..<pdf.pages.count - 1 { #expect(!pdf.squeezed(page).contains("签字确认")) }
        expectNoScreenChrome(pdf, html: html)
    }

    @Test("The department booklet: a cover, then each sheet on its own pages with its header and sign-off")
    func booklet() async throws {
        let (pdf, html, _, folder) = try await Self.printSample("training/customer-service/index.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let titles = html.matches(of: /<section class="sheet[^"]*">\s*<header class="print-header">[^§]*?<h1>([^<]*)<\/h1>/)
            .map { PrintedPDF.squeeze($0.output.1) }
        #expect(titles == ["客服部·客服专员", "客服部·客服主管", "客服部·数据专员", "客服部·客服部经理"], "a record per role, none for the department alone: \(titles)")

        // Page 1 is the cover, with the department's header and a list of the roles.
        let cover = pdf.squeezed(0)
        #expect(pdf.lines(0).first == PrintedPDF.squeeze("\(Self.siteHeader) · 客服部"))
        for text in ["部门培训清单", "各岗位培训清单", "客服专员", "客服主管", "数据专员", "客服部经理"] { #expect(cover.contains(text)) }
        #expect(!cover.contains("签字确认") && !cover.contains("培训师签字"), "the cover has no checklist")

        // Each sheet starts at the top of a new page: its title right under the running header.
        let starts = titles.map { title in pdf.pages.indices.first { pdf.squeezed($0).contains(title) } ?? -1 }
        #expect(starts.first == 1, "the first sheet follows the cover")
        #expect(starts == starts.sorted() && Set(starts).count == starts.count, "sheets out of order: \(starts)")
        for (index, title) in titles.enumerated() where starts[index] >= 0 {
            let start = starts[index]
            #expect(Array(pdf.lines(start).prefix(3)) == [PrintedPDF.squeeze("\(Self.siteHeader) · ") + title,
                                                          PrintedPDF.squeeze(Self.siteHeader), title],
                    "\(title) does not open page \(start + 1)")
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : pdf.pages.count - 1
            for page in start...max(start, end) {
                #expect(pdf.lines(page).first == PrintedPDF.squeeze("\(Self.siteHeader) · ") + title, "page \(page + 1)")
                #expect(pdf.squeezed(page).contains("签字确认") == (page == end), "sign-off of \(title) not (only) on page \(end + 1)")
            }
            expectSignOff(pdf, on: end)
        }
        expectPages(pdf, header: { page in pdf.pages[page].split(separator: "\n").first.map(String.init) ?? "" }, footer: "内容生成日期 2026-01-01")
        expectRowsUnbroken(Self.rows("<tr><td class=\"box\">", in: html), in: pdf)
        expectNoScreenChrome(pdf, html: html)
    }

    @Test("A long checklist: the column header repeats on every page, no process title ends a page without its rows")
    func longSheet() async throws {
        // 30 processes of two steps each for one role: a sheet of several pages. Every third duty
        // is longer, which (measured) puts process titles at page ends unless the theme keeps
        // them with their first row.
        var files: [String: String] = [:]
        for number in 1...30 {
            let id = String(format: "%02d", number), more = number % 3 == 0 ? String(repeating: "，并复核", count: 3) : ""
            files["content/processes/long-\(id).md"] = """
                ---
                title: 长清单流程\(id)
                owner: 品保部
                status: approved
                version: "1.\(number)"
                effective: 2026-02-01
                steps:
                  - {id: 1, name: 检查样品\(id), responsible: quality-assurance/qa-engineer, duties: 按抽样标准检查来料样品并填写检查记录表，发现问题时通知采购部\(more), deadline: 到货后2个工作日内, outputs: [检查记录\(id)], next: [2]}
                  - {id: 2, name: 签发报告\(id), responsible: quality-assurance/qa-engineer, duties: 汇总检查记录，签发质量报告并归档, deadline: 检查后1个工作日内, outputs: [质量报告\(id)]}
                ---
                """
        }
        let handbook = try TestHandbook(fixture: "valid-basic", files)
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let path = Routes.training("quality-assurance", role: "qa-engineer")
        let pdf = try await PrintedPDF.print(site.url(path), in: handbook.folder)
        #expect(pdf.pages.count >= 3, "the sheet should span pages: \(pdf.pages.count)")
        let columns = "完成步骤主要职责完成时限输出成果培训日期受训人签字培训师签字"
        for page in pdf.pages.indices {
            let lines = pdf.lines(page)
            // The table's header on every page with rows (its cells in order; a narrow one wraps).
            #expect(pdf.raw[page].contains(columns) || page == pdf.pages.count - 1 && !pdf.squeezed(page).contains("长清单流程"),
                    "page \(page + 1) has no column header")
            // The line above the page number is never a process's title (版本 … · 生效日期 …).
            let last = lines.dropLast().last ?? ""
            #expect(!last.contains("生效日期"), "page \(page + 1) ends with a process title: \(last)")
        }
        expectRowsUnbroken(Self.rows("<tr><td class=\"box\">", in: site.text(path)), in: pdf)
        for number in [1, 15, 30] {
            #expect(pdf.raw.joined().contains(PrintedPDF.squeeze("长清单流程\(String(format: "%02d", number)) 版本 1.\(number) · 生效日期 2026-02-01")))
        }
    }

    @Test("A process page prints its whole responsibility rows under the site header, without navigation")
    func processPage() async throws {
        let (pdf, html, _, folder) = try await Self.printSample("processes/purchase-approval/index.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(pdf.pages.count > 1, "the test wants a table that crosses a page")
        expectPages(pdf, header: { _ in Self.siteHeader }, footer: "流程手册 · 采购审批流程 · 版本 3.0 · 生效日期 2026-02-01")
        let rows = Self.rows("<tr id=\"step-", in: html)
        #expect(rows.count == 9)
        expectRowsUnbroken(rows, in: pdf)
        expectNoScreenChrome(pdf, html: html)
        #expect(pdf.squeezed(pdf.pages.count - 1).contains("(process@example.com)"), "the feedback address is printed")
        #expect(html.contains("打印执行反馈表") && !pdf.pages.indices.map(pdf.squeezed).joined().contains("打印执行反馈表"),
                "the link to the feedback form is printed")
    }

    @Test("A flowchart wider than the page prints in slices, every step's box readable, not the whole chart shrunk")
    func wideFlowchart() async throws {
        let (pdf, html, _, folder) = try await Self.printSample("processes/purchase-approval/index.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(HTML.count("<svg class=\"flowchart-svg\"", in: html) >= 2, "the nine-step chart is not cut into bands")
        // Word boxes from poppler: the shrunk chart's labels were 6.4 pt boxes (2.9 pt type); the page's own text is 15 or more.
        let boxes = try await Poppler.run("pdftotext", ["-bbox", pdf.file.path, "-"], in: folder)
        let words = boxes.matches(of: /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/)
            .map { (height: Double($0.output.2)! - Double($0.output.1)!, text: String($0.output.3)) }
        #expect(words.count > 100)
        let smallest = words.min { $0.height < $1.height }
        #expect((smallest?.height ?? 0) >= 12, "`\(smallest?.text ?? "")` is printed \(smallest?.height ?? 0) pt high")
        // Every step's box is on paper: its number and name, in the chart as in the table.
        let paper = pdf.pages.indices.map(pdf.squeezed).joined()
        for name in ["1请购登记", "5财务预算审核", "9退货与索赔"] { #expect(paper.contains(name), "\(name) not on paper") }
    }

    @Test("The execution feedback form has its columns and one row per step")
    func feedbackForm() async throws {
        let (pdf, html, _, folder) = try await Self.printSample("processes/purchase-approval/feedback.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        expectPages(pdf, header: { _ in "\(Self.siteHeader) · 采购审批流程 · 执行反馈表" })
        let columns = pdf.pages[0].split(separator: "\n").first { $0.contains("问题描述") }.map(String.init) ?? ""
        #expect(columns.split(whereSeparator: \.isWhitespace) == ["步骤", "问题描述", "改进建议", "反馈人", "日期"])
        let steps = html.matches(of: /<th scope="row">(\d+\. [^<]+)<\/th>/).map { PrintedPDF.squeeze($0.output.1) }
        #expect(steps.count == 9 && steps.first == "1.请购登记" && steps.last == "9.退货与索赔")
        let paper = pdf.raw.joined()
        let positions = steps.map { step in paper.ranges(of: step).map(\.lowerBound) }
        #expect(positions.allSatisfy { $0.count == 1 }, "each step once: \(zip(steps, positions.map(\.count)).map { "\($0) \($1)" })")
        let firsts = positions.compactMap(\.first)
        #expect(firsts == firsts.sorted(), "steps in order")
        expectNoScreenChrome(pdf, html: html)
    }

    @Test("A department's matrix prints landscape with every role's column and every process's row")
    func matrix() async throws {
        let (pdf, html, _, folder) = try await Self.printSample(Routes.matrix("customer-service"))
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(abs(pdf.width - 842) < 1 && abs(pdf.height - 595) < 1, "not A4 landscape: \(pdf.width) x \(pdf.height)")
        let columns = html.components(separatedBy: "<thead>")[1].components(separatedBy: "</thead>")[0]
            .matches(of: /<th scope="col">([^<]+)<\/th>/).map { PrintedPDF.squeeze($0.output.1) }
        let rows = html.matches(of: /<tr><th scope="row"><a href="[^"]+">([^<]+)<\/a>/).map { PrintedPDF.squeeze($0.output.1) }
        #expect(columns == ["客服专员", "客服主管", "数据专员", "客服部经理", "全部门"] && rows.count >= 3, "\(columns) \(rows)")
        let paper = pdf.pages.indices.map(pdf.squeezed).joined()
        for name in columns { #expect(paper.contains(name), "column `\(name)` is not on paper") }
        // A process's title wraps in its narrow first column, and pdftotext interleaves the lines with the next cells.
        for title in rows { #expect(paper.contains(title.prefix(4)), "row `\(title)` is not on paper") }
        for (index, page) in pdf.pages.indices.enumerated() {
            #expect(pdf.lines(page).last == "第\(index + 1)页/共\(pdf.pages.count)页")
        }
        #expect(!paper.contains("全部部门的职责矩阵"), "the screen's links back are printed")
    }

    @Test("The matrix index prints landscape with every department's column")
    func matrixIndex() async throws {
        let (pdf, html, _, folder) = try await Self.printSample("matrix/index.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(abs(pdf.width - 842) < 1 && abs(pdf.height - 595) < 1, "not A4 landscape: \(pdf.width) x \(pdf.height)")
        let columns = html.components(separatedBy: "<thead>")[1].components(separatedBy: "</thead>")[0]
            .matches(of: /<th scope="col"><a href="[^"]+">([^<]+)<\/a><\/th>/).map { PrintedPDF.squeeze($0.output.1) }
        #expect(columns.count == 8)
        let paper = pdf.pages.indices.map(pdf.squeezed).joined()
        for name in columns { #expect(paper.contains(name), "column `\(name)` is not on paper") }
    }

    @Test("A department page prints its duties without the screen's button to the checklists")
    func departmentPage() async throws {
        let (pdf, html, _, folder) = try await Self.printSample("departments/customer-service/index.html")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(html.contains("打印培训清单"), "the page has no button to hide")
        let paper = pdf.pages.indices.map(pdf.squeezed).joined()
        #expect(!paper.contains("打印培训清单"), "the button is printed")
        #expect(!paper.contains("·培训清单"), "the roles' links to their checklists are printed")
        #expect(paper.contains("客户投诉处理流程"))
        expectPages(pdf, header: { _ in Self.siteHeader }, footer: "流程手册 · 客服部 · 内容生成日期 2026-01-01")
        expectNoScreenChrome(pdf, html: html)
    }

    @Test("An English handbook prints `Page N of M`; a page renders to PNG")
    func english() async throws {
        let handbook = try TestHandbook(fixture: "print-en")
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let role = try await PrintedPDF.print(site.url("training/sales/sales-rep/index.html"), in: handbook.folder)
        expectPages(role, header: { _ in "Example Ltd · Process Handbook · Sales · Sales Rep" }, footer: "Content as of 2026-01-01", english: true)
        #expect(role.pages[0].contains("Page 1 of \(role.pages.count)"))
        let sheet = role.pages.indices.map(role.squeezed).joined()
        for text in ["Recordthe", "Confirmthe", "Sign-off", "Trainee", "Trainer", "Departmenthead", "HR"] { #expect(sheet.contains(text)) }
        // Every column header is printed whole (headers wrap in their fixed-width columns, none is clipped).
        for header in ["Done", "Step", "Duties", "Deadline", "Outputs", "Date", "trained", "Trainee", "Trainer", "initials"] {
            #expect(role.pages[0].contains(header), "column header \(header) missing on paper")
        }
        #expect(!sheet.contains("第") && !sheet.contains("页"))
        let process = try await PrintedPDF.print(site.url("processes/order-intake/index.html"), in: handbook.folder)
        expectPages(process, header: { _ in "Example Ltd · Process Handbook" }, footer: "Process Handbook · Order intake · Version 1.0 · Effective 2026-01-01", english: true)

        let png = handbook.folder.appendingPathComponent("page")
        _ = try await Poppler.run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", role.file.path, png.path],
                                  in: handbook.folder)
        let data = try Data(contentsOf: png.appendingPathExtension("png"))
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(data.count > 1000)
    }

    @Test("Built with drafts, a checklist with a draft process is marked 草稿 / DRAFT on screen and on paper")
    func draftMark() async throws {
        let path = "training/procurement/buyer/index.html"
        let (pdf, html, _, folder) = try await Self.printSample(path, drafts: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(html.contains("草稿 / DRAFT"))
        #expect(html.contains("供应商年度评价流程"))
        let paper = pdf.pages.indices.map(pdf.squeezed).joined()
        #expect(paper.contains("供应商年度评价流程"))
        #expect(paper.contains("草稿/DRAFT"), "the draft mark is not printed")
        #expect(paper.contains("此流程尚未批准，仅供评审。"))

        let (published, publishedFolder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: publishedFolder) }
        #expect(!published.text(path).contains("DRAFT") && !published.text(path).contains("供应商年度评价流程"))
    }
}
