import HandbookCore

/// A responsibility table found in a grid: its header row's columns, and its step rows as
/// read, before parties are matched.
struct FoundTable: Sendable {
    var grid: String?
    var columns: [Int: Field]
    /// Columns whose header is no known field: their cells go to the step's 备注 as `header：value`.
    var extra: [Int: String]
    /// The header's 步骤名称 cell as written: a row repeating it starts another table.
    var nameHeader: String
    var rows: [[Cell]]
    /// Non-empty lines above the header in the same grid (a sheet's title row).
    var above: [String]
    var headerPlace: Place
}

/// Finds responsibility tables in a grid by their header row: a row naming at least three
/// fields, among them 步骤名称 and 责任部门/岗位 or 主要职责. A grid may hold several tables
/// one under another (each under its own header row).
enum TableReader {
    static let headerSearchRows = 30

    static func tables(in grid: Grid) -> [FoundTable] {
        var found: [FoundTable] = []
        var above: [String] = []
        // The open table's header, and its rows apart from it: appending to a row array inside
        // an optional that was also bound copied the whole array each time (quadratic).
        var current: FoundTable?
        var rows: [[Cell]] = []
        var nameColumn: Int?
        func close() {
            guard var table = current else { return }
            table.rows = rows
            found.append(table)
            rows = []
        }
        for (index, row) in grid.rows.enumerated() {
            // Under a table, a row starts another only if it repeats the header's 步骤名称 where the
            // table has it: trying every data row as a header took most of a 10,000-row import.
            if current != nil, let nameColumn, !(row.indices.contains(nameColumn) && row[nameColumn].text == current?.nameHeader) {
                rows.append(row)
                continue
            }
            if let header = header(row) {
                close()
                nameColumn = header.columns.first { $0.value == .name }?.key
                current = FoundTable(grid: grid.label, columns: header.columns, extra: header.extra,
                                     nameHeader: nameColumn.map { row[$0].text } ?? "", rows: [], above: above,
                                     headerPlace: row.first?.place ?? Place(file: "", kind: .flat, line: 1, column: 1))
                above = []
                continue
            }
            if current != nil {
                rows.append(row)
            } else if index < headerSearchRows {
                var seen = Set<String>()
                let text = row.filter { !$0.isEmpty && seen.insert($0.text).inserted }.map(\.text).joined(separator: " ")
                if !text.isEmpty { above.append(text) }
            }
        }
        close()
        return found
    }

    static func header(_ row: [Cell]) -> (columns: [Int: Field], extra: [Int: String])? {
        var columns: [Int: Field] = [:]
        var extra: [Int: String] = [:]
        var taken = Set<Field>()
        for (index, cell) in row.enumerated() where !cell.isEmpty && !cell.fromMerge {
            if let field = Field.matching(cell.text), taken.insert(field).inserted {
                columns[index] = field
            } else {
                extra[index] = cell.text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        guard taken.count >= 3, taken.contains(.name), taken.contains(.responsible) || taken.contains(.duties) else { return nil }
        return (columns, extra)
    }

    /// Every header word, for the message when no table is found.
    static var knownHeaders: String {
        "编号/序号/步骤编号, 步骤名称/环节, 关键动作/输入, 责任部门/岗位/责任主体, 主要职责/职责描述, 协同部门, 完成时限/时限, 输出成果/输出, 备注/风险"
    }
}
