CREATE TYPE ticket_status AS ENUM ('open', 'closed');
CREATE TABLE tickets (
    id bigserial PRIMARY KEY,
    title varchar(200) NOT NULL,
    status ticket_status NOT NULL DEFAULT 'open'
);
