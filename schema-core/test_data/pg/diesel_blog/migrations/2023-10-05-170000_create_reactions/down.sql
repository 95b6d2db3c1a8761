DROP TABLE reactions;
DROP TYPE reaction_kind;
