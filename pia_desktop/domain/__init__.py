"""The domain layer: form definition, document model, validation. Imports no Qt, no SQLite, no ReportLab."""
