"""The domain layer: form definition, document model, validation, the しきい値判断 and the tables that go
with the forms. Imports no Qt, no SQLite, no ReportLab."""
