CREATE TABLE notes (id bigint PRIMARY KEY, this_column_name_is_far_too_long_for_postgres_to_keep_all_of_it_really text);
