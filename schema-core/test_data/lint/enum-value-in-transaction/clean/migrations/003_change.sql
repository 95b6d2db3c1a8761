-- no-transaction
ALTER TYPE mood ADD VALUE 'meh' AFTER 'happy';
