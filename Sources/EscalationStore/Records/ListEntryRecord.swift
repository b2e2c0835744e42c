import GRDB

/// A table of ordered lists, one per row of its owner: `(owner, position, value)`, keyed by
/// owner and position.
protocol OrderedListTable {
    static var tableName: String { get }
    /// The column naming the owning request or escalation.
    static var ownerColumn: String { get }
    static var valueColumn: String { get }
    /// The owners' table, with the alias that selections' conditions use (`request r`),
    /// joined with this table as `l`.
    static var owners: String { get }
}

/// A request's earlier requests for the same case or account, oldest first.
enum RequestPreviousList: OrderedListTable {
    static let tableName = "request_previous"
    static let ownerColumn = "request"
    static let valueColumn = "previous"
    static let owners = "request r JOIN \(tableName) l ON l.\(ownerColumn) = r.number"
}

/// The cases an account escalation request names, in the order named.
enum RequestCaseList: OrderedListTable {
    static let tableName = "request_case"
    static let ownerColumn = "request"
    static let valueColumn = "case_number"
    static let owners = "request r JOIN \(tableName) l ON l.\(ownerColumn) = r.number"
}

/// The cases linked to an account escalation, in link order.
enum CaseLinkList: OrderedListTable {
    static let tableName = "escalation_case_link"
    static let ownerColumn = "escalation"
    static let valueColumn = "case_number"
    static let owners = "escalation e JOIN \(tableName) l ON l.\(ownerColumn) = e.number"
}

/// The addresses on an escalation's watch list, in the order added.
enum WatchList: OrderedListTable {
    static let tableName = "watch_list_entry"
    static let ownerColumn = "escalation"
    static let valueColumn = "address"
    static let owners = "escalation e JOIN \(tableName) l ON l.\(ownerColumn) = e.number"
}

/// A row of an ordered list table.
struct ListEntryRecord<Table: OrderedListTable>: Equatable, RowRecord {
    static var databaseTableName: String { Table.tableName }

    enum Columns {
        static var owner: Column { Column(Table.ownerColumn) }
        static var position: Column { Column("position") }
        static var value: Column { Column(Table.valueColumn) }
    }

    var owner: String
    var position: Int
    var value: String

    init(owner: String, position: Int, value: String) {
        self.owner = owner
        self.position = position
        self.value = value
    }

    init(row: SQLRow) throws {
        owner = try row.decode(atIndex: 0)
        position = try row.decode(atIndex: 1)
        value = try row.decode(atIndex: 2)
    }

    static var columns: [Column] { [Columns.owner, Columns.position, Columns.value] }
    static var primaryKeyCount: Int { 2 }
    static var insertion: String { RowSQL.insertion(into: Table.tableName, columns) }

    var databaseValues: [(any DatabaseValueConvertible)?] { [owner, position, value] }

    /// The entries of the owners `condition` chooses, unordered (`lists` orders them).
    static func selection(_ condition: String) -> String {
        "SELECT l.\(Table.ownerColumn), l.position, l.\(Table.valueColumn) FROM \(Table.owners) WHERE \(condition)"
    }

    static var deletion: String { "DELETE FROM \(Table.tableName) WHERE \(Table.ownerColumn) = ?" }
}

extension StoreSession {
    /// The lists of the owners `condition` chooses, by owner, each in position order.
    func lists<Table: OrderedListTable>(_ table: Table.Type, _ condition: String, _ arguments: SQLArguments) throws -> [String: [String]] {
        let entries = try rows(ListEntryRecord<Table>.selection(condition), arguments).map { try ListEntryRecord<Table>(row: $0) }
        return Dictionary(grouping: entries, by: \.owner).mapValues { $0.sorted { $0.position < $1.position }.map(\.value) }
    }

    /// Writes one owner's list, first removing what it held when `replacing`.
    func write<Table: OrderedListTable>(_ values: [String], of owner: String, in table: Table.Type, replacing: Bool) throws {
        if replacing { try execute(ListEntryRecord<Table>.deletion, [owner]) }
        for (position, value) in values.enumerated() {
            try ListEntryRecord<Table>(owner: owner, position: position, value: value).insert(into: self)
        }
    }
}
