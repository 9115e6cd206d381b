"""The printed 評価書 as plain data: sections made of rows of formatted strings.

Step one of the PDF export (domain → this view model → ReportLab drawing in ``pdf.drawing``). The rows
come from one ``walk`` over the form definition: nothing here knows an item's label, and nothing here
imports ReportLab, so what gets printed can be tested without rendering.

- ``cells``: what a value cell holds (text, a choice, a check-box grid) and how answers fill it;
- ``rows``: the rows (bands, captions, label │ content fields, wide boxes), sections and the view;
- ``styles``: how each item of the form prints, derived from the tree (see below);
- ``build``: ``build_view``, the walk that turns a document into sections of rows;
- ``special_sections``: the cover, the 別添1 list and the 別添2 table, which are not label │ content rows.

How the item tree maps onto the printed rows (form-inventory part C):

* a section (depth 0) is a page title; depth-1 headings are shaded bands (``１．…``); a depth-1 item
  with a value is a band followed by a full-width value box (Ⅰ３, Ⅱ１, Ⅲ１０ …);
* a deeper heading is either a band of its own (the ``リスク：…`` blocks, which open their parent) or a
  label that spans the rows of its children (``④使用の主体``, ``再委託``), when value rows precede it;
* a value item after such a band prints as a full-width caption plus a value box (Ⅲ's
  ``…その他のリスク…`` rows); an item with children has them as sub-rows in a two-level label column;
* single check boxes (``委託しない``) sit at the right end of their heading's band; a number whose
  label is a ``（ ）`` template is printed inside the choice before it (``（ 1 ）　件``);
* repeating groups print slot 1 always, every header of ``repeat.print_groups`` ("委託事項2～5") and
  the entries that exist;
* items that do not apply print empty; in the 公表用 variant, items marked 非公表 print "（非公表）".
"""

