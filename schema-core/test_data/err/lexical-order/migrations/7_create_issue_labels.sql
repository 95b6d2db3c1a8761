CREATE TABLE issue_labels (
    issue_id bigint NOT NULL REFERENCES issues (id),
    label_id bigint NOT NULL REFERENCES labels (id),
    PRIMARY KEY (issue_id, label_id)
);
