import GRDB

/// A table of ordered lists, one per row of its owner: `(owner, position, value)`, keyed by
/// owner and position.
protocol OrderedListTable {
    static var tableName: String { get }
    /// The column naming the owning request or escalation.
    static var ownerColumn: String { get }
    static var valueColumn: String { get }
    /// The query of the owners' numbers, to which a selection's condition is added.
    static var owners: String { get }
}

/// A request's earlier requests for the same case or account, oldest first.
enum RequestPreviousList: OrderedListTable {
    static let tableName = "request_previous"
    static let ownerColumn = "request"
    static let valueColumn = "previous"
    static let owners = "SELECT r.number FROM request r"
}

/// The cases an account escalation request names, in the order named.
enum RequestCaseList: OrderedListTable {
    static let tableName = "request_case"
    static let ownerColumn = "request"
    static let valueColumn = "case_number"
    static let owners = "SELECT r.number FROM request r"
}

/// The cases linked to an account escalation, in link order.
enum CaseLinkList: OrderedListTable {
    static let tableName = "escalation_case_link"
    static let ownerColumn = "escalation"
    static let valueColumn = "case_number"
    static let owners = "SELECT e.number FROM escalation e"
}

/// The addresses on an escalation's watch list, in the order added.
enum WatchList: OrderedListTable {
    static let tableName = "watch_list_entry"
    static let ownerColumn = "escalation"
    static let valueColumn = "address"
    static let owners = "SELECT e.number FROM escalation e"
}

/// A row of an ordered list table.
struct ListEntryRecord<Table: OrderedListTable>: Equatable, FetchableRecord, PersistableRecord {
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

    init(row: Row) throws {
        owner = row[0]
        position = row[1]
        value = row[2]
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.owner] = owner
        container[Columns.position] = position
        container[Columns.value] = value
    }

    /// The entries of the owners `condition` chooses, by owner and position.
    static func selection(_ condition: String) -> String {
        """
        SELECT \(Table.ownerColumn), position, \(Table.valueColumn) FROM \(Table.tableName)
        WHERE \(Table.ownerColumn) IN (\(Table.owners) WHERE \(condition)) ORDER BY \(Table.ownerColumn), position
        """
    }

    static var deletion: String { "DELETE FROM \(Table.tableName) WHERE \(Table.ownerColumn) = ?" }
}

extension StoreSession {
    /// The lists of the owners `condition` chooses, by owner.
    func lists<Table: OrderedListTable>(_ table: Table.Type, _ condition: String, _ arguments: StatementArguments) throws -> [String: [String]] {
        var lists: [String: [String]] = [:]
        for entry in try ListEntryRecord<Table>.fetchAll(try statement(ListEntryRecord<Table>.selection(condition)), arguments: arguments) {
            lists[entry.owner, default: []].append(entry.value)
        }
        return lists
    }

    /// Writes one owner's list, first removing what it held when `replacing`.
    func write<Table: OrderedListTable>(_ values: [String], of owner: String, in table: Table.Type, replacing: Bool) throws {
        if replacing { try statement(ListEntryRecord<Table>.deletion).execute(arguments: [owner]) }
        for (position, value) in values.enumerated() {
            try ListEntryRecord<Table>(owner: owner, position: position, value: value).insert(db)
        }
    }
}
