"""The comparison across articles: group -> align -> diff.

`diff.compare(articles)` groups articles into events (`group`), aligns their claims into facts
with the claim-similarity signals of `similarity` (`align`), and finds conflicts, additions and
omissions (`diff`). It knows nothing of output formats (`summarize.render`).
"""
