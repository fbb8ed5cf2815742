-- Flink's own errors, located in the file.
SELEC 1;
SELECT no_such_column FROM no_such_table;
