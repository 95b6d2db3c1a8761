CREATE TABLE employees (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    manager_id bigint,
    name text NOT NULL
);
ALTER TABLE employees
    ADD CONSTRAINT employees_manager_fk FOREIGN KEY (manager_id) REFERENCES employees;
