"""The home screen: the 評価書 of the store (list, sorting, filtering) and the 取りまとめ portfolio.
"""
