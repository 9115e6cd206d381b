"""One editor widget per item type, built from the item's definition (labels and options as printed).

Editors only show values and report the user's changes (``committed``); saving, undo and
conditions are the session's and the page's business. A change made by the program (loading,
undo) never echoes back as a commit. ``base`` holds what every editor shares, one module holds each
family of editors, and ``factory.make_editor`` picks the editor for an item.
"""
