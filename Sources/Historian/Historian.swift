// Module Historian: the storage engine (series catalog, write-ahead log, head of open chunks,
// partition files, compaction, retention) and its query engine. See ../shared/ARCHITECTURE.md.
