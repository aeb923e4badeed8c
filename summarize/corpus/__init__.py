"""`kosum corpus`: a whole archive of news (a day, a month) analysed in parallel, grouped into
stories and aligned, resumably.

    reader -> (shards) -> stages.analyse_shard -> grouping -> stages.align_stories -> output
                         on engines.LocalEngine or engines.RayEngine; state caches each step

See `summarize.corpus.run` for the stages and `summarize.corpus.state` for what a rerun reuses.
"""

from summarize.corpus.run import CorpusReport, CorpusSettings, run_corpus

__all__ = ["CorpusReport", "CorpusSettings", "run_corpus"]
