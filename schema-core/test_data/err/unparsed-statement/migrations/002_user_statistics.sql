CREATE STATISTICS users_email_created (dependencies) ON email, created_at FROM users;
