"""点検 in the window: the findings dock and page, and the しきい値判断 page.
"""
