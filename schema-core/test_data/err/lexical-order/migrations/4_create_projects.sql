CREATE TABLE projects (
    id bigserial PRIMARY KEY,
    team_id bigint NOT NULL REFERENCES teams (id),
    name text NOT NULL
);
