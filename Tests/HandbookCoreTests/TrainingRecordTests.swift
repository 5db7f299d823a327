import Foundation
import Testing
@testable import HandbookCore

/// Training records as HR prints and has them signed: printed in Chromium, read back with pdftotext.
@Suite("Training records", .timeLimit(.minutes(3)),
       .enabled(if: Chromium.path != nil && Poppler.available, "chromium or poppler-utils is not on PATH; print tests skipped"))
struct TrainingRecordTests {
    /// The sheets of a training page: each `<section class="sheet …">` whole, in order.
    /// Links are made relative to each page (`../../` or `../../../`): compared without that prefix.
    static func sheets(_ html: String) -> [String] {
        html.components(separatedBy: "<section class=\"sheet ").dropFirst().map {
            ("<section class=\"sheet " + $0.components(separatedBy: "\n</section>\n</section>")[0])
                .replacing(/"(\.\.\/)+/, with: "\"")
        }
    }

    /// The step names (`1. 名称`) of the rows of a sheet's `<table class="…">`, in order (a
    /// known row's link says `流程 · 1. 名称`: its step alone).
    static func steps(_ table: String, in sheet: String) -> [String] {
        guard let body = sheet.components(separatedBy: "<table class=\"\(table)\">").dropFirst().first?.components(separatedBy: "</table>").first else {
            return []
        }
        return body.matches(of: /<th scope="row"><a href="[^"]*">([^<]*)<\/a>/).map {
            PrintedPDF.squeeze($0.output.1.split(separator: "·").last ?? "")
        }
    }

    /// Today as the page's script writes it, in this machine's time zone (Chromium's).
    static var today: String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        return formatter.string(from: Date())
    }

    @Test("Each role's record: R and A steps signed, C and I steps apart under 需了解, a legend of R A C I; the booklet prints the same sheets")
    func roleRecords() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(site.report.published)
        let bookletPath = Routes.training("customer-service")
        let booklet = try await PrintedPDF.print(site.url(bookletPath), in: folder)
        let bookletText = booklet.raw.joined()
        let bookletSheets = Self.sheets(site.text(bookletPath))
        let roles = ["cs-agent", "cs-supervisor", "data-analyst", "cs-manager"]
        #expect(bookletSheets.count == roles.count)
        var known: [String: [String]] = [:]
        for (index, role) in roles.enumerated() {
            let path = Routes.training("customer-service", role: role)
            let html = site.text(path)
            let sheet = try #require(Self.sheets(html).first)
            // The role's page and the booklet hold the very same sheet.
            #expect(index < bookletSheets.count && bookletSheets[index] == sheet, "\(role): its sheet differs in the booklet")
            let trained = Self.steps("checks", in: sheet)
            known[role] = Self.steps("known", in: sheet)

            let pdf = try await PrintedPDF.print(site.url(path), in: folder)
            let paper = pdf.raw.joined()
            for letter in ["R负责", "A批准", "C协同", "I知会"] { #expect(paper.contains(letter), "\(role): no legend for \(letter)") }
            #expect(paper.contains("本岗位执行此步骤：须培训，逐项签字"))
            // The signed part runs from its heading to 需了解 (or the sign-off): no C or I step in it.
            let signedStart = try #require(paper.range(of: "培训项目（R负责·A批准）"), "\(role)")
            let signedEnd = paper.range(of: "需了解（C协同·I知会）", range: signedStart.upperBound..<paper.endIndex)
                ?? paper.range(of: "签字确认", range: signedStart.upperBound..<paper.endIndex)
            let signed = paper[signedStart.upperBound..<(signedEnd?.lowerBound ?? paper.endIndex)]
            for step in trained { #expect(signed.contains(step), "\(role): \(step) not among the signed items") }
            for step in known[role] ?? [] { #expect(!signed.contains(step), "\(role): C/I step \(step) among the signed items") }
            if let signedEnd, !(known[role] ?? []).isEmpty {
                let toKnow = paper[signedEnd.upperBound...]
                for step in known[role] ?? [] { #expect(toKnow.contains(step), "\(role): \(step) not under 需了解") }
            }
            // The role's steps are in the booklet, in the same order.
            let steps = trained + (known[role] ?? [])
            let positions = steps.map { step in bookletText.range(of: step)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "\(role): a step missing from the booklet")
        }
        // What the issue found: 客服专员 signed for 品保部's step 4 and for step 5 where it is only informed.
        #expect(known["cs-agent"]?.contains("4.问题处理与反馈") == true, "\(known)")
        #expect(known["cs-agent"]?.contains("5.评审与优化") == true, "\(known)")
        #expect(!bookletText.contains("全部门·"), "no sheet of the department as a whole")
    }

    @Test("A record built long ago and printed today carries today's print date, and labels the build date as the content's")
    func printDate() async throws {
        let (site, folder) = try await SampleHandbookTests.build()  // SOURCE_DATE_EPOCH: 2026-01-01
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = Routes.training("customer-service", role: "cs-agent")
        // Without scripts: a blank line to write the date on.
        let html = site.text(path)
        #expect(html.contains("打印日期 <span class=\"print-date\" data-print-date>＿＿＿＿年＿＿月＿＿日</span>"))
        #expect(!html.contains("打印日期 2026-01-01"))
        for path in [path, Routes.training("customer-service")] {
            let pdf = try await PrintedPDF.print(site.url(path), in: folder)
            let paper = pdf.raw.joined()
            #expect(paper.contains("打印日期\(Self.today)"), "\(path): no print date of today")
            #expect(!paper.contains("打印日期2026-01-01"), "\(path): the build date printed as the print date")
            #expect(paper.contains("内容生成日期2026-01-01"), "\(path): the content's date is not labelled")
        }
    }

    @Test("`training:` in handbook.yml sets the printed sign-off block, the trainee's fields, the row columns and the form's marks")
    func configuredRecord() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic")
        let config = try handbook.source("handbook.yml")
        try handbook.write(["handbook.yml": config + """

            training:
              signers: [受训人, 带教师傅, 部门经理]
              trainee_fields: [姓名, 工号, 班组]
              row_columns: [培训日期, 带教签字]
              assessment: [优秀, 合格, 不合格]
              document_number: QR-HR-012
              controlled_copy: 受控文件
              logo: images/logo.png
            """])
        try handbook.write("content/images/logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let site = try await handbook.build()
        try #require(site.report.published, "\(site.errors.map(\.formatted))")
        let path = Routes.training("customer-service", role: "cs-agent")
        let html = site.text(path)
        #expect(html.contains("<img class=\"logo\" src=\"../../../images/logo.png\" alt=\"\">"))
        #expect(site.exists("images/logo.png"))
        let pdf = try await PrintedPDF.print(site.url(path), in: handbook.folder)
        let paper = pdf.raw.joined()
        for text in ["带教师傅", "部门经理", "班组", "带教签字", "考核结果：", "优秀", "不合格", "文件编号QR-HR-012", "受控文件"] {
            #expect(paper.contains(text), "\(text) is not printed")
        }
        for text in ["人力资源部", "受训人签字", "需再培训", "入职日期"] { #expect(!paper.contains(text), "the default \(text) is printed") }
        #expect(paper.contains("完成步骤主要职责完成时限输出成果培训日期带教签字"), "the columns: \(paper.prefix(400))")
        // The form's number is in every page's footer.
        #expect(pdf.lines(0).last?.hasPrefix("QR-HR-012·内容生成日期2026-01-01") == true, "\(pdf.lines(0).last ?? "")")

        // `assessment: false` prints no assessment line; empty lists print none of their part.
        try handbook.write(["handbook.yml": config + "\ntraining: {assessment: false, trainee_fields: [], signers: []}\n"])
        let bare = try await handbook.build().text(path)
        #expect(!bare.contains("考核结果") && !bare.contains("class=\"trainee-fields\"") && !bare.contains("class=\"signoff-table\""))
    }

    @Test("A wrong `training:` setting is an error where it is written")
    func wrongSettings() async throws {
        let marked = MarkedText("""
            title: 手册
            training:
              signers: 1️⃣{受训人: 是}
              row_columns: 2️⃣[a, b, c, d, e]
              assessment: [合格, "3️⃣"]
              logo: 4️⃣images/missing.png
              5️⃣stamp: 受控
            """)
        let handbook = try TestHandbook(fixture: "valid-basic", ["handbook.yml": marked.text])
        let report = await handbook.check()
        let found = Set(report.diagnostics.filter { $0.position.path == "handbook.yml" }.map { "\($0.position.line):\($0.position.column) \($0.rule)" })
        let expected: Set<String> = [
            "\(marked.markers["1️⃣"]!) handbook.yaml.type", "\(marked.markers["2️⃣"]!) handbook.config.training",
            "\(marked.markers["3️⃣"]!) handbook.config.training", "\(marked.markers["4️⃣"]!) handbook.config.training",
            "\(marked.markers["5️⃣"]!) handbook.frontmatter.unknown-key",
        ]
        #expect(found == expected, "\(report.diagnostics.map(\.formatted))")
        #expect(report.diagnostics.contains { $0.message.contains("images/missing.png, which does not exist") })
    }

    @Test("training/plan.csv: every role's steps with their letters and whether they are trained or to know, for Excel")
    func plan() async throws {
        let site = try await TestHandbook(fixture: "valid-basic").build()
        let data = try Data(contentsOf: site.url(Routes.trainingPlan))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]), "no byte order mark: Excel would misread the Chinese")
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "部门,岗位,流程,版本,生效日期,步骤编号,步骤名称,职责,培训要求")
        #expect(lines.contains("客服部,客服专员,投诉受理流程,1.2,2026-01-01,1,接收投诉,R,培训并签字"))
        #expect(lines.contains("客服部,客服专员,投诉受理流程,1.2,2026-01-01,3,质量调查,C,需了解"))
        #expect(lines.contains("客服部,客服部经理,投诉受理流程,1.2,2026-01-01,4,结果回复,RA,培训并签字"))
        #expect(lines.contains("运营中心,运营总监,投诉受理流程,1.2,2026-01-01,4,结果回复,I,需了解"))
        // The training pages link to it.
        #expect(site.text(Routes.training("customer-service")).contains("href=\"../../training/plan.csv\""))
    }

    @Test("A CSV cell a spreadsheet would run as a formula is kept as text")
    func csvCells() {
        #expect(ViewModels.csvLine(["=SUM(A1)", "a,b", "say \"hi\"", "-1", "普通"]) == "'=SUM(A1),\"a,b\",\"say \"\"hi\"\"\",'-1,普通\r\n")
    }

    struct DeltaProbe: Decodable {
        var search: String
        var status: String
        var shown: [String]
        var heightInput, heightButton: Double
        /// After the button that goes back to the latest versions.
        var searchAfterReset: String
        var shownAfterReset: [String]
    }

    /// The dated repository of `HistoryTests`: step 2a of the agent new in 1.1 (in effect
    /// 2026-02-01), step 1 changed in 2.0 (2026-03-01).
    @Test("A retraining sheet opened with ?since= shows and prints the steps changed since that day; without, the latest versions' only")
    func deltaSince() async throws {
        let site = try await HistoryTests.build(try HistoryTests.datedRepository())
        try #require(site.report.published)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("delta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = "training/customer-service/cs-agent/changes/index.html"
        func open(_ query: String) async throws -> String {
            try await Chromium.dumpDOM(try #require(URL(string: site.url(path).absoluteString + query)), in: folder)
        }
        func shown(_ dom: String) -> [String] { HistoryTests.deltaRows(dom).filter { !$0.hidden }.map(\.name) }

        let latest = try await open("")
        #expect(shown(latest) == ["1. 接收投诉"])
        #expect(latest.contains("显示 1 / 2 行") && !latest.contains("data-delta-filter data-filter-count=\"显示 {shown} / {total} 行\" hidden"),
                "the script shows the form and counts")
        let since = try await open("?since=2026-01-15")
        #expect(shown(since) == ["1. 接收投诉", "2a. 满意度回访"])
        #expect(since.contains(">自 2026-01-15 起变更的步骤</p>") && since.contains("显示 2 / 2 行"))
        #expect(shown(try await open("?since=2026-02-15")) == ["1. 接收投诉"])
        let after = try await open("?since=2026-03-02")
        #expect(shown(after).isEmpty && after.contains("<p class=\"delta-none\" data-delta-none=\"自 {date} 起没有变更本岗位需培训的步骤。\">自 2026-03-02 起没有变更本岗位需培训的步骤。</p>"))

        // Printed: what is shown, headed by the day chosen.
        let paper = PrintedPDF.squeeze(try await PrintedPDF.print(try #require(URL(string: site.url(path).absoluteString + "?since=2026-01-15")), in: folder).raw.joined())
        #expect(paper.contains("自2026-01-15起变更的步骤") && paper.contains("1.接收投诉") && paper.contains("2a.满意度回访"), "\(paper)")
        let plain = PrintedPDF.squeeze(try await PrintedPDF.print(site.url(path), in: folder).raw.joined())
        #expect(plain.contains("1.接收投诉") && !plain.contains("满意度回访") && !plain.contains("起变更的步骤"))

        // A day chosen goes into the address (from file://), so that it can be bookmarked; on a
        // phone the date and the button are 44 px touch targets.
        let script = """
            addEventListener('load', () => {
              const input = document.querySelector('[data-delta-since]');
              input.value = '2026-01-20';
              input.dispatchEvent(new Event('change'));
              const box = element => element.getBoundingClientRect().height;
              const shown = () => [...document.querySelectorAll('tr[data-delta-day]')].filter(r => r.offsetParent !== null)
                .map(r => r.querySelector('th a').textContent);
              const reset = document.querySelector('[data-delta-reset]');
              const result = { search: location.search, status: document.querySelector('[data-delta-status]').textContent,
                               shown: shown(), heightInput: box(input), heightButton: box(reset) };
              reset.click();
              report(Object.assign(result, { searchAfterReset: location.search, shownAfterReset: shown() }));
            });
            """
        let probe = try await PageProbe.decode(DeltaProbe.self, site.url(path), script: script, width: 390, in: folder)
        #expect(probe.search == "?since=2026-01-20" && probe.status == "显示 2 / 2 行", "\(probe)")
        #expect(probe.shown == ["1. 接收投诉", "2a. 满意度回访"], "\(probe)")
        #expect(probe.heightInput >= 44 && probe.heightButton >= 44, "\(probe)")
        #expect(probe.searchAfterReset == "" && probe.shownAfterReset == ["1. 接收投诉"], "\(probe)")
    }
}
