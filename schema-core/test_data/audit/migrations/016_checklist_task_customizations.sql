-- Migration: 016_checklist_task_customizations
-- Per-category overrides of the default checklist task labels

CREATE TABLE IF NOT EXISTS checklist_task_customizations (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  category VARCHAR(50) NOT NULL,
  type VARCHAR(50) NOT NULL,
  task_id VARCHAR(100) NOT NULL,
  custom_label TEXT NOT NULL,
  is_hidden BOOLEAN DEFAULT false,
  created_by UUID REFERENCES users(id),
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (category, type, task_id)
);

CREATE INDEX IF NOT EXISTS idx_checklist_task_customizations_category_type ON checklist_task_customizations(category, type);
