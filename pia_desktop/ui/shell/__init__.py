"""The shell: the main window, its menu bar (declared in ``menus.py``), the open 評価書's owner, the store behind
the window, settings, the look, screen fitting and every question the GUI asks (``dialogs.py``; 新規作成's
dialog in ``new_assessment.py``, the file pickers in ``file_pickers.py``).
"""
