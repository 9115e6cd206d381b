"""PDF export of the official layout (the only package that imports ReportLab).

Entry points: ``exporter.export_pdf`` / ``export_pdf_bytes`` and ``embedded.read_embedded_document``.
"""
