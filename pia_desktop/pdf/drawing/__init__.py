"""ReportLab drawing of the print view: bordered platypus tables, label column left, content right.

Step three of the export. Every value line is a wrapping Paragraph (``wordWrap='CJK'``: Japanese line
breaking, no line starting with 。、」). Each row is a table of its own on a shared column grid, so the
rows read as one bordered table; rows split inside (``splitInRow``) so a cell taller than a page
continues on the next one instead of being cut. Form text (labels, bands) is set in BIZ UDゴシック,
entered content in BIZ UD明朝.

- ``layout``: the page, the column grid, padding, lines and shades;
- ``text``: paragraph styles, and text as paragraphs;
- ``page_breaks``: tables and groups that split across pages without giving up or leaving slivers;
- ``cells``: what a value cell holds (text, a choice with its options, a check-box grid);
- ``body_rows``: the rows of a section, each a table, sub-rows grouped under their outer label;
- ``sections``: the cover, the 別添2 table, and the story of the whole view.
"""
