DROP TABLE tickets;
DROP TYPE ticket_status;
