"""PDF export of the official layout (the only package that imports ReportLab).

Entry points: ``exporter.export_pdf`` / ``export_pdf_bytes`` and ``embedded.read_embedded_document``.

An export runs domain → ``view_model`` (the printed rows as plain data) → ``drawing`` (ReportLab flowables)
→ ``exporter`` (pages, metadata, the attached JSON). The fonts: ``fonts`` (the bundled files, registered once
per process), ``font_cache`` and ``font_cache_codec`` (their parsed data, kept on disk), ``ttfont`` (the
ReportLab font made from it), ``coverage`` (which characters they print, read without ReportLab),
``glyphs`` (what each character is drawn with) and ``text_layer`` (what the PDF's text extracts as).
"""
