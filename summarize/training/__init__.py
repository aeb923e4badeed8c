"""Fine-tuning seq2seq checkpoints on document-summary pairs, and the pairs themselves.

    pairs.py      corpora in their usual JSON layouts -> `Pair` (document + reference summary)
                  -> `Article` (as the summariser sees it)
    examples.py   pairs -> model inputs and labels, long documents fitted as summarisation fits
                  them (`seq2seq.fit_input`), over-long summaries reported
    trainer.py    transformers' `Seq2SeqTrainer`: loss log, ROUGE per epoch, checkpoints, resume

`kosum train` (summarize/cli/train.py) runs them in that order; `kosum eval` reads pairs with
`pairs.py` and scores summaries with `summarize.summarizer.evaluation`. transformers, torch and
accelerate (the `train` extra) are imported inside functions only.
"""
