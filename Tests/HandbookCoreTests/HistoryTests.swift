import Foundation
import Testing
@testable import HandbookCore

/// Versions from git (issue #27): a process approved several times, with a draft between, its
/// file renamed once; the comparison pages show each change, old and new.
@Suite("Version history from git")
struct HistoryTests {
    static let departments = [
        "handbook.yml": "title: 流程手册\n",
        "content/departments/customer-service.md": """
        ---
        name: 客服部
        roles:
          - {id: cs-agent, name: 客服专员}
          - {id: cs-supervisor, name: 客服主管}
        ---
        """,
        "content/departments/quality-assurance.md": """
        ---
        name: 品保部
        roles:
          - {id: qa-engineer, name: 质检工程师}
        ---
        """,
    ]

    /// The process file at a version: `status`, `version`, the changes list, and what differs.
    static func process(status: String = "approved", version: String, changes: [(String, String)],
                        receiveDeadline: String = "接收后15分钟内", handler: String = "quality-assurance/qa-engineer",
                        followUp: Bool = false, archiveName: String = "归档", body: String = "客户投诉按本流程处理。",
                        effective: String = "2026-01-01") -> String {
        let changeLines = changes.map { "  - {version: \"\($0.0)\", summary: \($0.1)}" }.joined(separator: "\n")
        let followUpStep = followUp ? """
          - id: 2a
            name: 满意度回访
            responsible: customer-service/cs-agent
            duties: 回访客户，记录满意度
            deadline: 处理完成后24小时内
            outputs: [回访记录]

        """ : ""
        return """
        ---
        title: 投诉处理
        owner: customer-service
        status: \(status)
        version: "\(version)"
        effective: \(effective)
        approved_by: 客服部经理
        changes:
        \(changeLines)
        steps:
          - id: 1
            name: 接收投诉
            responsible: customer-service/cs-agent
            duties: 记录投诉详情，生成工单
            deadline: \(receiveDeadline)
            outputs: [投诉工单]
          - id: 2
            name: 处理投诉
            responsible: \(handler)
            duties: 调查原因，制定解决方案
            deadline: 收到工单后48小时内
            outputs: [处理方案]
        \(followUpStep)  - id: 3
            name: \(archiveName)
            responsible: customer-service/cs-supervisor
            duties: 工单归档
            outputs: [归档记录]
        ---
        \(body)

        """
    }

    static let v10 = [("1.0", "首次发布")]
    static let v11 = [("1.1", "缩短接收时限，增加回访")] + v10
    static let v20 = [("2.0", "处理改由客服主管负责")] + v11

    /// A repository through versions 1.0, a draft, 1.1 and 2.0; the file renamed after 1.1.
    static func repository() throws -> TestHandbook {
        let handbook = try TestHandbook(Self.departments)
        var repo = try GitRepo(handbook)
        try repo.commit("发布 1.0", day: 2, ["content/processes/complaint.md": process(version: "1.0", changes: v10)])
        try repo.commit("草稿：缩短时限", day: 3, ["content/processes/complaint.md": process(
            status: "draft", version: "1.1", changes: v10, receiveDeadline: "接收后5分钟内")])
        try repo.commit("批准 1.1", day: 5, ["content/processes/complaint.md": process(
            version: "1.1", changes: v11, receiveDeadline: "接收后10分钟内", followUp: true)])
        try repo.commit("改名", day: 6, moving: ("content/processes/complaint.md", "content/processes/complaints.md"))
        try repo.commit("批准 2.0", day: 9, ["content/processes/complaints.md": process(
            version: "2.0", changes: v20, receiveDeadline: "接收后10分钟内", handler: "customer-service/cs-supervisor",
            followUp: true, archiveName: "数据归档", body: "客户投诉按本流程处理，并在两日内回访。")])
        return handbook
    }

    static func build(_ handbook: TestHandbook) async throws -> BuiltSite {
        var options = handbook.options()
        options.history = true
        let report = try await Pipeline.build(options)
        return BuiltSite(report: report, folder: options.output!, handbook: handbook)
    }

