"""What a 事務's 評価書 share: the 共通項目 editor, following and aligning a set, and the 定型文 picker.
"""
