package dev.sluice.jdbc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A result set of rows the driver already has: what {@link java.sql.DatabaseMetaData} returns. */
final class ListResultSet extends BaseResultSet {

    private final Iterator<Object[]> rows;

    ListResultSet(List<Column> columns, List<Object[]> rows) {
        super(columns);
        this.rows = new ArrayList<>(rows).iterator();
    }

    static ListResultSet empty() {
        return new ListResultSet(List.of(), List.of());
    }

    @Override
    protected boolean advance() {
        if (!rows.hasNext()) {
            return false;
        }
        row = rows.next();
        return true;
    }
}
