"""出力: PDF export in the background, 印刷プレビュー and 印刷.
"""
