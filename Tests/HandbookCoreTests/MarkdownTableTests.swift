import Foundation
import Testing
@testable import HandbookCore

/// GFM tables and GitHub-style anchors on a built site: what a reader gets, in the HTML and in Chromium.
@Suite("Markdown tables and anchors in the site")
struct MarkdownTableTests {
    static let page = """
        ---
        title: 审批权限
        ---
        # 审批权限

        ## 金额与审批人 {#limits}

        | 金额（元） | 审批人 | 说明 |
        |--:|:-:|---|
        | ≤ 5,000 | 部门经理 | 见[术语表](terms.md#raci-职责) |
        | > 50,000 | 总经理 | 需经采购委员会评审 |

        ## 很宽的表

        | 编号 | 步骤名称 | 输入 | 负责部门 | 协同部门 | 完成时限 | 输出成果 | 备注 | 系统地址 |
        |---|---|---|---|---|---|---|---|---|
        | 1 | 接收投诉 | 客户来电、邮件、在线留言 | 客服部 | 质量部、销售部 | 2 小时内 | 投诉工单 | 节假日顺延 | `https://crm.example.com/tickets/new?source=phone&priority=high` |

        回到[金额与审批人](#limits)，或看 [Don't panic](terms.md#dont-panic)。
        """

    static let terms = "# 术语表\n\n## RACI 职责\n\n## Don't panic\n"

    static func handbook() throws -> TestHandbook {
        try TestHandbook(fixture: "valid-basic", ["content/limits.md": page, "content/terms.md": terms])
    }

    @Test("A table becomes a table with its alignments, its cell links rewritten; {#id} and GitHub slugs are anchors")
    func built() async throws {
        let handbook = try Self.handbook()
        let site = try await handbook.build()
        #expect(site.report.diagnostics.filter { $0.position.path.hasSuffix("limits.md") } == [])
        let html = site.text("limits/index.html")
        #expect(html.contains("<th align=\"right\">金额（元）</th>\n<th align=\"center\">审批人</th>\n<th>说明</th>"))
        #expect(html.contains("<td>见<a href=\"../terms/index.html#raci-%E8%81%8C%E8%B4%A3\">术语表</a></td>"))
        #expect(html.contains("<h2 id=\"limits\">金额与审批人</h2>"))
        #expect(!html.contains("{#limits}"))
        #expect(site.text("terms/index.html").contains("<h2 id=\"dont-panic\">"))
    }

    struct Widths: Decodable { var innerWidth, scrollWidth: Double; var tables: [[Double]] }

    @Test("At 390 px a wide table scrolls in its own box and the page does not; at 1280 px the narrow one fits",
          .enabled(if: Chromium.path != nil, "chromium is not on PATH"))
    func widths() async throws {
        let handbook = try Self.handbook()
        let site = try await handbook.build()
        let script = """
            addEventListener('load', () => report({ innerWidth, scrollWidth: document.documentElement.scrollWidth,
              tables: [...document.querySelectorAll('.prose table')].map(t => [t.clientWidth, t.scrollWidth]) }));
            """
        let phone = try await PageProbe.decode(Widths.self, site.url("limits/index.html"), script: script, width: 390, in: handbook.folder)
        #expect(phone.scrollWidth <= phone.innerWidth)
        #expect(phone.tables.count == 2)
        #expect(phone.tables.allSatisfy { $0[0] <= 390 })
        #expect(phone.tables.last.map { $0[1] > $0[0] } == true, "the wide table scrolls: \(phone.tables)")
        let desktop = try await PageProbe.decode(Widths.self, site.url("limits/index.html"), script: script, width: 1280, in: handbook.folder)
        #expect(desktop.scrollWidth <= desktop.innerWidth)
        #expect(desktop.tables.first.map { $0[1] <= $0[0] } == true, "the narrow table fits: \(desktop.tables)")
    }
}
