ALTER TYPE post_status ADD VALUE IF NOT EXISTS 'archived';
ALTER TYPE post_status ADD VALUE 'scheduled' BEFORE 'published';
