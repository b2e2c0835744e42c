extension Schema {
    /// The directory in tables, and the outbox's recipients in `outbox_recipient` only
    /// (migration `v11-issue26-directory-and-recipients`): the JSON documents the directory
    /// was stored as, and the outbox's JSON `recipients` column, moved out. A recipient's
    /// place among its mail's recipients is its row's order (`rowid`), as inserted.
    static let directoryAndRecipients = """
        CREATE TABLE directory_account_new (
            number TEXT PRIMARY KEY CHECK (number GLOB 'ACC[0-9]*'),
            name TEXT NOT NULL,
            escalation_manager TEXT CHECK (escalation_manager <> ''),
            tier TEXT
        ) WITHOUT ROWID;
        CREATE TABLE directory_account_domain (
            account TEXT NOT NULL REFERENCES directory_account_new(number),
            position INTEGER NOT NULL CHECK (position >= 0),
            domain TEXT NOT NULL CHECK (domain <> ''),
            PRIMARY KEY (account, position)
        ) WITHOUT ROWID;
        CREATE TABLE directory_account_team (
            account TEXT NOT NULL REFERENCES directory_account_new(number),
            position INTEGER NOT NULL CHECK (position >= 0),
            member TEXT NOT NULL CHECK (member <> ''),
            PRIMARY KEY (account, position)
        ) WITHOUT ROWID;
        CREATE TABLE directory_contact_new (
            email TEXT PRIMARY KEY CHECK (email <> ''),
            name TEXT NOT NULL,
            account TEXT NOT NULL CHECK (account GLOB 'ACC[0-9]*')
        ) WITHOUT ROWID;
        CREATE TABLE directory_staff_new (
            email TEXT PRIMARY KEY CHECK (email <> ''),
            name TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE directory_case_new (
            number TEXT PRIMARY KEY CHECK (number GLOB 'CS[0-9]*'),
            account TEXT NOT NULL CHECK (account GLOB 'ACC[0-9]*'),
            subject TEXT NOT NULL,
            owner TEXT NOT NULL CHECK (owner <> ''),
            assignment_group TEXT,
            group_manager TEXT CHECK (group_manager <> ''),
            contact TEXT CHECK (contact <> '')
        ) WITHOUT ROWID;

        INSERT INTO directory_account_new(number, name, escalation_manager, tier)
            SELECT number, json_extract(body, '$.name'), json_extract(body, '$.escalationManager'), json_extract(body, '$.tier')
            FROM directory_account;
        INSERT INTO directory_account_domain(account, position, domain)
            SELECT a.number, d.key, d.value FROM directory_account a, json_each(a.body, '$.domains') d;
        INSERT INTO directory_account_team(account, position, member)
            SELECT a.number, t.key, t.value FROM directory_account a, json_each(a.body, '$.team') t;
        INSERT INTO directory_contact_new(email, name, account)
            SELECT email, json_extract(body, '$.name'), account FROM directory_contact;
        INSERT INTO directory_staff_new(email, name)
            SELECT email, json_extract(body, '$.name') FROM directory_staff;
        INSERT INTO directory_case_new(number, account, subject, owner, assignment_group, group_manager, contact)
            SELECT number, account, json_extract(body, '$.subject'), json_extract(body, '$.owner'),
                json_extract(body, '$.assignmentGroup'), json_extract(body, '$.groupManager'), json_extract(body, '$.contact')
            FROM directory_case;

        DROP TABLE directory_account;
        DROP TABLE directory_contact;
        DROP TABLE directory_staff;
        DROP TABLE directory_case;
        ALTER TABLE directory_account_new RENAME TO directory_account;
        ALTER TABLE directory_contact_new RENAME TO directory_contact;
        ALTER TABLE directory_staff_new RENAME TO directory_staff;
        ALTER TABLE directory_case_new RENAME TO directory_case;

        CREATE INDEX outbox_recipient_outbox ON outbox_recipient(outbox_id);
        INSERT INTO outbox_recipient(outbox_id, address, created_at)
            SELECT o.id, r.value, o.created_at FROM outbox o, json_each(o.recipients) r
            WHERE NOT EXISTS (SELECT 1 FROM outbox_recipient x WHERE x.outbox_id = o.id)
            ORDER BY o.id, r.key;
        ALTER TABLE outbox DROP COLUMN recipients;
        """
}
