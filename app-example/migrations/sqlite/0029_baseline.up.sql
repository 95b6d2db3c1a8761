-- Baseline: the same tables, columns and nullability as ../postgres/0029_baseline.up.sql (the
-- `schema squash` output of the legacy history, with `users` and `system_config` filled in),
-- written for SQLite. `same_tables_as` in src/main.rs refuses to build when the two drift.
-- There is no legacy SQLite database, so this file replaces nothing.
--
-- Type mapping (PostgreSQL -> SQLite; the affinities `schema_core::shape` accepts):
--   uuid                         -> TEXT, default a random version-4 uuid in its usual
--                                   hyphenated spelling (SQLite has no gen_random_uuid())
--   integer key with a sequence  -> INTEGER PRIMARY KEY (SQLite's rowid counts instead)
--   integer, smallint, bigint    -> INTEGER
--   character varying(n), text   -> TEXT (SQLite does not enforce lengths)
--   boolean                      -> BOOLEAN (NUMERIC affinity, 0 and 1)
--   numeric, numeric(p,s)        -> NUMERIC
--   double precision             -> REAL
--   json, jsonb                  -> TEXT holding JSON
--   text[]                       -> TEXT holding a JSON array, default '[]'
--   timestamp, timestamptz       -> TEXT, ISO-8601 UTC with milliseconds
--                                   (`strftime('%Y-%m-%d %H:%M:%f', 'now')`, so rows created in
--                                   the same second still sort in creation order)
--   date, time                   -> TEXT
-- Not carried over, because SQLite has no counterpart: sequences, the trigger function and the
-- triggers that keep `updated_at` current, the GIN index, COMMENT ON. Foreign keys to `users`
-- are written inside each CREATE TABLE (SQLite cannot add constraints later), so `users` and
-- `system_config` come first. The PostgreSQL DO block adds `openphone_conversations`'s
-- `last_message_at`; here the column is simply declared.

-- tables, in foreign-key order
CREATE TABLE system_config (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    description TEXT,
    updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE TABLE users (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'operator',
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_role_check CHECK (role IN ('admin', 'operator', 'support', 'kiosk'))
);
CREATE TABLE hubspot_cache (
    id INTEGER NOT NULL PRIMARY KEY,
    phone_number TEXT NOT NULL,
    hubspot_contact_id TEXT,
    customer_name TEXT,
    company_name TEXT,
    email TEXT,
    raw_response TEXT DEFAULT '{}',
    cached_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    expires_at TEXT NOT NULL,
    CONSTRAINT hubspot_cache_phone_number_key UNIQUE (phone_number)
);
CREATE TABLE knowledge_captures (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    source TEXT NOT NULL,
    source_ref TEXT,
    problem TEXT NOT NULL,
    solution TEXT NOT NULL,
    confidence NUMERIC DEFAULT 0.5,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT knowledge_captures_source_check CHECK (source IN ('slack', 'chat', 'manual'))
);
CREATE TABLE learning_metrics (
    id INTEGER NOT NULL PRIMARY KEY,
    metric_type TEXT NOT NULL,
    value NUMERIC NOT NULL DEFAULT 0,
    recorded_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE TABLE message_status (
    id INTEGER NOT NULL PRIMARY KEY,
    message_id TEXT NOT NULL,
    conversation_id TEXT,
    status TEXT NOT NULL,
    error_message TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT message_status_message_id_key UNIQUE (message_id),
    CONSTRAINT message_status_status_check CHECK (status IN ('sent', 'delivered', 'failed', 'read'))
);
CREATE TABLE openphone_conversations (
    id INTEGER NOT NULL PRIMARY KEY,
    phone_number TEXT,
    customer_name TEXT,
    employee_name TEXT,
    messages TEXT NOT NULL DEFAULT '[]',
    processed BOOLEAN DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    conversation_id TEXT,
    metadata TEXT DEFAULT '{}',
    unread_count INTEGER DEFAULT 0,
    last_read_at TEXT,
    assigned_to TEXT,
    updated_at TEXT,
    is_read BOOLEAN DEFAULT 0,
    customer_email TEXT,
    last_message_at TEXT
);
CREATE TABLE parent_documents (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    title TEXT NOT NULL,
    document_type TEXT,
    source_file TEXT,
    total_sections INTEGER DEFAULT 0,
    metadata TEXT DEFAULT '{}',
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE TABLE public_requests (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    session_id TEXT,
    ip_address TEXT,
    user_agent TEXT,
    question TEXT NOT NULL,
    answer TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    response_time_ms INTEGER,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT public_requests_status_check CHECK (status IN ('pending', 'answered', 'escalated', 'spam'))
);
CREATE TABLE sop_drafts (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    assistant TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    approved BOOLEAN DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE TABLE sop_metrics (
    id INTEGER NOT NULL PRIMARY KEY,
    metric_date TEXT NOT NULL DEFAULT CURRENT_DATE,
    total_requests INTEGER DEFAULT 0,
    sop_used INTEGER DEFAULT 0,
    avg_confidence REAL,
    avg_response_time_ms REAL,
    CONSTRAINT sop_metrics_metric_date_key UNIQUE (metric_date)
);
CREATE TABLE sop_shadow_comparisons (
    id INTEGER NOT NULL PRIMARY KEY,
    query TEXT NOT NULL,
    route TEXT NOT NULL,
    assistant_response TEXT,
    sop_response TEXT,
    sop_confidence REAL,
    assistant_time_ms INTEGER,
    sop_time_ms INTEGER,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE TABLE vector_store_archive (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    assistant_id TEXT NOT NULL,
    vector_store_id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    filename TEXT,
    content TEXT,
    archived_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE TABLE ai_prompt_templates (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    name TEXT NOT NULL,
    description TEXT,
    template TEXT NOT NULL,
    category TEXT NOT NULL,
    is_active BOOLEAN DEFAULT 1,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_by TEXT,
    variables TEXT DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT ai_prompt_templates_name_key UNIQUE (name),
    CONSTRAINT ai_prompt_templates_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id)
);
CREATE TABLE assistant_knowledge (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    assistant_id TEXT NOT NULL,
    route TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    tags TEXT DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    source_file_id TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    parent_document_id TEXT,
    section_index INTEGER,
    CONSTRAINT assistant_knowledge_parent_document_id_fkey FOREIGN KEY (parent_document_id) REFERENCES parent_documents (id) ON DELETE CASCADE
);
CREATE TABLE checklist_submissions (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id TEXT NOT NULL,
    location TEXT NOT NULL,
    category TEXT NOT NULL,
    type TEXT NOT NULL,
    completed_tasks TEXT NOT NULL DEFAULT '[]',
    total_tasks INTEGER NOT NULL,
    comments TEXT,
    submission_date TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT checklist_submissions_type_check CHECK (type IN ('daily', 'weekly', 'quarterly')),
    CONSTRAINT checklist_submissions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE checklist_task_customizations (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    category TEXT NOT NULL,
    type TEXT NOT NULL,
    task_id TEXT NOT NULL,
    custom_label TEXT NOT NULL,
    is_hidden BOOLEAN DEFAULT 0,
    created_by TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT checklist_task_customizations_category_type_task_id_key UNIQUE (category, type, task_id),
    CONSTRAINT checklist_task_customizations_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id)
);
CREATE TABLE extracted_knowledge (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    source_id INTEGER,
    source_type TEXT NOT NULL DEFAULT 'call',
    category TEXT,
    problem TEXT NOT NULL,
    solution TEXT NOT NULL,
    confidence REAL DEFAULT 0.0,
    applied_to_sop BOOLEAN DEFAULT 0,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT extracted_knowledge_source_id_fkey FOREIGN KEY (source_id) REFERENCES openphone_conversations (id) ON DELETE SET NULL
);
CREATE TABLE knowledge_audit_log (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    action TEXT NOT NULL,
    category TEXT,
    key TEXT,
    previous_value TEXT,
    new_value TEXT,
    user_id TEXT,
    assistant_target TEXT,
    metadata TEXT DEFAULT '{}',
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT knowledge_audit_log_action_check CHECK (action IN ('add', 'update', 'overwrite', 'delete')),
    CONSTRAINT knowledge_audit_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE TABLE notification_preferences (
    user_id TEXT NOT NULL PRIMARY KEY,
    messages_enabled BOOLEAN DEFAULT 1,
    tickets_enabled BOOLEAN DEFAULT 1,
    quiet_hours_start TEXT,
    quiet_hours_end TEXT,
    updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT notification_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE push_subscriptions (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    user_agent TEXT,
    is_active BOOLEAN DEFAULT 1,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    last_used_at TEXT,
    CONSTRAINT push_subscriptions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE remote_actions_log (
    id INTEGER NOT NULL PRIMARY KEY,
    action_type TEXT NOT NULL,
    location TEXT NOT NULL,
    device_name TEXT NOT NULL,
    device_id TEXT,
    user_id TEXT,
    user_email TEXT,
    request_payload TEXT DEFAULT '{}',
    success BOOLEAN NOT NULL DEFAULT 0,
    error_message TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT remote_actions_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE TABLE slack_messages (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id TEXT,
    request_id TEXT,
    slack_thread_ts TEXT,
    slack_channel TEXT NOT NULL,
    original_message TEXT NOT NULL,
    request_description TEXT,
    location TEXT,
    route TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT slack_messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE TABLE sop_update_log (
    id INTEGER NOT NULL PRIMARY KEY,
    draft_id TEXT,
    action TEXT NOT NULL,
    details TEXT DEFAULT '{}',
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT sop_update_log_draft_id_fkey FOREIGN KEY (draft_id) REFERENCES sop_drafts (id) ON DELETE SET NULL
);
CREATE TABLE sop_update_queue (
    id INTEGER NOT NULL PRIMARY KEY,
    knowledge_id TEXT,
    assistant TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT sop_update_queue_status_check CHECK (status IN ('pending', 'processing', 'done', 'failed')),
    CONSTRAINT sop_update_queue_knowledge_id_fkey FOREIGN KEY (knowledge_id) REFERENCES knowledge_captures (id) ON DELETE CASCADE
);
CREATE TABLE tickets (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    priority TEXT NOT NULL DEFAULT 'medium',
    location TEXT,
    created_by TEXT NOT NULL,
    assigned_to TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    resolved_at TEXT,
    metadata TEXT DEFAULT '{}',
    photo_urls TEXT DEFAULT '[]',
    archived_at TEXT,
    archived_by TEXT,
    CONSTRAINT tickets_category_check CHECK (category IN ('facilities', 'tech')),
    CONSTRAINT tickets_status_check CHECK (status IN ('open', 'in-progress', 'resolved', 'closed')),
    CONSTRAINT tickets_priority_check CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    CONSTRAINT tickets_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT tickets_assigned_to_fkey FOREIGN KEY (assigned_to) REFERENCES users (id),
    CONSTRAINT tickets_archived_by_fkey FOREIGN KEY (archived_by) REFERENCES users (id)
);
CREATE TABLE vector_store_deletion_log (
    id INTEGER NOT NULL PRIMARY KEY,
    archive_id TEXT,
    file_id TEXT NOT NULL,
    deleted_by TEXT,
    reason TEXT,
    deleted_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT vector_store_deletion_log_archive_id_fkey FOREIGN KEY (archive_id) REFERENCES vector_store_archive (id) ON DELETE SET NULL
);
CREATE TABLE ai_prompt_template_history (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    template_id TEXT NOT NULL,
    old_template TEXT,
    new_template TEXT NOT NULL,
    changed_by TEXT,
    change_reason TEXT,
    changed_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT ai_prompt_template_history_template_id_fkey FOREIGN KEY (template_id) REFERENCES ai_prompt_templates (id) ON DELETE CASCADE,
    CONSTRAINT ai_prompt_template_history_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES users (id)
);
CREATE TABLE feedback (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id TEXT,
    user_email TEXT,
    request_description TEXT NOT NULL,
    location TEXT,
    route TEXT,
    response TEXT,
    confidence NUMERIC,
    is_useful BOOLEAN NOT NULL DEFAULT 0,
    feedback_type TEXT,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ticket_id TEXT,
    resolved BOOLEAN DEFAULT 0,
    resolved_at TEXT,
    resolved_by TEXT,
    resolution_notes TEXT,
    CONSTRAINT feedback_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE SET NULL,
    CONSTRAINT feedback_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT feedback_resolved_by_fkey FOREIGN KEY (resolved_by) REFERENCES users (id)
);
CREATE TABLE notification_history (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    user_id TEXT,
    subscription_id TEXT,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT,
    data TEXT DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'sent',
    sent_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT notification_history_status_check CHECK (status IN ('sent', 'failed', 'clicked')),
    CONSTRAINT notification_history_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES push_subscriptions (id) ON DELETE SET NULL,
    CONSTRAINT notification_history_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE slack_replies (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    slack_message_id TEXT,
    thread_ts TEXT NOT NULL,
    slack_user_id TEXT,
    slack_user_name TEXT,
    reply_text TEXT NOT NULL,
    reply_ts TEXT NOT NULL,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT slack_replies_slack_message_id_fkey FOREIGN KEY (slack_message_id) REFERENCES slack_messages (id) ON DELETE CASCADE
);
CREATE TABLE slack_thread_resolutions (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    slack_message_id TEXT,
    thread_ts TEXT NOT NULL,
    resolution TEXT NOT NULL,
    captured_knowledge_id TEXT,
    resolved_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT slack_thread_resolutions_slack_message_id_fkey FOREIGN KEY (slack_message_id) REFERENCES slack_messages (id) ON DELETE CASCADE,
    CONSTRAINT slack_thread_resolutions_captured_knowledge_id_fkey FOREIGN KEY (captured_knowledge_id) REFERENCES knowledge_captures (id)
);
CREATE TABLE ticket_comments (
    id TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
    ticket_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    CONSTRAINT ticket_comments_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE,
    CONSTRAINT ticket_comments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);

-- indexes
CREATE INDEX idx_hubspot_cache_expires_at ON hubspot_cache (expires_at);
CREATE INDEX idx_message_status_conversation_id ON message_status (conversation_id);
CREATE INDEX idx_openphone_conversations_processed ON openphone_conversations (processed);
CREATE UNIQUE INDEX idx_openphone_conversations_conversation_id ON openphone_conversations (conversation_id);
CREATE INDEX idx_openphone_conversations_phone_number ON openphone_conversations (phone_number);
CREATE INDEX idx_openphone_conversations_unread ON openphone_conversations (unread_count) WHERE unread_count > 0;
CREATE INDEX idx_openphone_conversations_is_read ON openphone_conversations (is_read);
CREATE INDEX idx_openphone_conversations_updated_at ON openphone_conversations (updated_at DESC);
CREATE INDEX idx_openphone_conversations_last_message_at ON openphone_conversations (last_message_at DESC);
CREATE INDEX idx_public_requests_created_at ON public_requests (created_at DESC);
CREATE INDEX idx_public_requests_pending ON public_requests (created_at) WHERE status IN ('pending', 'escalated');
CREATE INDEX idx_vector_store_archive_assistant_id ON vector_store_archive (assistant_id);
CREATE INDEX idx_ai_prompt_templates_category ON ai_prompt_templates (category);
CREATE INDEX idx_assistant_knowledge_route ON assistant_knowledge (route);
-- GIN index idx_assistant_knowledge_tags: PostgreSQL only
CREATE INDEX idx_assistant_knowledge_parent_document_id ON assistant_knowledge (parent_document_id);
CREATE INDEX idx_checklist_submissions_user_id ON checklist_submissions (user_id);
CREATE INDEX idx_checklist_submissions_submission_date ON checklist_submissions (submission_date DESC);
CREATE INDEX idx_checklist_submissions_location ON checklist_submissions (location);
CREATE INDEX idx_checklist_submissions_category_type ON checklist_submissions (category, type);
CREATE INDEX idx_checklist_task_customizations_category_type ON checklist_task_customizations (category, type);
CREATE INDEX idx_extracted_knowledge_category ON extracted_knowledge (category);
CREATE INDEX idx_knowledge_audit_log_created_at ON knowledge_audit_log (created_at DESC);
CREATE UNIQUE INDEX idx_push_subscriptions_user_endpoint ON push_subscriptions (user_id, endpoint);
CREATE INDEX idx_remote_actions_log_location ON remote_actions_log (location);
CREATE INDEX idx_remote_actions_log_created_at ON remote_actions_log (created_at DESC);
CREATE INDEX idx_slack_messages_thread_ts ON slack_messages (slack_thread_ts);
CREATE INDEX idx_slack_messages_user_id ON slack_messages (user_id);
CREATE INDEX idx_sop_update_queue_status ON sop_update_queue (status);
CREATE INDEX idx_tickets_status ON tickets (status);
CREATE INDEX idx_tickets_category ON tickets (category);
CREATE INDEX idx_tickets_created_by ON tickets (created_by);
CREATE INDEX idx_tickets_created_at ON tickets (created_at DESC);
CREATE INDEX idx_tickets_assigned_to ON tickets (assigned_to);
CREATE INDEX idx_tickets_active ON tickets (status, priority) WHERE archived_at IS NULL;
CREATE INDEX idx_ai_prompt_template_history_template_id ON ai_prompt_template_history (template_id);
CREATE INDEX idx_feedback_created_at ON feedback (created_at DESC);
CREATE INDEX idx_feedback_user_id ON feedback (user_id);
CREATE INDEX idx_feedback_not_useful ON feedback (created_at DESC) WHERE is_useful = 0;
CREATE INDEX idx_notification_history_user_sent ON notification_history (user_id, sent_at DESC);
CREATE INDEX idx_slack_replies_thread_ts ON slack_replies (thread_ts);
CREATE INDEX idx_slack_replies_slack_message_id ON slack_replies (slack_message_id);
CREATE INDEX idx_slack_thread_resolutions_thread_ts ON slack_thread_resolutions (thread_ts);
CREATE INDEX idx_ticket_comments_ticket_id ON ticket_comments (ticket_id, created_at DESC);

-- the data the PostgreSQL baseline carries over from the legacy history
INSERT INTO system_config (key, value) VALUES ('use_local_knowledge', 'false') ON CONFLICT (key) DO NOTHING;
INSERT INTO system_config (key, value) VALUES ('push_notifications_enabled', 'true') ON CONFLICT (key) DO NOTHING;
INSERT INTO ai_prompt_templates (name, description, template, category)
VALUES (
  'customer_message_response',
  'Default reply suggestion for inbound customer SMS',
  'You are a helpful assistant for a golf simulator business. Reply briefly to: {message}',
  'customer_message'
) ON CONFLICT (name) DO NOTHING;
INSERT INTO system_config (key, value) VALUES ('hubspot_cache_ttl_hours', '24') ON CONFLICT (key) DO NOTHING;
