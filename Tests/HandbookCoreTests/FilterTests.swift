import Foundation
import Testing
@testable import HandbookCore

/// Narrowing a department's page to a role or a process (`assets/filter.js`): the sample's
/// customer-service page in headless Chromium, from `file://`.
@Suite("Narrowing a page", .serialized, .enabled(if: Chromium.path != nil, "chromium is not on PATH; browser tests skipped"))
struct FilterTests {
    struct Row {
        var roles: [String]
        var process: String
        var text: String
        var hidden: Bool
    }

    /// The duty table's rows (not the group headings) with their tbody's process, as the DOM has them.
    static func rows(_ html: String) -> [Row] {
        let table = html.components(separatedBy: "<table class=\"duties\" id=\"duty-table\">").dropFirst().first?
            .components(separatedBy: "</table>").first ?? ""
        return table.components(separatedBy: "<tbody").dropFirst().flatMap { group -> [Row] in
            let process = HTML.attributes("data-process", in: "<tbody" + group).first ?? ""
            let groupHidden = group.prefix(while: { $0 != ">" }).contains(" hidden")
            return group.components(separatedBy: "<tr ").dropFirst().filter { $0.hasPrefix("data-roles") }.map { row in
                let tag = row.prefix(while: { $0 != ">" })
                return Row(roles: (HTML.attributes("data-roles", in: " " + tag).first ?? "").split(separator: " ").map(String.init),
                           process: process, text: HTML.text(String(row.drop { $0 != ">" }.dropFirst())),
                           hidden: groupHidden || tag.contains(" hidden"))
            }
        }
    }

    static func open(_ query: String, site: BuiltSite, folder: URL) async throws -> String {
        let url = try #require(URL(string: site.url(Routes.department("customer-service")).absoluteString + query))
        return try await Chromium.dumpDOM(url, in: folder)
    }

    @Test("Without the script every row is shown and the form is hidden; the rows carry their roles and process")
    func withoutScript() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = site.text(Routes.department("customer-service"))
        #expect(html.contains("<form class=\"row-filter no-print\" data-filter-for=\"duty-table handover-table\""))
        #expect(html.contains("hidden>\n  <label>岗位"), "the form waits for the script")
        let rows = Self.rows(html)
        #expect(rows.count >= 10 && rows.allSatisfy { !$0.hidden && !$0.roles.isEmpty && !$0.process.isEmpty })
        #expect(Set(rows.flatMap(\.roles)).isSubset(of: ["cs-agent", "cs-supervisor", "data-analyst", "cs-manager", "*"]))
        #expect(html.contains("<script src=\"../../assets/filter.js\"></script>"))
    }

    @Test("A role narrows the duties to its own and the department's; a process by its title")
    func narrowing() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = Self.rows(try await Self.open("", site: site, folder: folder))
        #expect(all.allSatisfy { !$0.hidden }, "no filter: every row")

        let agent = try await Self.open("?roles=cs-agent", site: site, folder: folder)
        #expect(!agent.contains("data-filter-for=\"duty-table handover-table\" data-filter-count=\"显示 {shown} / {total} 行\" hidden"),
                "the script shows the form")
        let rows = Self.rows(agent)
        let shown = rows.filter { !$0.hidden }
        #expect(shown.count == all.filter { $0.roles.contains("cs-agent") || $0.roles.contains("*") }.count)
        #expect(shown.contains { $0.text.hasPrefix("1. 客户投诉接收") })
        #expect(!shown.contains { $0.text.hasPrefix("2. 投诉分类与初步判断") && !$0.roles.contains("cs-agent") })
        #expect(rows.count == all.count, "rows are hidden, not removed")
        let handOvers = Self.handOvers(agent)
        #expect(handOvers.total > 0, "the hand-overs are counted too")
        #expect(agent.contains("显示 \(shown.count + handOvers.shown) / \(all.count + handOvers.total) 行"))

        let process = try await Self.open("?process=%E6%8A%95%E8%AF%89", site: site, folder: folder)  // 投诉
        let narrowed = Self.rows(process).filter { !$0.hidden }
        #expect(!narrowed.isEmpty && Set(narrowed.map(\.process)) == ["complaint-handling"], "\(Set(narrowed.map(\.process)))")
        // The hand-overs (all of the complaint process) are found by their process's title, which the duty table labels.
        let kept = Self.handOvers(process)
        #expect(kept.total > 0 && kept.shown == kept.total, "\(kept)")
        let none = try await Self.open("?process=%E9%87%87%E8%B4%AD", site: site, folder: folder)  // 采购: not this department's
        #expect(Self.handOvers(none).shown == 0 && Self.rows(none).allSatisfy(\.hidden))
    }

    @Test("A role's page narrows to the processes whose title holds the text typed")
    func rolePage() async throws {
        let (site, folder) = try await SampleHandbookTests.build()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = Routes.role("customer-service", role: "cs-agent")
        let html = site.text(path)
        #expect(html.contains("data-filter-for=\"role-duties\"") && html.contains("hidden>\n  <label>流程"), "the form waits for the script")
        /// Each process group: its process and whether it is hidden.
        func groups(_ dom: String) -> [(process: String, hidden: Bool)] {
            dom.components(separatedBy: "<section class=\"duty-group\"").dropFirst().map { part in
                let tag = String(part.prefix { $0 != ">" })
                return (HTML.attributes("data-process", in: tag).first ?? "", tag.contains(" hidden"))
            }
        }
        let all = groups(html)
        #expect(Set(all.map(\.process)).isSuperset(of: ["complaint-handling", "process-mapping"]) && all.allSatisfy { !$0.hidden })
        let url = try #require(URL(string: site.url(path).absoluteString + "?process=%E6%8A%95%E8%AF%89"))  // 投诉
        let narrowed = groups(try await Chromium.dumpDOM(url, in: folder))
        #expect(narrowed.count == all.count, "groups are hidden, not removed")
        #expect(Set(narrowed.filter { !$0.hidden }.map(\.process)) == ["complaint-handling"], "\(narrowed)")
    }

    /// Rows of the hand-over table (also narrowed, also counted), and those not hidden.
    static func handOvers(_ html: String) -> (total: Int, shown: Int) {
        let rows = (html.components(separatedBy: "id=\"handover-table\"").dropFirst().first?.components(separatedBy: "</table>").first ?? "")
            .components(separatedBy: "<tr data-process=").dropFirst().map { $0.prefix(while: { $0 != ">" }) }
        return (rows.count, rows.filter { !$0.contains(" hidden") }.count)
    }
}
