"""The drafting wizard: one page per section instance, the row and editor of each item, side navigation,
find, the edit session (saving, undo) and 版.
"""
