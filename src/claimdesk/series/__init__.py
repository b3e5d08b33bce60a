"""Reference series: official figures with every release that published them (issue 19).

A series lives beside the articles, in claims/series/<id>/: `series.yml` says what it is
(publisher, titles, unit, frequency) and `releases/<date>.yml` holds one release each, with
where and when it was retrieved, the digest of the bytes retrieved and its cells (period ->
value). A revision is a new release; nothing is overwritten, and git is the record.

- models.py: the files' shapes (pydantic, extra="forbid").
- periods.py: the periods of each frequency, and how official tables write them.
- store.py: reading and writing claims/series/ (temp-then-rename).
- tables.py: the public rows (series, series_releases, series_cells), derived whole.
- importing.py: a file as an official source publishes it, read with a mapping
  (mappings/*.yml), as a new release.
"""
