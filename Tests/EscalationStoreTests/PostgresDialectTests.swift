import Testing

@testable import EscalationStore

/// The store's SQLite spellings that PostgreSQL writes differently, rewritten outside literals.
struct PostgresDialectTests {
    @Test(arguments: [
        ("SELECT a FROM t WHERE b = ? AND c IN (?, ?)", "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)"),
        ("SELECT ?1, ?1 + ?2", "SELECT $1, $1 + $2"),
        ("SELECT 'why?' FROM t WHERE a = ?", "SELECT 'why?' FROM t WHERE a = $1"),
        ("SELECT 'it''s ?' , ?", "SELECT 'it''s ?' , $1"),
        ("INSERT OR IGNORE INTO s(a) VALUES (?)", "INSERT INTO s(a) VALUES ($1) ON CONFLICT DO NOTHING"),
        ("INSERT OR IGNORE INTO s(a) VALUES (?) RETURNING id", "INSERT INTO s(a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id"),
        ("UPDATE o SET raw = X'' WHERE id = ?", "UPDATE o SET raw = '\\x'::bytea WHERE id = $1"),
        ("SELECT x'0aFF', max_id FROM t", "SELECT '\\x0aFF'::bytea, max_id FROM t"),
        ("UPDATE m SET last = MAX(last, ?)", "UPDATE m SET last = GREATEST(last, $1)"),
        ("SELECT MAX(sequence), min(a, 'x,y') FROM t", "SELECT MAX(sequence), LEAST(a, 'x,y') FROM t"),
        ("SELECT COALESCE(MAX(s), 0) + 1 FROM t WHERE MAX(a) > 1", "SELECT COALESCE(MAX(s), 0) + 1 FROM t WHERE MAX(a) > 1"),
    ])
    func translates(_ sqlite: String, _ postgres: String) {
        #expect(PostgresDialect.translate(sqlite) == postgres)
    }

    @Test func everyHotPathStatementTranslates() {
        for statement in HotPathSQL.allCases {
            let translated = PostgresDialect.translate(statement.rawValue)
            #expect(!translated.contains("?"), "\(statement): \(translated)")
            #expect(!translated.uppercased().contains("INSERT OR"), "\(statement): \(translated)")
        }
    }
}
