import Foundation
import HandbookCore
import Testing
@testable import HandbookImport

/// The seed's table (section 三), in each format a company keeps it in, imports into one draft
/// process with all six steps and every field, which `check` accepts and the build publishes.
@Suite struct SeedImportTests {
    static let formats = ["seed.md", "seed-utf8.csv", "seed-gb18030.csv", "seed.tsv", "seed.xlsx", "seed.docx"]

    @Test(arguments: formats)
    func importsEveryStepAndField(_ fixture: String) async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = await Importer.run(Importer.Options(files: [try ImportFixtures.path(fixture)], root: root))
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.map(\.formatted))")
        #expect(report.written && report.files.count == 1 && report.files.first?.steps == 6)
        // Only the seed's own hand-over gaps (投诉工单信息 is no earlier step's output) are found.
        #expect(report.diagnostics.allSatisfy { $0.rule == "handbook.step.broken-handover" }, "\(report.diagnostics.map(\.formatted))")
        let checked = await Pipeline.check(Pipeline.Options(root: root))
        #expect(!checked.diagnostics.hasErrors)

        let processes = try await ImportFixtures.builtProcesses(root)
        let process = try #require(processes.first)
        #expect(process["status"] as? String == "draft")
        #expect(process["owner"] as? String == "customer-service")
        #expect(process["inputs"] as? [String] == ["客户通过电话/线上渠道提交投诉信息"])
        let steps = try #require(process["steps"] as? [[String: Any]])
        #expect(steps.map { $0["id"] as? String } == ["1", "2", "3", "4", "5", "6"])
        #expect(steps.map { $0["name"] as? String } == ["客户投诉接收", "投诉分类与初步判断", "投诉转办", "问题处理与反馈", "客户满意度回访", "投诉数据归档"])
        #expect(steps.map { $0["responsible"] as? String } == ["customer-service/cs-agent", "customer-service/cs-supervisor",
            "customer-service/cs-agent", "quality-assurance/qa-engineer", "customer-service/cs-agent", "customer-service/data-analyst"])
        #expect(steps.map { $0["deadline"] as? String } == ["接收后15分钟内", "接收后30分钟内", "转办后1小时内", "收到工单后48小时内", "处理完成后24小时内", "每月5日前"])
        #expect(steps.map { $0["risk"] as? String } == ["需保证信息准确完整", "避免误分类导致处理延误", "需确认接收部门已签收", "需保留处理过程证据",
                                                         "不满意需启动二次处理流程", "为后续流程优化提供数据支撑"])
        let step4 = steps[3]
        #expect(step4["input"] as? [String] == ["投诉工单", "客户问题描述"])
        #expect(step4["outputs"] as? [String] == ["处理方案", "客户沟通记录"])
        #expect(step4["duties"] as? String == "调查问题原因,制定解决方案(如退换货、维修),处理结果反馈至客服部及客户")
        #expect(steps[1]["outputs"] as? [String] == ["分类结果", "协同意见"])
        #expect(steps[0]["input"] as? [String] == ["客户通过电话/线上渠道提交投诉信息"])
    }

    /// Every format gives the same steps, byte for byte: the readers differ, the table does not.
    @Test func everyFormatWritesTheSameSteps() async throws {
        var stepsByFormat: [String: String] = [:]
        for fixture in Self.formats {
            let root = try ImportFixtures.handbook()
            defer { try? FileManager.default.removeItem(at: root) }
            let report = await Importer.run(Importer.Options(files: [try ImportFixtures.path(fixture)], root: root, id: "complaints", dryRun: true))
            let text = try #require(report.files.first?.text)
            let start = try #require(text.range(of: "steps:\n"))
            let end = try #require(text.range(of: "\n---\n", range: start.upperBound..<text.endIndex))
            stepsByFormat[fixture] = String(text[start.lowerBound..<end.lowerBound])
        }
        #expect(Set(stepsByFormat.values).count == 1, "\(stepsByFormat)")
    }

    /// The document's title and the text around the table become the process's title and body.
    @Test func docxTitleHeadingsAndParagraphsBecomeTheBody() async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = await Importer.run(Importer.Options(files: [try ImportFixtures.path("seed.docx")], root: root, dryRun: true))
        let file = try #require(report.files.first)
        #expect(file.path == "content/processes/业务流程梳理工作单步骤及职责划分模板.md")
        #expect(file.text.contains("title: \"业务流程梳理工作单步骤及职责划分模板\"\n"))
        #expect(file.text.contains("status: draft\n"))
        #expect(file.text.contains("\n## 一、适用工作场景\n\n流程优化项目:"))
        #expect(file.text.contains("\n## 四、使用要点提示\n\n明确梳理边界"))
        // The title is not repeated as a heading of the body.
        #expect(!file.text.contains("# 业务流程梳理工作单步骤及职责划分模板"))
        // A sheet's title row names the process.
        let sheet = await Importer.run(Importer.Options(files: [try ImportFixtures.path("seed.xlsx")], root: root, dryRun: true))
        #expect(sheet.files.first?.text.contains("title: \"客户投诉处理流程\"\n") == true)
    }

    /// The table leaves the body for `steps:`; its heading stood empty above the next section.
    @Test("The Markdown seed's body keeps its sections with text, not the table's heading left empty", arguments: ["seed.md", "seed.docx"])
    func noEmptyHeadingForTheTable(_ fixture: String) async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = await Importer.run(Importer.Options(files: [try ImportFixtures.path(fixture)], root: root, dryRun: true))
        let text = try #require(report.files.first?.text)
        let body = try #require(text.components(separatedBy: "\n---\n").last)
        #expect(!body.contains("流程步骤与职责划分表"), "\(body)")
        #expect(body.contains("## 一、适用工作场景\n\n流程优化项目") && body.contains("## 四、使用要点提示\n\n明确梳理边界"), "\(body)")
        let headings = body.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings == ["## 一、适用工作场景", "## 四、使用要点提示"], "\(headings)")
    }

    /// GB18030 is what Excel on a Chinese Windows saves as CSV: told from UTF-8 by the bytes.
    @Test func encodings() throws {
        let text = "编号,步骤名称,责任部门/岗位\n1,客户投诉接收,客服部(客服专员)\n"
        let gb = try #require(text.data(using: TextDecoding.gb18030))
        #expect(Array(gb) != Array(text.utf8))
        #expect(TextDecoding.decode(Array(gb))?.text == text)
        #expect(TextDecoding.decode(Array(gb))?.encoding == .gb18030)
        #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8))?.text == text)
        #expect(TextDecoding.decode(Array(text.utf8))?.encoding == .utf8)
        let utf16 = try #require(text.data(using: .utf16))
        #expect(TextDecoding.decode(Array(utf16))?.text == text)
        #expect(TextDecoding.decode([0x00, 0x01, 0xFF, 0x00]) == nil)
    }

    @Test func headers() {
        let seed = ["流程步骤编号", "流程步骤名称", "关键动作/输入", "责任部门/岗位(示例)", "主要职责描述", "完成时限", "输出成果", "备注(如风险点)"]
        #expect(seed.map(Field.matching) == [.id, .name, .input, .responsible, .duties, .deadline, .outputs, .risk])
        let synonyms = ["序号", "环节", "输入", "责任主体", "职责描述", "协同部门", "时限", "输出", "风险"]
        #expect(synonyms.map(Field.matching) == [.id, .name, .input, .responsible, .duties, .collaborators, .deadline, .outputs, .risk])
        let english = ["Step no.", "Step name", "Key action / input", "Responsible department", "Duties", "Collaborating departments",
                       "Deadline", "Outputs", "Remarks (risks)"]
        #expect(english.map(Field.matching) == [.id, .name, .input, .responsible, .duties, .collaborators, .deadline, .outputs, .risk])
        #expect(Field.matching("审批人") == nil)
        #expect(Field.matching("Notes") == .risk)
    }
}
