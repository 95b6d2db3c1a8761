INSERT INTO ai_prompt_templates (name, template)
VALUES ('ticket_summary', 'Summarise this ticket in two sentences: {{description}}');
