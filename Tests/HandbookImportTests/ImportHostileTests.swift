import Foundation
import HandbookCore
import SWXMLHash
import Testing
@testable import HandbookImport

/// Files that are broken or built to hurt: each gives a clear error, or a correct import;
/// never a crash or a hang, and nothing is written on error.
@Suite struct ImportHostileTests {
    /// Imports `fixture` (really: no dry run) and returns the report and what the content folder holds after.
    func run(_ fixture: String, dryRun: Bool = false) async throws -> (Importer.Report, [String: String]) {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = ImportFixtures.contents(root)
        let report = await Importer.run(Importer.Options(files: [try ImportFixtures.path(fixture)], root: root, dryRun: dryRun))
        let after = ImportFixtures.contents(root)
        return (report, after.filter { before[$0.key] != $0.value })
    }

    @Test(arguments: [
        ("not-a-zip.xlsx", "handbook.import.unreadable", "not an Office file"),
        ("bomb.xlsx", "handbook.import.unreadable", "inflates past 50 MB"),
        ("xxe.docx", "handbook.import.unreadable", "document type declaration"),
        ("no-header.csv", "handbook.import.no-table", "no responsibility table found"),
        ("huge-merge.xlsx", "handbook.import.unreadable", "merged cells of sheet Sheet1 cover more than 2000000 cells"),
    ])
    func refusedAndNothingWritten(_ fixture: String, _ rule: String, _ words: String) async throws {
        let (report, written) = try await run(fixture)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.rule == rule)
        #expect(errors.first?.message.contains(words) == true, "\(errors.map(\.formatted))")
        #expect(errors.first?.position.path.hasSuffix(fixture) == true)
        #expect(errors.first?.formatted(in: .zhCN).contains(rule) == true)
        #expect(!report.written && written.isEmpty)
    }

    /// A bomb is stopped by what is inflated, not by what the zip's directory claims.
    @Test func bombStopsAtTheCapWithoutInflatingItAll() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try ImportFixtures.path("bomb.xlsx")))
        let archive = try OfficeArchive(data: data, name: "bomb.xlsx", partLimit: 1 << 20, totalLimit: 2 << 20)
        #expect(throws: ReadFailure.self) { try archive.part("xl/worksheets/sheet1.xml") }
        #expect(try archive.part("xl/workbook.xml") != nil)
    }

    /// What FoundationXML (libxml2 under SWXMLHash on Linux) does with an external entity by
    /// itself, without the importer's refusal of DTDs: it does not read the file.
    @Test func theXMLParserDoesNotResolveExternalEntities() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("import-secret-\(UUID().uuidString).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY secret SYSTEM "file://\(secret.path)">]>
        <r><t>before &secret; after</t></r>
        """
        let parsed = XMLHash.config { $0.detectParsingErrors = true }.parse(Data(xml.utf8))
        let text: String = switch parsed {
        case .parsingError: ""
        default: parsed["r"]["t"].element?.text ?? ""
        }
        #expect(!text.contains("TOP-SECRET"))
        #expect(!parsed.description.contains("TOP-SECRET"))
        // And the importer never hands such a part to the parser.
        #expect(throws: ReadFailure.self) { try OfficeArchive.parse(Data(xml.utf8), part: "word/document.xml", file: "x.docx") }
    }

    /// An entity bomb (a billion laughs) is refused before parsing, at once.
    @Test func entityBombIsRefused() throws {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 { xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">" }
        xml += "]><lolz>&lol9;</lolz>"
        let start = ContinuousClock.now
        #expect(throws: ReadFailure.self) { try OfficeArchive.parse(Data(xml.utf8), part: "xl/sharedStrings.xml", file: "x.xlsx") }
        #expect(start.duration(to: .now) < .seconds(1))
    }

    /// Merged cells take the value of their first cell; an empty row is skipped; a column
    /// without a header is reported at its cell (`Sheet1!G3`); an extra column goes to 备注.
    @Test func mergedCellsEmptyRowsAndExtraColumns() async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try ImportFixtures.path("merged.xlsx")
        let report = await Importer.run(Importer.Options(files: [file], root: root))
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.map(\.formatted))")
        let unused = report.diagnostics.filter { $0.rule == "handbook.import.unused-cell" }
        #expect(unused.map(\.position) == [SourcePosition(path: "\(file):Sheet1", line: 3, column: 7)])
        #expect(unused.first?.notes == ["cell Sheet1!G3"])
        #expect(unused.first?.formatted == "\(file):Sheet1:3:7: warning: this cell is under no header; not imported (cell Sheet1!G3) [handbook.import.unused-cell]")
        let processes = try await ImportFixtures.builtProcesses(root)
        let steps = try #require(processes.first?["steps"] as? [[String: Any]])
        #expect(steps.map { $0["responsible"] as? String } == ["customer-service/cs-agent", "customer-service/cs-agent", "quality-assurance/qa-engineer"])
        #expect(steps.map { $0["deadline"] as? String } == ["15分钟内", "30分钟内", "48"])
        #expect(steps[0]["risk"] as? String == "审批人：张三")
        #expect(steps.count == 3)
    }

    /// A cell out at GR199999 makes one more row, not 200,000: the table's one step is imported
    /// and the far cell reported where it is.
    @Test func farCell() async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try ImportFixtures.path("far-cell.xlsx")
        let report = await Importer.run(Importer.Options(files: [file], root: root, dryRun: true))
        #expect(!report.diagnostics.hasErrors)
        #expect(report.files.first?.steps == 1)
        #expect(report.diagnostics.map(\.position) == [SourcePosition(path: "\(file):Sheet1", line: 199_999, column: 200)])
        #expect(report.diagnostics.first?.notes == ["cell Sheet1!GR199999", "not used: cell Sheet1!GR199999"])
    }

    /// An existing file is never overwritten: the second import of the same table refuses and
    /// writes nothing; `--dry-run` writes nothing at all.
    @Test func neverOverwritesAndDryRunWritesNothing() async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try ImportFixtures.path("seed.md")
        let dry = await Importer.run(Importer.Options(files: [file], root: root, dryRun: true))
        #expect(dry.files.count == 1 && !dry.written)
        #expect(ImportFixtures.contents(root).keys.filter { $0.hasPrefix("processes/") }.isEmpty)
        let first = await Importer.run(Importer.Options(files: [file], root: root))
        #expect(first.written)
        let path = root.appendingPathComponent(try #require(first.files.first?.path))
        try "edited by hand".write(to: path, atomically: true, encoding: .utf8)
        let second = await Importer.run(Importer.Options(files: [file], root: root))
        #expect(!second.written)
        #expect(second.diagnostics.filter { $0.severity == .error }.map(\.rule) == ["handbook.import.exists"])
        #expect(try String(contentsOf: path, encoding: .utf8) == "edited by hand")
        // With a new id it goes in beside it.
        let third = await Importer.run(Importer.Options(files: [file], root: root, id: "投诉处理-2"))
        #expect(third.written && third.files.first?.path == "content/processes/投诉处理-2.md")
    }

    /// 10,000 rows: every one a step, in order; the CSV is made here, not committed.
    @Test func tenThousandRows() async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        var csv = "编号,步骤名称,关键动作/输入,责任部门/岗位,主要职责,完成时限,输出成果,备注\n"
        for n in 1...10_000 { csv += "\(n),步骤\(n),输入\(n),客服部(客服专员),\"处理第\(n)项, 记录结果\",1天内,成果\(n),\n" }
        let file = root.appendingPathComponent("big.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let report = await Importer.run(Importer.Options(files: [file.path], root: root, id: "big", dryRun: true))
        #expect(!report.diagnostics.hasErrors)
        #expect(report.files.first?.steps == 10_000)
        #expect(report.files.first?.text.contains("  - id: 10000\n    name: \"步骤10000\"\n") == true)
    }

    /// A quote never closed, a binary file named .csv, a folder, a missing file: an error each.
    @Test func brokenTextFiles() async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let unclosed = root.appendingPathComponent("unclosed.csv")
        try "编号,步骤名称,责任部门/岗位,主要职责\n1,\"接收,客服部,记录\n".write(to: unclosed, atomically: true, encoding: .utf8)
        let binary = root.appendingPathComponent("binary.csv")
        try Data([0x00, 0xFF, 0x00, 0x81, 0x30]).write(to: binary)
        for path in [unclosed.path, binary.path, root.appendingPathComponent("missing.csv").path, root.appendingPathComponent("x.pdf").path] {
            let report = await Importer.run(Importer.Options(files: [path], root: root))
            #expect(report.diagnostics.hasErrors, "\(path)")
            #expect(!report.written)
        }
    }

    /// `.doc` and `.xls` need LibreOffice; without it the error names the command to run.
    @Test(arguments: [("old.doc", "docx"), ("old.xls", "xlsx")])
    func legacyFormats(_ name: String, _ format: String) async throws {
        let root = try ImportFixtures.handbook()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent(name)
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: file)
        let report = await Importer.run(Importer.Options(files: [file.path], root: root))
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.rule == "handbook.import.unreadable")
        if LegacyConverter.executable("libreoffice") == nil && LegacyConverter.executable("soffice") == nil {
            #expect(error.message.contains("libreoffice --headless --convert-to \(format)"), "\(error.formatted)")
        }
        #expect(!report.written && ImportFixtures.contents(root).keys.allSatisfy { !$0.hasPrefix("processes/") })
    }
}
