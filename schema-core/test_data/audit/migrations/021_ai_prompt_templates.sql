-- Migration: 021_ai_prompt_templates
-- Editable prompt templates for the AI features, with a change history

CREATE TABLE IF NOT EXISTS ai_prompt_templates (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name VARCHAR(255) UNIQUE NOT NULL,
  description TEXT,
  template TEXT NOT NULL,
  category VARCHAR(50) NOT NULL,
  is_active BOOLEAN DEFAULT true,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_by UUID REFERENCES users(id)
);

CREATE TABLE IF NOT EXISTS ai_prompt_template_history (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id UUID NOT NULL REFERENCES ai_prompt_templates(id) ON DELETE CASCADE,
  old_template TEXT,
  new_template TEXT NOT NULL,
  changed_by UUID REFERENCES users(id),
  change_reason TEXT,
  changed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS idx_ai_prompt_templates_category ON ai_prompt_templates(category);
CREATE INDEX IF NOT EXISTS idx_ai_prompt_template_history_template_id ON ai_prompt_template_history(template_id);

CREATE TRIGGER update_ai_prompt_templates_updated_at BEFORE UPDATE ON ai_prompt_templates
  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

INSERT INTO ai_prompt_templates (name, description, template, category)
VALUES (
  'customer_message_response',
  'Default reply suggestion for inbound customer SMS',
  'You are a helpful assistant for a golf simulator business. Reply briefly to: {message}',
  'customer_message'
) ON CONFLICT (name) DO NOTHING;
