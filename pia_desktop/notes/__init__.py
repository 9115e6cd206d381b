"""指摘と回答: notes a reviewer attaches to the items of a 評価書, the author's answers, and their exchange
as small files between two stores (closed networks: no server)."""
