# mk/reader.mk — the essay reader against the books' ground truth: the 14
# hand-checked books, then the paired books (truth from PG's HTML; the
# held-out third only with SZ_HELDOUT=1), then the corpus books' titles
# with and without PG's header.
reader-score: $(B)/samizdat
	@python3 tests/reader-truth/score.py $(B)/samizdat
	@python3 tests/reader-truth/paired.py $(B)/samizdat
	@python3 tests/reader-titles/titles.py $(B)/samizdat
