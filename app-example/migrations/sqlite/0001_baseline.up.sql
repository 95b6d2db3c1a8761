-- Baseline: the operations console's schema for SQLite, the same tables, columns and
-- nullability as ../postgres/0001_baseline.up.sql (checked at build time by `same_tables_as`).
-- Keys are INTEGER PRIMARY KEY (SQLite's 64-bit rowid), timestamps ISO-8601 TEXT, JSON TEXT.

-- Phase 1: core tables
CREATE TABLE users (
    id          INTEGER NOT NULL PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT 'operator' CHECK (role IN ('admin', 'operator', 'viewer')),
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE system_config (
    key         TEXT NOT NULL PRIMARY KEY,
    value       TEXT NOT NULL,
    description TEXT,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE feedback (
    id          INTEGER NOT NULL PRIMARY KEY,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    message     TEXT NOT NULL,
    resolved    BOOLEAN NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE public_requests (
    id          INTEGER NOT NULL PRIMARY KEY,
    source      TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Phase 2: feature tables
CREATE TABLE tickets (
    id          INTEGER NOT NULL PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
    created_by  INTEGER NOT NULL REFERENCES users (id),
    assigned_to INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_tickets_open ON tickets (created_at) WHERE status <> 'closed';

CREATE TABLE ticket_comments (
    id          INTEGER NOT NULL PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_ticket_comments_ticket ON ticket_comments (ticket_id, created_at);

CREATE TABLE checklist_submissions (
    id          INTEGER NOT NULL PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    category    TEXT NOT NULL,
    location    TEXT NOT NULL,
    completed   INTEGER NOT NULL DEFAULT 0,
    total       INTEGER NOT NULL,
    submitted_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE notification_preferences (
    user_id     INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email       BOOLEAN NOT NULL DEFAULT 1,
    push        BOOLEAN NOT NULL DEFAULT 1
);

-- Phase 3: integrations
CREATE TABLE openphone_conversations (
    id              INTEGER NOT NULL PRIMARY KEY,
    phone_number    TEXT NOT NULL,
    customer_name   TEXT,
    messages        TEXT NOT NULL DEFAULT '[]',
    unread_count    INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Phase 4: AI and knowledge
CREATE TABLE ai_prompt_templates (
    id          INTEGER NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    template    TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE ai_prompt_template_history (
    id          INTEGER NOT NULL PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES ai_prompt_templates (id) ON DELETE CASCADE,
    template    TEXT NOT NULL,
    changed_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
