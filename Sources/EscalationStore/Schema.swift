/// The relational schema of requests and escalations (migration `v9-issue26-relational`),
/// with the statements that move the JSON documents of earlier versions into it. The README's
/// "Database" section lists the tables and their constraints. A CHECK of three or more
/// allowed values is written with `OR`: SQLite evaluates `IN (…)` of that length by filling a
/// temporary table on every insert and update.
enum Schema {
    static let relational = """
        CREATE TABLE request_new (
            number TEXT PRIMARY KEY CHECK (number GLOB 'REQ[0-9]*'),
            source TEXT NOT NULL CHECK (source GLOB 'CS[0-9]*' OR source GLOB 'ACC[0-9]*'),
            account TEXT NOT NULL CHECK (account GLOB 'ACC[0-9]*'),
            state TEXT NOT NULL CHECK (state = 'pending' OR state = 'approved' OR state = 'rejected' OR state = 'withdrawn'),
            requester TEXT NOT NULL CHECK (requester <> ''),
            reason TEXT NOT NULL,
            justification TEXT NOT NULL,
            severity TEXT NOT NULL CHECK (severity <> ''),
            template TEXT NOT NULL,
            approval_rule TEXT NOT NULL CHECK (approval_rule IN ('any', 'all')),
            created_at REAL NOT NULL,
            decided_at REAL,
            escalation TEXT REFERENCES escalation_new(number) DEFERRABLE INITIALLY DEFERRED,
            reminded_at REAL,
            overdue_at REAL,
            approval_due_at REAL,
            CHECK (state = 'pending' OR approval_due_at IS NULL),
            CHECK (state = 'approved' OR escalation IS NULL)
        );
        CREATE TABLE request_approver_new (
            request TEXT NOT NULL REFERENCES request_new(number),
            role TEXT NOT NULL CHECK (role IN ('approver', 'backup')),
            position INTEGER NOT NULL CHECK (position >= 0),
            approver TEXT NOT NULL CHECK (approver <> ''),
            PRIMARY KEY (request, role, position)
        ) WITHOUT ROWID;
        CREATE TABLE approval_decision (
            request TEXT NOT NULL REFERENCES request_new(number),
            position INTEGER NOT NULL CHECK (position >= 0),
            approver TEXT NOT NULL CHECK (approver <> ''),
            decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
            reason TEXT,
            at REAL NOT NULL,
            PRIMARY KEY (request, position)
        ) WITHOUT ROWID;
        CREATE TABLE request_previous (
            request TEXT NOT NULL REFERENCES request_new(number),
            position INTEGER NOT NULL CHECK (position >= 0),
            previous TEXT NOT NULL REFERENCES request_new(number),
            PRIMARY KEY (request, position)
        ) WITHOUT ROWID;
        CREATE TABLE request_case (
            request TEXT NOT NULL REFERENCES request_new(number),
            position INTEGER NOT NULL CHECK (position >= 0),
            case_number TEXT NOT NULL CHECK (case_number GLOB 'CS[0-9]*'),
            PRIMARY KEY (request, position)
        ) WITHOUT ROWID;
        CREATE TABLE escalation_new (
            number TEXT PRIMARY KEY CHECK (number GLOB 'ESC[0-9]*'),
            source TEXT NOT NULL CHECK (source GLOB 'CS[0-9]*' OR source GLOB 'ACC[0-9]*'),
            account TEXT NOT NULL CHECK (account GLOB 'ACC[0-9]*'),
            state TEXT NOT NULL CHECK (state IN ('active', 'deescalated')),
            severity TEXT NOT NULL CHECK (severity <> ''),
            trend TEXT NOT NULL CHECK (trend = 'improving' OR trend = 'unchanged' OR trend = 'worsening'),
            assigned_to TEXT,
            requester TEXT NOT NULL CHECK (requester <> ''),
            reason TEXT NOT NULL,
            justification TEXT NOT NULL,
            request TEXT NOT NULL REFERENCES request_new(number),
            created_at REAL NOT NULL,
            deescalated_at REAL,
            deescalation_reason TEXT,
            sla_attached_to TEXT NOT NULL,
            sla_updates_met INTEGER NOT NULL CHECK (sla_updates_met >= 0),
            sla_updates_breached INTEGER NOT NULL CHECK (sla_updates_breached >= 0),
            sla_stopped_at REAL,
            next_sla_event_at REAL,
            CHECK (state = 'active' OR next_sla_event_at IS NULL)
        );
        CREATE TABLE escalation_case_link_new (
            escalation TEXT NOT NULL REFERENCES escalation_new(number),
            position INTEGER NOT NULL CHECK (position >= 0),
            case_number TEXT NOT NULL CHECK (case_number GLOB 'CS[0-9]*'),
            PRIMARY KEY (escalation, position),
            UNIQUE (escalation, case_number)
        ) WITHOUT ROWID;
        CREATE TABLE watch_list_entry (
            escalation TEXT NOT NULL REFERENCES escalation_new(number),
            position INTEGER NOT NULL CHECK (position >= 0),
            address TEXT NOT NULL CHECK (address <> ''),
            PRIMARY KEY (escalation, position),
            UNIQUE (escalation, address)
        ) WITHOUT ROWID;
        CREATE TABLE sla_clock (
            escalation TEXT NOT NULL REFERENCES escalation_new(number),
            target TEXT NOT NULL CHECK (target = 'response' OR target = 'update' OR target = 'resolution'),
            sequence INTEGER NOT NULL CHECK (sequence >= 1),
            target_seconds INTEGER NOT NULL CHECK (target_seconds >= 0),
            started_at REAL NOT NULL,
            due_at REAL NOT NULL CHECK (due_at >= started_at),
            warned_at REAL,
            breached_at REAL,
            met_at REAL,
            replaced_at REAL,
            status TEXT GENERATED ALWAYS AS (
                CASE WHEN breached_at IS NOT NULL THEN 'breached' WHEN met_at IS NOT NULL THEN 'met'
                WHEN replaced_at IS NOT NULL THEN 'replaced' ELSE 'open' END) VIRTUAL,
            PRIMARY KEY (escalation, target, sequence)
        ) WITHOUT ROWID;

        INSERT INTO request_new(
            number, source, account, state, requester, reason, justification, severity, template, approval_rule,
            created_at, decided_at, escalation, reminded_at, overdue_at, approval_due_at)
        SELECT number, source, json_extract(body, '$.account'), state, json_extract(body, '$.requester'),
            json_extract(body, '$.reason'), json_extract(body, '$.justification'), json_extract(body, '$.severity'),
            json_extract(body, '$.template'), json_extract(body, '$.approvalRule'), json_extract(body, '$.createdAt'),
            json_extract(body, '$.decidedAt'), json_extract(body, '$.escalation'), json_extract(body, '$.remindedAt'),
            json_extract(body, '$.overdueAt'), CASE WHEN state = 'pending' THEN approval_due_at END
        FROM request;
        INSERT INTO request_approver_new(request, role, position, approver)
            SELECT r.number, 'approver', a.key, a.value FROM request r, json_each(r.body, '$.approvers') a
            UNION ALL SELECT r.number, 'backup', a.key, a.value FROM request r, json_each(r.body, '$.backupApprovers') a;
        INSERT INTO approval_decision(request, position, approver, decision, reason, at)
            SELECT r.number, d.key, json_extract(d.value, '$.approver'), json_extract(d.value, '$.decision'),
                json_extract(d.value, '$.reason'), json_extract(d.value, '$.at')
            FROM request r, json_each(r.body, '$.decisions') d;
        INSERT INTO request_previous(request, position, previous)
            SELECT r.number, p.key, p.value FROM request r, json_each(r.body, '$.previousRequests') p;
        INSERT INTO request_case(request, position, case_number)
            SELECT r.number, c.key, c.value FROM request r, json_each(r.body, '$.linkedCases') c;

        INSERT INTO escalation_new(
            number, source, account, state, severity, trend, assigned_to, requester, reason, justification, request,
            created_at, deescalated_at, deescalation_reason, sla_attached_to, sla_updates_met, sla_updates_breached,
            sla_stopped_at, next_sla_event_at)
        SELECT number, source, account, state, json_extract(body, '$.severity'), json_extract(body, '$.trend'),
            json_extract(body, '$.assignedTo'), json_extract(body, '$.requester'), json_extract(body, '$.reason'),
            json_extract(body, '$.justification'), json_extract(body, '$.request'), json_extract(body, '$.createdAt'),
            json_extract(body, '$.deescalatedAt'), json_extract(body, '$.deescalationReason'),
            json_extract(body, '$.sla.attachedTo'), json_extract(body, '$.sla.updatesMet'),
            json_extract(body, '$.sla.updatesBreached'), json_extract(body, '$.sla.stoppedAt'),
            CASE WHEN state = 'active' THEN next_sla_event_at END
        FROM escalation;
        INSERT INTO escalation_case_link_new(escalation, position, case_number)
            SELECT e.number, c.key, c.value FROM escalation e, json_each(e.body, '$.linkedCases') c;
        INSERT INTO watch_list_entry(escalation, position, address)
            SELECT e.number, w.key, w.value FROM escalation e, json_each(e.body, '$.watchList') w;
        INSERT INTO sla_clock(escalation, target, sequence, target_seconds, started_at, due_at, warned_at, breached_at, met_at)
            SELECT e.number, t.name, 1, json_extract(c.value, '$.target.seconds'), json_extract(c.value, '$.startedAt'),
                json_extract(c.value, '$.dueAt'), json_extract(c.value, '$.warnedAt'), json_extract(c.value, '$.breachedAt'),
                json_extract(c.value, '$.metAt')
            FROM escalation e
            JOIN (SELECT 'response' AS name UNION ALL SELECT 'update' UNION ALL SELECT 'resolution') t
            JOIN json_each(e.body, '$.sla') c ON c.key = t.name
            WHERE c.type = 'object';

        DROP TABLE request_approver;
        DROP TABLE escalation_case_link;
        DROP TABLE escalation;
        DROP TABLE request;
        ALTER TABLE request_new RENAME TO request;
        ALTER TABLE request_approver_new RENAME TO request_approver;
        ALTER TABLE escalation_new RENAME TO escalation;
        ALTER TABLE escalation_case_link_new RENAME TO escalation_case_link;

        CREATE INDEX request_source ON request(source, number);
        CREATE INDEX request_approval_due ON request(approval_due_at) WHERE approval_due_at IS NOT NULL;
        CREATE INDEX request_pending ON request(number) WHERE state = 'pending';
        CREATE INDEX request_approver_approver ON request_approver(approver);
        CREATE INDEX escalation_source ON escalation(source, number);
        CREATE INDEX escalation_sla ON escalation(next_sla_event_at) WHERE next_sla_event_at IS NOT NULL;
        CREATE INDEX escalation_case_link_case ON escalation_case_link(case_number);

        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: an entry cannot be changed'); END;
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: an entry cannot be deleted'); END;
        """
}
