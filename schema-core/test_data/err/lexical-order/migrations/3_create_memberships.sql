CREATE TABLE memberships (
    team_id bigint NOT NULL REFERENCES teams (id),
    user_id bigint NOT NULL REFERENCES users (id),
    PRIMARY KEY (team_id, user_id)
);
