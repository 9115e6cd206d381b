"""The yearly review: import of last year's 評価書 and its review, 新年度版, the 公表済 band, the marks of
what changed since last year, 変更箇所 and 見直しを記録.
"""
