import HandbookCore

/// What a reader makes of any input file: its blocks in document order, tables as grids of
/// cells that remember where they were. Every format (CSV, Markdown, .xlsx, .docx) becomes this,
/// and the rest of the import never knows which it was.
struct SourceDocument: Sendable {
    enum Block: Sendable {
        case heading(level: Int, text: String)
        case paragraph(String)
        case table(Grid)
    }

    /// The file as the user named it (for messages), and a title when the format has one
    /// (a docx's core properties, a Markdown file's first heading).
    var name: String
    var title: String?
    var blocks: [Block]
}

/// A table: rows of cells, each with its place in the source.
struct Grid: Sendable {
    var rows: [[Cell]]
    /// How the table is named in places: `Sheet1`, `table 2`, or nothing for a flat file.
    var label: String?
}

struct Cell: Sendable {
    var text: String
    var place: Place
    /// Filled from a merged cell's first cell (a merge across or down, `w:gridSpan`,
    /// `w:vMerge`): its value counts for the row, but it is no column of its own.
    var fromMerge = false

    init(_ text: String, at place: Place, fromMerge: Bool = false) {
        self.text = text
        self.place = place
        self.fromMerge = fromMerge
    }

    var isEmpty: Bool { text.allSatisfy(\.isWhitespace) }
}

/// Where a cell is. Diagnostics print `path:line:col`, so each kind of source maps onto it:
/// - CSV/TSV: the file, the line the record starts on, the field's number (1-based);
/// - Markdown: the file, the line, the column (in characters) where the cell's text starts;
/// - .xlsx: `file.xlsx:Sheet1`, the row number, the column number (E = 5); the note says `Sheet1!E7`;
/// - .docx: `file.docx:table 2`, the row, the grid column; the note says `table 2, row 3, column 4`.
struct Place: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case flat, sheet(String), table(Int) }

    var file: String
    var kind: Kind
    var line: Int
    var column: Int

    var position: SourcePosition {
        switch kind {
        case .flat: SourcePosition(path: file, line: line, column: column)
        case .sheet(let sheet): SourcePosition(path: "\(file):\(sheet)", line: line, column: column)
        case .table(let number): SourcePosition(path: "\(file):table \(number)", line: line, column: column)
        }
    }

    /// How a person would name the cell: `Sheet1!E7`, `table 2, row 3, column 4`, `line 7, column 3`.
    var described: Phrase {
        switch kind {
        case .flat:
            return Phrase("第 \(line) 行第 \(column) 列", en: "line \(line), column \(column)")
        case .sheet(let sheet):
            let reference = "\(sheet)!\(Place.columnLetters(column))\(line)"
            return Phrase("单元格 \(reference)", en: "cell \(reference)")
        case .table(let number):
            return Phrase("表 \(number) 第 \(line) 行第 \(column) 列", en: "table \(number), row \(line), column \(column)")
        }
    }

    /// 1 → A, 27 → AA.
    static func columnLetters(_ column: Int) -> String {
        var n = column, letters = ""
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

/// Why a file could not be read at all: said once, at the file, and nothing is written.
struct ReadFailure: Error, Sendable {
    var phrase: Phrase
    var position: SourcePosition

    init(_ zh: String, en: String, file: String) {
        phrase = Phrase(zh, en: en)
        position = SourcePosition(path: file, line: 1, column: 1)
    }

    var diagnostic: Diagnostic { .error("handbook.import.unreadable", phrase, at: position) }
}
