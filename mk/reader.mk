# mk/reader.mk — the essay reader against the books' ground truth.
reader-score: $(B)/samizdat
	@python3 tests/reader-truth/score.py $(B)/samizdat
