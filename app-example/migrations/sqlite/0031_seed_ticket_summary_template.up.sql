INSERT INTO ai_prompt_templates (name, description, template, category)
VALUES (
  'ticket_summary',
  'Two-sentence summary shown on the ticket list',
  'Summarise this ticket in two sentences: {description}',
  'ticket'
) ON CONFLICT (name) DO NOTHING;
