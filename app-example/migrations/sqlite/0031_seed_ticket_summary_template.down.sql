DELETE FROM ai_prompt_templates WHERE name = 'ticket_summary';
