import Foundation

/// A CSV file read as RFC 4180 describes it: a header row, then records of as many cells;
/// cells separated by commas; a cell in double quotes may hold commas, line ends and doubled
/// quotes (`""` is one `"`); records end with CRLF or LF. A UTF-8 byte order mark before the
/// header is skipped, and empty lines are no records.
struct CSVTable {
    /// One record, with the line of the file it starts on (the header is line 1).
    struct Record {
        var line: Int
        var cells: [String]
    }

    var header: [String]
    var records: [Record]

    /// Reads the text of `file` (named in errors only).
    /// - Throws: `ConfigError` naming the file, the line and the column of a cell that breaks
    ///   the quoting rules, or of a record whose cells do not match the header's.
    init(text: String, file: String) throws {
        let rows = try Self.rows(text, file: file)
        guard let first = rows.first else {
            throw ConfigError(file: file, key: "", line: 1, expected: "a header row naming the columns (the file is empty)")
        }
        header = first.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        records = Array(rows.dropFirst())
        for record in records where record.cells.count != header.count {
            guard record.cells.count > header.count else {
                throw ConfigError(
                    file: file, key: "column \"\(header[record.cells.count])\"", line: record.line,
                    expected: "a cell (the record has \(record.cells.count) of the header's \(header.count))")
            }
            throw ConfigError(
                file: file, key: "column \(header.count + 1)", line: record.line,
                expected: "no cell beyond the header's \(header.count) columns (a comma in a value needs quotes)")
        }
    }

    /// The rows of `text`, each with the line it starts on.
    private static func rows(_ text: String, file: String) throws -> [Record] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var rows: [Record] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var line = 1
        var rowLine = 1
        var quoteLine = 1
        var inQuotes = false
        var cellWasQuoted = false
        var rowHasQuotes = false

        func problem(_ expected: String, at line: Int) -> ConfigError {
            let column = rows.first.flatMap { cells.count < $0.cells.count ? $0.cells[cells.count] : nil }
            let key = column.map { "column \"\($0)\"" } ?? "column \(cells.count + 1)"
            return ConfigError(file: file, key: key, line: line, expected: expected)
        }
        func endCell() {
            cells.append(String(cell))
            cell = String.UnicodeScalarView()
            cellWasQuoted = false
        }
        func endRow() {
            endCell()
            if cells != [""] || rowHasQuotes { rows.append(Record(line: rowLine, cells: cells)) }
            cells = []
            rowHasQuotes = false
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            index += 1
            if inQuotes {
                if scalar == "\"" {
                    if next == "\"" {
                        cell.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        cellWasQuoted = true
                    }
                    continue
                }
                if scalar == "\n" || (scalar == "\r" && next != "\n") { line += 1 }
                cell.append(scalar)
                continue
            }
            switch scalar {
            case ",":
                endCell()
            case "\r", "\n":
                if scalar == "\r", next == "\n" { index += 1 }
                endRow()
                line += 1
                rowLine = line
            case "\"":
                guard cell.isEmpty, !cellWasQuoted else {
                    throw problem("a quote only around a whole cell (write a quote inside a quoted cell as \"\")", at: line)
                }
                inQuotes = true
                rowHasQuotes = true
                quoteLine = line
            default:
                guard !cellWasQuoted else {
                    throw problem("a comma or the line's end after the closing quote, got \(Character(scalar))", at: line)
                }
                cell.append(scalar)
            }
        }
        if inQuotes { throw problem("a closing quote for the cell opened here", at: quoteLine) }
        if !cells.isEmpty || !cell.isEmpty || rowHasQuotes { endRow() }
        return rows
    }
}
