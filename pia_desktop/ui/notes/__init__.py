"""指摘と回答 in the window: the 指摘 menu's actions, the 指摘一覧 dock and the questions they ask.
"""
