"""The worked case of each module: one case object per module, so that the text, the
tables, the charts and the exercises agree."""