    @Test("Approved versions, one per value at its last commit; a draft is none; a rename followed")
    func versions() async throws {
        let site = try await Self.build(try Self.repository())
        #expect(site.errors.isEmpty, "\(site.report.diagnostics.map(\.formatted))")
        #expect(site.report.notices.isEmpty)
        let page = site.text("processes/complaints/index.html")
        let history = String(page[page.range(of: "id=\"version-history\"")!.lowerBound...])
        // Newest first: 2.0, 1.1, 1.0; the draft's message is not a version.
        let rows = history.matches(of: /<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/).map {
            [String($0.output.1), String($0.output.4)]
        }
        #expect(rows == [["2.0", "处理改由客服主管负责"], ["1.1", "缩短接收时限，增加回访"], ["1.0", "首次发布"]])
        #expect(!history.contains("草稿"))
        #expect(history.contains("2026-01-09") && history.contains("2026-01-02"))
        // Every comparison on one page beside the process page, each linked to its section.
        #expect(site.exists("processes/complaints/changes.html"))
        #expect(!site.exists("processes/complaints/changes/1.0..1.1/index.html"))
        let table = history[..<(history.range(of: "</section>")?.lowerBound ?? history.endIndex)]
        let links = table.matches(of: /<a href="([^"]*)">/).map { String($0.output.1) }
        #expect(links == ["v1.1..2.0", "v1.0..1.1", "v1.0..2.0"].map { "../../processes/complaints/changes.html#\($0)" })
    }

    @Test("A comparison's anchor keeps letters, digits, dots and dashes of its versions; anything else becomes a dash")
    func anchors() {
        #expect(Routes.comparisonAnchor(old: "1.0", new: "1.1") == "v1.0..1.1")
        #expect(Routes.comparisonAnchor(old: "2.0-rc1", new: "2.0 草案") == "v2.0-rc1..2.0---")
        #expect(Routes.processChanges("投诉 处理") == "processes/\(Routes.segment("投诉 处理"))/changes.html")
    }

    /// One comparison's section of a changes page: from its heading to the next pair's.
    static func pair(_ page: String, _ anchor: String) throws -> String {
        let start = try #require(page.range(of: "<h2 id=\"\(anchor)\">"), "no section \(anchor)")
        let rest = page[start.lowerBound...]
        return String(rest[..<(rest.range(of: "<section class=\"comparison-pair\"")?.lowerBound ?? rest.endIndex)])
    }

    @Test("Each change, old and new, in each comparison of the changes page")
    func comparison() async throws {
        let site = try await Self.build(try Self.repository())
        let page = site.text("processes/complaints/changes.html")
        // Each version against the one before, newest first, then the latest against the older ones.
        let contents = page.matches(of: /<li><a href="#([^"]*)">([^<]*)<\/a><\/li>/).map { "\($0.output.1) \($0.output.2)" }
        #expect(contents == ["v1.1..2.0 版本 1.1 → 2.0", "v1.0..1.1 版本 1.0 → 1.1", "v1.0..2.0 版本 1.0 → 最新版本 2.0"])
        let first = try Self.pair(page, "v1.0..1.1")
        // A deadline changed: old and new value in the step's row.
        let deadline = try #require(first.firstMatch(of: /<th scope="row">完成时限<\/th><td class="old">([^<]*)<\/td><td class="new">([^<]*)</))
        #expect(deadline.output.1 == "接收后15分钟内" && deadline.output.2 == "接收后10分钟内")
        // A step added, with its responsible party.
        let added = try #require(first.firstMatch(of: /id="v1.0..1.1-added".*?<\/section>/.dotMatchesNewlines()))
        #expect(added.output.contains("2a 满意度回访") && added.output.contains("客服部（客服专员）"))
        #expect(!first.contains("-removed\""))

        let second = try Self.pair(page, "v1.1..2.0")
        // A party moved to another department and role.
        let responsible = try #require(second.firstMatch(of: /<th scope="row">责任部门\/岗位<\/th><td class="old">([^<]*)<\/td><td class="new">([^<]*)</))
        #expect(responsible.output.1 == "品保部（质检工程师）" && responsible.output.2 == "客服部（客服主管）")
        // A step renamed.
        #expect(second.contains("<li>3：归档 → 数据归档</li>"))
        // The body edited in Chinese: the words added, and only them.
        let body = try #require(second.firstMatch(of: /id="v1.1..2.0-body".*?<\/section>/.dotMatchesNewlines()))
        let inserted = body.output.matches(of: /<ins><span class="visually-hidden">[^<]*<\/span>([^<]*)<\/ins>/).map { String($0.output.1) }
        #expect(inserted == ["，并在两日内回访"])
        #expect(!body.output.contains("<del>"))
        // Metadata: nothing but the version's own fields changed.
        #expect(!second.contains("-metadata\""))

        let whole = try Self.pair(page, "v1.0..2.0")
        #expect(whole.contains("接收后15分钟内") && whole.contains("数据归档") && whole.contains("2a 满意度回访"))
    }

    @Test("Role pages and training sheets mark the steps the latest version changed, with what changed")
    func impact() async throws {
        let site = try await Self.build(try Self.repository())
        for path in ["training/customer-service/cs-supervisor/index.html", "roles/customer-service/cs-supervisor/index.html",
                     "departments/customer-service/index.html"] {
            let page = site.text(path)
            let marks = page.matches(of: /<span class="badge step-changed"[^>]*>([^<]*)<\/span>(?: <span class="small change-what">([^<]*)<\/span>)?/)
                .map { "\($0.output.1) \($0.output.2.map(String.init) ?? "")" }
            #expect(marks == ["本版变更 责任部门/岗位：品保部（质检工程师） → 客服部（客服主管）", "本版变更 步骤名称：归档 → 数据归档"], "\(path)")
        }
        // Step 1 changed in 1.1, not in 2.0: the agent has nothing new to learn in 2.0. Its delta
        // sheet has the 1.1 rows for a day chosen before 1.1, and says at first that there is none.
        #expect(!site.text("training/customer-service/cs-agent/index.html").contains("step-changed"))
        let agent = Self.deltaRows(site.text("training/customer-service/cs-agent/changes/index.html"))
        #expect(agent.map(\.name) == ["1. 接收投诉", "2a. 满意度回访"] && agent.allSatisfy(\.hidden), "\(agent)")
        #expect(site.text("training/customer-service/cs-agent/changes/index.html")
            .contains("<p class=\"delta-none\" data-delta-none=\"自 {date} 起没有变更本岗位需培训的步骤。\">各流程的最新版本没有变更本岗位需培训的步骤。</p>"))
        // The supervisor's delta sheet: the two steps to retrain, what changed, linked from the record.
        let delta = site.text("training/customer-service/cs-supervisor/changes/index.html")
        let rows = delta.matches(of: /<th scope="row"><a href="[^"]*">([^<]*)<\/a>/).map { String($0.output.1) }
        #expect(rows == ["2. 处理投诉", "3. 数据归档"])
        #expect(delta.contains("品保部（质检工程师） → 客服部（客服主管）") && delta.contains("1.1 → 2.0"))
        #expect(delta.contains("processes/complaints/changes.html#v1.1..2.0\">"))
        #expect(site.text("training/customer-service/cs-supervisor/index.html").contains("cs-supervisor/changes/index.html\">变更培训单</a>"))
        let json = site.text("handbook.json")
        #expect(json.contains("\"latest_changes\"") && json.contains("\"from\" : \"1.1\"") && json.contains("\"old\" : \"归档\""))
        // 1.1 counts at its last commit: the rename, made under 1.1.
        #expect(json.contains("\"message\" : \"批准 2.0\"") && json.contains("\"message\" : \"改名\""))
    }

    /// Versions 1.0, 1.1 and 2.0, in effect on the first of January, February and March: 1.1
    /// adds the agent's follow-up (2a), 2.0 shortens the agent's time to receive (step 1).
    static func datedRepository() throws -> TestHandbook {
        let handbook = try TestHandbook(Self.departments)
        var repo = try GitRepo(handbook)
        let path = "content/processes/complaint.md"
        try repo.commit("发布 1.0", day: 2, [path: process(version: "1.0", changes: v10, effective: "2026-01-01")])
        try repo.commit("批准 1.1", day: 5, [path: process(version: "1.1", changes: v11, followUp: true, effective: "2026-02-01")])
        try repo.commit("批准 2.0", day: 9, [path: process(version: "2.0", changes: [("2.0", "缩短接收时限")] + v11,
                                                         receiveDeadline: "接收后10分钟内", followUp: true, effective: "2026-03-01")])
        return handbook
    }

    struct DeltaRow: Equatable {
        var name: String
        var day: String
        /// Hidden by its own class or its group's (`delta-hide`, which assets/delta.js toggles).
        var hidden: Bool
    }

    /// The rows of a delta sheet, in order, as the HTML (or Chromium's DOM) has them.
    static func deltaRows(_ html: String) -> [DeltaRow] {
        html.components(separatedBy: "<tbody").dropFirst().flatMap { group -> [DeltaRow] in
            let groupHidden = group.prefix { $0 != ">" }.contains("delta-hide")
            return group.components(separatedBy: "<tr ").dropFirst().compactMap { row -> DeltaRow? in
                let tag = String(row.prefix { $0 != ">" })
                guard let day = HTML.attributes("data-delta-day", in: " " + tag).first,
                      let name = row.firstMatch(of: /<th scope="row"><a href="[^"]*">([^<]*)<\/a>/) else { return nil }
                let hidden = groupHidden || (HTML.attributes("class", in: " " + tag).first ?? "").contains("delta-hide")
                return DeltaRow(name: String(name.output.1), day: day, hidden: hidden)
            }
        }
    }

    @Test("A delta sheet has every trained step changed after the first version, with its version and day; the older ones hidden at first")
    func deltaSince() async throws {
        let site = try await Self.build(try Self.datedRepository())
        #expect(site.errors.isEmpty, "\(site.report.diagnostics.map(\.formatted))")
        let html = site.text("training/customer-service/cs-agent/changes/index.html")
        // Step 1 changed in 2.0 (shown, as the sheet was), 2a in 1.1 (in the page, hidden).
        #expect(Self.deltaRows(html) == [DeltaRow(name: "1. 接收投诉", day: "2026-03-01", hidden: false),
                                        DeltaRow(name: "2a. 满意度回访", day: "2026-02-01", hidden: true)], "\(Self.deltaRows(html))")
        #expect(html.contains("<span class=\"badge step-changed\">本版变更</span> 完成时限：接收后15分钟内 → 接收后10分钟内"))
        #expect(html.contains("<span class=\"badge step-changed\">1.1 版新增</span>"))
        #expect(html.contains("processes/complaint/changes.html#v1.1..2.0\">2.0 版 · 2026-03-01</a>"))
        #expect(html.contains("processes/complaint/changes.html#v1.0..1.1\">1.1 版 · 2026-02-01</a>"))
        // The form waits for the script; without it the page says what it shows.
        #expect(html.contains("<form class=\"row-filter no-print delta-filter\" data-delta-filter data-filter-count=\"显示 {shown} / {total} 行\" hidden>"))
        #expect(html.contains("<label>自此日期起变更 <input type=\"date\" name=\"since\" data-delta-since></label>"))
        #expect(html.contains("<noscript><p class=\"small no-print\">此处只列出各流程最新版本的变更；"))
        #expect(html.contains("data-delta-none=\"自 {date} 起没有变更本岗位需培训的步骤。\" hidden>"), "there is a row to show")
        #expect(html.contains("<script src=\"../../../../assets/delta.js\"></script>"))
        // The engineer's step 2 changed in 1.1 only (its next step became 2a): a sheet with nothing shown at first.
        let engineer = site.text("training/quality-assurance/qa-engineer/changes/index.html")
        #expect(Self.deltaRows(engineer) == [DeltaRow(name: "2. 处理投诉", day: "2026-02-01", hidden: true)])
        #expect(engineer.contains("<span class=\"badge step-changed\">1.1 版变更</span> 下一步：3 → 2a"))
        // Its process's heading names the change its rows are from, not the latest one.
        #expect(engineer.contains("1.0 → 1.1") && !engineer.contains("1.1 → 2.0"))
        #expect(html.contains("1.1 → 2.0"))
        // The supervisor's step 3 never changed: no sheet.
        #expect(!site.exists("training/customer-service/cs-supervisor/changes/index.html"))
        let json = site.text("handbook.json")
        #expect(json.contains("\"last_changed\" : \"2.0\"") && json.contains("\"last_changed\" : \"1.1\""))
    }

    @Test("A mark says the end of the flow in the page's language, handbook.json as `end`")
    func endOfFlowInMarks() async throws {
        let handbook = try TestHandbook(Self.departments)
        var repo = try GitRepo(handbook)
        try repo.commit("发布 1.0", day: 2, ["content/processes/complaint.md": Self.process(version: "1.0", changes: Self.v10)])
        // 2.0 drops step 3: step 2, the engineer's, now ends the flow.
        let full = Self.process(version: "2.0", changes: [("2.0", "取消归档步骤")] + Self.v10)
        let start = try #require(full.range(of: "  - id: 3\n"))
        let end = try #require(full.range(of: "---\n", range: start.upperBound..<full.endIndex))
        try repo.commit("批准 2.0", day: 5, ["content/processes/complaint.md": full.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")])
        let site = try await Self.build(handbook)
        #expect(site.errors.isEmpty, "\(site.report.diagnostics.map(\.formatted))")
        let record = site.text("training/quality-assurance/qa-engineer/index.html")
        #expect(record.contains("<span class=\"small change-what\">下一步：3 → 结束</span>"))
        #expect(site.text("handbook.json").contains("\"end\""))
    }

    @Test("The same commit builds the same bytes, whatever the day")
    func reproducible() async throws {
        let handbook = try Self.repository()
        var options = handbook.options()
        options.history = true
        _ = try await Pipeline.build(options)
        let first = BuiltSite.snapshot(of: options.output!)
        options.output = handbook.folder.appendingPathComponent("again")
        _ = try await Pipeline.build(options)
        #expect(BuiltSite.snapshot(of: options.output!) == first)
    }

    @Test("Without git the build works and says there is no history")
    func withoutGit() async throws {
        var files = Self.departments
        files["content/processes/complaint.md"] = Self.process(version: "1.0", changes: Self.v10)
        let site = try await Self.build(try TestHandbook(files))
        #expect(site.errors.isEmpty)
        #expect(site.report.historyUnavailable?.en.contains("not in a git work tree") == true)
        #expect(site.report.notices.isEmpty)
        #expect(!site.text("processes/complaint/index.html").contains("version-history"))
    }

    @Test("A page where a process's changes page or a role's retraining sheet goes is refused, history or not")
    func changesPathsAreTaken() async throws {
        let handbook = try TestHandbook(fixture: "valid-basic", [
            "content/training/customer-service/cs-agent/changes.md": "# 变更须知\n",
            "content/notes.md": "---\ntitle: 说明\naliases: [/processes/complaint-intake/changes.html]\n---\n正文\n",
        ])
        let report = await handbook.check()
        let collisions = report.diagnostics.filter { $0.rule == "handbook.output.collision" }
        #expect(collisions.map(\.position.path).sorted() == ["content/notes.md", "content/training/customer-service/cs-agent/changes.md"])
        let messages = collisions.map { $0.message(in: .zhCN) }.sorted()
        #expect(messages.contains { $0.contains("流程 `complaint-intake` 的版本变更页") }, "\(messages)")
        #expect(messages.contains { $0.contains("岗位 `customer-service/cs-agent` 的变更培训单") }, "\(messages)")
    }

    @Test("A shallow clone builds with what it has and says so once")
    func shallowClone() async throws {
        let handbook = try Self.repository()
        let clone = handbook.folder.appendingPathComponent("clone")
        try GitRepo.git(["clone", "-q", "--depth", "1", "file://" + handbook.root.path, clone.path], in: handbook.folder)
        var options = Pipeline.Options(root: clone, output: handbook.folder.appendingPathComponent("clone-site"), date: TestHandbook.date)
        options.history = true
        let report = try await Pipeline.build(options)
        #expect(report.published)
        #expect(report.notices.count == 1)
        #expect(report.notices.first?.en.contains("shallow clone") == true)
        let page = try String(contentsOf: options.output!.appendingPathComponent("processes/complaints/index.html"), encoding: .utf8)
        let start = try #require(page.range(of: "id=\"version-history\""))
        let history = String(page[start.lowerBound...])
        #expect(history.contains("本仓库为浅克隆"))
        #expect(history.contains("<th scope=\"row\">2.0</th>"))
        #expect(!history.contains("<th scope=\"row\">1.1</th>"))
    }
}

@Suite("Word diff")
struct TextDiffTests {
    func marked(_ old: String, _ new: String) -> String {
        TextDiff.diff(old, new).map { piece in
            switch piece.kind {
            case .same: piece.text
            case .removed: "[-\(piece.text)-]"
            case .added: "{+\(piece.text)+}"
            }
        }.joined()
    }

    @Test("Chinese by character, Latin by word, lines kept")
    func words() {
        #expect(marked("接收后15分钟内", "接收后10分钟内") == "接收后[-15-]{+10+}分钟内")
        #expect(marked("客户投诉按本流程处理。", "客户投诉按本流程处理，并在两日内回访。") == "客户投诉按本流程处理{+，并在两日内回访+}。")
        #expect(marked("send the form today", "send the report today") == "send the [-form-]{+report+} today")
        #expect(marked("一\n二\n三\n", "一\n二改\n三\n") == "一\n二{+改+}\n三\n")
        #expect(marked("", "新") == "{+新+}")
        #expect(marked("旧", "") == "[-旧-]")
        // Windows line ends: a changed line is still one line among unchanged ones.
        #expect(marked("一\r\n二\r\n三\r\n", "一\r\n贰\r\n三\r\n") == "一\r\n[-二-]{+贰+}\r\n三\r\n")
        #expect(TextDiff.lines("a\r\nb\nc") == ["a\r\n", "b\n", "c"])
    }

    @Test("Myers' edits rebuild both sides", arguments: [("abcabba", "cbabac"), ("", "abc"), ("xyz", "xyz"), ("abcdef", "fedcba")])
    func edits(_ a: String, _ b: String) {
        let x = Array(a), y = Array(b)
        var old = "", new = ""
        for (kind, range, fromOld) in TextDiff.edits(x, y) {
            let text = String((fromOld ? x : y)[range])
            if kind != .added { old += text }
            if kind != .removed { new += text }
        }
        #expect(old == a && new == b)
    }
}
