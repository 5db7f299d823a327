import Foundation
import HandbookCore

/// `handbook import`: read each file, find its responsibility tables, match their parties to
/// the handbook's departments, write one draft process per table (and, when asked, a
/// department file per unknown department), then check what was written. Nothing is written
/// when any file could not be read or any file to write is already there.
public enum Importer {
    public struct Options: Sendable {
        public var files: [String]
        public var root: URL
        public var id: String?
        public var owner: String?
        public var dryRun = false
        public var createDepartments = false

        public init(files: [String], root: URL, id: String? = nil, owner: String? = nil, dryRun: Bool = false,
                    createDepartments: Bool = false) {
            self.files = files
            self.root = root
            self.id = id
            self.owner = owner
            self.dryRun = dryRun
            self.createDepartments = createDepartments
        }
    }

    public struct PlannedFile: Sendable {
        /// Relative to the handbook root.
        public var path: String
        public var text: String
        public var steps: Int
    }

    public struct Report: Sendable {
        /// The import's findings at their places in the sources, then `check`'s on what was written.
        public var diagnostics: [Diagnostic]
        public var files: [PlannedFile]
        public var written: Bool
        /// The handbook's `language`, for what the command prints.
        public var language: HandbookConfig.Language = .zhCN
    }

    public static func run(_ options: Options) async -> Report {
        let catalog = await DepartmentCatalog.load(root: options.root)
        var diagnostics: [Diagnostic] = []
        var documents: [(SourceDocument, [FoundTable])] = []
        for file in options.files {
            do {
                let document = try SourceReader.read(URL(fileURLWithPath: file), name: file)
                let tables = document.blocks.flatMap { block -> [FoundTable] in
                    if case .table(let grid) = block { return TableReader.tables(in: grid) }
                    return []
                }
                if tables.isEmpty {
                    diagnostics.append(.error("handbook.import.no-table",
                        Phrase("没有找到职责划分表：没有一行表头含有步骤名称和责任部门/岗位或主要职责",
                               en: "no responsibility table found: no row has the headers of a step name and a responsible party or duties"),
                        at: SourcePosition(path: file, line: 1, column: 1),
                        notes: [Phrase("可识别的表头：" + TableReader.knownHeaders, en: "headers recognised: " + TableReader.knownHeaders)]))
                }
                documents.append((document, tables))
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
        var plan = Plan(catalog: catalog, options: options)
        if options.createDepartments { plan.addUnknownDepartments(documents) }
        var builder = StepBuilder(matcher: plan.matcher)
        for (document, tables) in documents {
            for (index, table) in tables.enumerated() {
                builder.responsibleCounts = [:]
                let steps = builder.steps(table)
                guard !steps.isEmpty else {
                    diagnostics.append(.warning("handbook.import.no-steps",
                        Phrase("表头下没有步骤，未导入", en: "no step under this header; not imported"), at: table.headerPlace))
                    continue
                }
                plan.addProcess(document: document, tables: tables, index: index, steps: steps,
                                counts: builder.responsibleCounts, order: steps.map(\.responsible))
            }
        }
        diagnostics += builder.diagnostics + plan.diagnostics
        guard !diagnostics.hasErrors, !options.dryRun else {
            return Report(diagnostics: diagnostics, files: plan.files, written: false, language: catalog.language)
        }
        var written: [PlannedFile] = []
        for file in plan.files {
            let url = options.root.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // `.withoutOverwriting`: a file that appeared since the plan was made is still not replaced.
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
                written.append(file)
            } catch {
                diagnostics.append(.error("handbook.import.write",
                    Phrase("无法写入：\(error.localizedDescription)", en: "cannot write: \(error.localizedDescription)"),
                    at: SourcePosition(path: file.path, line: 1, column: 1)))
            }
        }
        let paths = Set(written.map(\.path))
        let checked = await Pipeline.check(Pipeline.Options(root: options.root))
        diagnostics += checked.diagnostics.filter { paths.contains($0.position.path) }
        return Report(diagnostics: diagnostics, files: written, written: !written.isEmpty, language: catalog.language)
    }
}
