// swift-format-ignore-file: shipped migrations keep their text exactly as released.

import GRDB

/// The schema, one migration per version. Shipped migrations are never edited.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE receipt (
                        id INTEGER PRIMARY KEY,
                        dedupe_key TEXT NOT NULL UNIQUE,
                        message_id TEXT NOT NULL,
                        raw_sha256 TEXT NOT NULL,
                        mailbox TEXT NOT NULL,
                        uid_validity INTEGER,
                        uid INTEGER,
                        position TEXT NOT NULL,
                        received_at REAL NOT NULL,
                        outcome TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        intent TEXT NOT NULL,
                        escalation TEXT,
                        raw BLOB NOT NULL
                    );
                    CREATE INDEX receipt_message_id ON receipt(message_id);
                    CREATE INDEX receipt_outcome ON receipt(outcome);

                    CREATE TABLE request (
                        number TEXT PRIMARY KEY,
                        source TEXT NOT NULL,
                        state TEXT NOT NULL,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX request_source ON request(source);

                    CREATE TABLE escalation (
                        number TEXT PRIMARY KEY,
                        source TEXT NOT NULL,
                        account TEXT NOT NULL,
                        state TEXT NOT NULL,
                        next_sla_event_at REAL,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX escalation_source ON escalation(source);
                    CREATE INDEX escalation_sla ON escalation(next_sla_event_at) WHERE next_sla_event_at IS NOT NULL;

                    CREATE TABLE escalation_case_link (
                        escalation TEXT NOT NULL REFERENCES escalation(number),
                        case_number TEXT NOT NULL,
                        PRIMARY KEY (escalation, case_number)
                    );
                    CREATE INDEX escalation_case_link_case ON escalation_case_link(case_number);

                    CREATE TABLE work_note (
                        id INTEGER PRIMARY KEY,
                        case_number TEXT NOT NULL,
                        at REAL NOT NULL,
                        author TEXT NOT NULL,
                        text TEXT NOT NULL
                    );
                    CREATE INDEX work_note_case ON work_note(case_number);

                    CREATE TABLE journal (
                        id INTEGER PRIMARY KEY,
                        at REAL NOT NULL,
                        actor TEXT NOT NULL,
                        cause TEXT NOT NULL,
                        source TEXT NOT NULL,
                        escalation TEXT,
                        request TEXT,
                        action TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX journal_source ON journal(source);
                    CREATE INDEX journal_escalation ON journal(escalation);

                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY,
                        message_id TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL,
                        source TEXT,
                        request TEXT,
                        recipients TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        raw BLOB NOT NULL,
                        state TEXT NOT NULL DEFAULT 'pending',
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at REAL NOT NULL,
                        last_error TEXT,
                        created_at REAL NOT NULL,
                        sent_at REAL
                    );
                    CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE state = 'pending';

                    CREATE TABLE thread_message (
                        message_id TEXT PRIMARY KEY,
                        source TEXT NOT NULL,
                        request TEXT,
                        recipient TEXT,
                        outbound INTEGER NOT NULL,
                        sequence INTEGER NOT NULL
                    );
                    CREATE INDEX thread_message_source ON thread_message(source, sequence);

                    CREATE TABLE counter (
                        name TEXT PRIMARY KEY,
                        value INTEGER NOT NULL
                    );

                    CREATE TABLE directory_account (number TEXT PRIMARY KEY, body TEXT NOT NULL);
                    CREATE TABLE directory_contact (email TEXT PRIMARY KEY, account TEXT NOT NULL, body TEXT NOT NULL);
                    CREATE TABLE directory_staff (email TEXT PRIMARY KEY, body TEXT NOT NULL);
                    CREATE TABLE directory_case (number TEXT PRIMARY KEY, account TEXT NOT NULL, body TEXT NOT NULL);

                    CREATE TABLE mailbox_state (
                        mailbox TEXT PRIMARY KEY,
                        uid_validity INTEGER NOT NULL,
                        last_uid INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-loops-and-bounces") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox_recipient (
                        outbox_id INTEGER NOT NULL REFERENCES outbox(id),
                        address TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE INDEX outbox_recipient_address ON outbox_recipient(address, created_at);
                    CREATE INDEX outbox_source_created ON outbox(source, created_at);

                    CREATE TABLE bounce (
                        id INTEGER PRIMARY KEY,
                        address TEXT NOT NULL,
                        message_id TEXT NOT NULL,
                        status TEXT NOT NULL,
                        permanent INTEGER NOT NULL,
                        at REAL NOT NULL
                    );
                    CREATE INDEX bounce_address ON bounce(address);

                    CREATE TABLE suppression (
                        address TEXT PRIMARY KEY,
                        reason TEXT NOT NULL,
                        at REAL NOT NULL
                    );
                    """)
        }
        // A mail's bytes, once rendered, in a table of their own: written once at their final
        // size instead of growing the outbox row they were queued with, which split its pages.
        migrator.registerMigration("v3-outbox-body") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox_body (
                        outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id),
                        raw BLOB NOT NULL
                    );
                    """)
        }
        // Indexes no query reads: each batch wrote a new entry into most of their pages (receipt
        // Message-IDs are random keys), a tenth of the pages a batch synced at 10,000 mails.
        migrator.registerMigration("v4-unread-indexes") { db in
            try db.execute(sql: "DROP INDEX receipt_message_id; DROP INDEX journal_escalation")
        }
        // Answers to unknown senders, by address with plus-tags folded: their own budget, so
        // that no stranger counts against a thread and plus-tag variants share one budget.
        // Attempts at a mail that failed, so that a mail failing again and again is set aside.
        migrator.registerMigration("v5-stranger-answers-and-attempts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE stranger_answer (
                        address TEXT NOT NULL,
                        at REAL NOT NULL
                    );
                    CREATE INDEX stranger_answer_address ON stranger_answer(address, at);

                    CREATE TABLE failed_attempt (
                        receipt_key TEXT PRIMARY KEY,
                        attempts INTEGER NOT NULL CHECK (attempts > 0),
                        last_error TEXT NOT NULL,
                        at REAL NOT NULL
                    );
                    """)
        }
        // Commands that wait for their sender's confirmation, by the confirmation mail's Message-ID.
        migrator.registerMigration("v6-confirmations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE confirmation (
                        message_id TEXT PRIMARY KEY,
                        sender TEXT NOT NULL,
                        source TEXT NOT NULL,
                        receipt_key TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        confirmed_at REAL
                    );
                    """)
        }
        // A thread's subject, kept for its whole life, and per recipient the latest mail they got
        // under it (what later mail to them refers to, so that it joins their conversation). The
        // latter starts from each recipient's latest mail on each thread.
        migrator.registerMigration("v7-thread-subjects") { db in
            try db.execute(
                sql: """
                    CREATE TABLE thread_subject (source TEXT PRIMARY KEY, subject TEXT NOT NULL) WITHOUT ROWID;
                    CREATE TABLE thread_reader (
                        source TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        message_id TEXT NOT NULL,
                        PRIMARY KEY (source, recipient)
                    ) WITHOUT ROWID;
                    INSERT OR REPLACE INTO thread_reader(source, recipient, message_id)
                        SELECT o.source, r.address, o.message_id FROM outbox o JOIN outbox_recipient r ON r.outbox_id = o.id
                        WHERE o.source IS NOT NULL ORDER BY o.id;
                    """)
        }
        // Approvers in the loop (issue 24): who each pending request waits for, one row per
        // undecided approver, so that "what waits for me" is one indexed query; and when a
        // pending request's next reminder or timeout falls due, for the timed pass. Requests
        // pending before this version are looked at by the first pass after it.
        migrator.registerMigration("v8-issue24-approval-waits") { db in
            try db.execute(
                sql: """
                    CREATE TABLE request_approver (
                        approver TEXT NOT NULL,
                        request TEXT NOT NULL REFERENCES request(number),
                        PRIMARY KEY (approver, request)
                    ) WITHOUT ROWID;
                    CREATE INDEX request_approver_request ON request_approver(request);
                    ALTER TABLE request ADD COLUMN approval_due_at REAL;
                    CREATE INDEX request_approval_due ON request(approval_due_at) WHERE approval_due_at IS NOT NULL;
                    CREATE INDEX request_pending ON request(number) WHERE state = 'pending';
                    INSERT INTO request_approver(approver, request)
                        SELECT DISTINCT a.value, r.number FROM request r, json_each(r.body, '$.approvers') a
                        WHERE r.state = 'pending' AND NOT EXISTS (
                            SELECT 1 FROM json_each(r.body, '$.decisions') d WHERE json_extract(d.value, '$.approver') = a.value);
                    UPDATE request SET approval_due_at = json_extract(body, '$.createdAt') WHERE state = 'pending';
                    """)
        }
        // The model in tables (issue 26): every request and escalation, their approvers,
        // decisions, linked cases, watch lists and SLA clocks, moved out of the JSON documents
        // they were stored as; the journal append-only. `Schema.relational` is the schema.
        migrator.registerMigration(Self.relational) { db in
            try db.execute(sql: Schema.relational)
        }
        // Every foreign key of the model's tables leads an index. `request.escalation` is
        // deferred: SQLite scanned the request table for every escalation inserted while it
        // was outstanding (every approval), so `bench pipeline` slowed with the number of
        // requests; the other two would be scanned on a delete.
        migrator.registerMigration("v10-issue26-foreign-key-indexes") { db in
            try db.execute(
                sql: """
                    CREATE INDEX request_escalation ON request(escalation);
                    CREATE INDEX escalation_request ON escalation(request);
                    CREATE INDEX request_previous_previous ON request_previous(previous);
                    """)
        }
        // The directory in tables and the outbox's recipients in `outbox_recipient` only: the
        // last JSON the store kept (`Schema.directoryAndRecipients`).
        migrator.registerMigration(Self.directoryAndRecipients) { db in
            try db.execute(sql: Schema.directoryAndRecipients)
        }
        // The directory is read record by record (`StoreDirectory`): an account by its domain
        // for `allow_domain_contacts`.
        migrator.registerMigration("v12-issue26-directory-lookups") { db in
            try db.execute(sql: "CREATE INDEX directory_account_domain_domain ON directory_account_domain(domain)")
        }
        // The staff dashboard (issue 29): its list of active escalations and the outbox mail
        // given up are read through partial indexes, and what came in on a thread through
        // receipts by time (`receipt_received`, with the Message-ID to check without the row):
        // a page's cost follows what it shows. Not by Message-ID: that key is random, and its
        // index (dropped in v4) cost 10-20% of bench pipeline's rate at 30,000 mails; a time
        // grows at the end. `[retention]` remembers how far each thread's mail was purged.
        migrator.registerMigration("v13-issue29-dashboard") { db in
            try db.execute(
                sql: """
                    CREATE INDEX escalation_active ON escalation(number) WHERE state = 'active';
                    CREATE INDEX outbox_failed ON outbox(id) WHERE state = 'failed';
                    CREATE INDEX receipt_received ON receipt(received_at, message_id);
                    CREATE TABLE raw_mail_purge (
                        source TEXT PRIMARY KEY CHECK (source GLOB 'CS[0-9]*' OR source GLOB 'ACC[0-9]*'),
                        until REAL NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        // SLA calendars (issue 29): a clock on a calendar keeps the calendar's name (its times are
        // shown in that zone) and its warning point, computed in working time when it started.
        // Both stay NULL on a clock counting round the clock, so earlier rows need nothing.
        migrator.registerMigration("v14-issue29-sla-calendars") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sla_clock ADD COLUMN calendar TEXT CHECK (calendar <> '');
                    ALTER TABLE sla_clock ADD COLUMN warning_due_at REAL;
                    """)
        }
        // Outbox mail compressed (`OutboxBody`): `encoding` says how a body is kept; NULL, as on
        // every earlier row, is the mail's own bytes.
        migrator.registerMigration("v15-outbox-body-encoding") { db in
            try db.execute(sql: "ALTER TABLE outbox_body ADD COLUMN encoding TEXT CHECK (encoding = 'zstd')")
        }
        for migration in portable {
            migrator.registerMigration(migration.identifier) { db in
                for statement in migration.statements { try db.execute(sql: statement) }
            }
        }
        return migrator
    }

    /// The migrations after v15, in SQL that both engines run (`PortableMigration`): a
    /// PostgreSQL database made by an earlier build is brought forward by them in place.
    static let portable = [
        // Outbox mail compressed with a dictionary made from the gateway's own mail
        // (`OutboxDictionary`); `id` is the zstd dictionary ID that its frames carry.
        PortableMigration(
            identifier: "v16-outbox-dictionary",
            statements: [
                """
                CREATE TABLE outbox_dictionary (
                    id INTEGER PRIMARY KEY CHECK (id > 0),
                    content BLOB NOT NULL,
                    created_at REAL NOT NULL
                )
                """
            ])
    ]

    /// The first migration whose database an older build cannot read.
    static let relational = "v9-issue26-relational"
    static let directoryAndRecipients = "v11-issue26-directory-and-recipients"

    /// The migrations that move stored data into new tables: before the first of them that a
    /// database has not had runs, the file is copied beside itself (`…before-<migration>`).
    static let rewriting = [relational, directoryAndRecipients]
}
