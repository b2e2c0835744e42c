public import EscalationValues
public import GRDB

/// A value stored as its text: record numbers and mail addresses. Read back as stored, without
/// checking again: the schema's CHECK constraints admitted what was written.
protocol StoredAsText: DatabaseValueConvertible {
    var value: String { get }
    init(unchecked: String)
}

extension StoredAsText {
    public var databaseValue: DatabaseValue { value.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Self? {
        String.fromDatabaseValue(dbValue).map(Self.init(unchecked:))
    }
}

extension CaseNumber: DatabaseValueConvertible, StoredAsText {}
extension AccountNumber: DatabaseValueConvertible, StoredAsText {}
extension EscalationNumber: DatabaseValueConvertible, StoredAsText {}
extension RequestNumber: DatabaseValueConvertible, StoredAsText {}
extension EmailAddress: DatabaseValueConvertible, StoredAsText {}

/// A case or account, stored as its number (`CS0001234`, `ACC0001001`); anything else reads
/// back as nil, which GRDB reports as a decoding error naming the column.
extension EscalationSource: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> EscalationSource? {
        String.fromDatabaseValue(dbValue).flatMap(EscalationSource.init)
    }
}
