"""Pages of the counselling app, one module per noun: visits (and the trainer's week),
improvement teams, improvement projects."""
