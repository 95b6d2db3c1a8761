-- Migration: 022_add_prompt_template_variables
-- Templates declare which placeholders they expect

ALTER TABLE ai_prompt_templates ADD COLUMN IF NOT EXISTS variables TEXT[] DEFAULT '{}';
ALTER TABLE ai_prompt_templates ADD COLUMN IF NOT EXISTS version INTEGER NOT NULL DEFAULT 1;

UPDATE ai_prompt_templates SET variables = ARRAY['message'] WHERE name = 'customer_message_response';
