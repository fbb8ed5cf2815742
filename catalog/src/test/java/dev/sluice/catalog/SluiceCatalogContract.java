package dev.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogFunctionImpl;
import org.apache.flink.table.catalog.CatalogTestBase;
import org.apache.flink.table.catalog.FunctionLanguage;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.junit.jupiter.api.Test;

/**
 * Flink's own catalog contract ({@code CatalogTest}, through {@code CatalogTestBase}) for the
 * Sluice catalog.
 *
 * <p>Ten contract tests need partitions or stored statistics, which streaming Kafka tables do not
 * have. Each is overridden here by a test of what the Sluice catalog does instead (refuses to
 * create partitions with a clear error, lists none, keeps statistics unknown); the README's catalog
 * section lists them.
 */
abstract class SluiceCatalogContract extends CatalogTestBase {

    @Override
    protected boolean isGeneric() {
        return true;
    }

    @Override
    protected boolean supportsModels() {
        return false;
    }

    @Override
    protected CatalogFunction createFunction() {
        return new CatalogFunctionImpl("dev.sluice.udfs.ZScore");
    }

    @Override
    protected CatalogFunction createAnotherFunction() {
        return new CatalogFunctionImpl("dev.sluice.udfs.Other", FunctionLanguage.SCALA);
    }

    @Override
    protected CatalogFunction createPythonFunction() {
        return new CatalogFunctionImpl("test.func1", FunctionLanguage.PYTHON);
    }

    /** Instead of keeping partitions, the catalog refuses them and lists none. */
    private void assertPartitionsRefused() throws Exception {
        catalog.createDatabase(db1, createDb(), false);
        catalog.createTable(path1, createPartitionedTable(), false);

        assertThatThrownBy(
                        () ->
                                catalog.createPartition(
                                        path1, createPartitionSpec(), createPartition(), false))
                .isInstanceOf(CatalogException.class)
                .hasMessage(
                        "the Sluice catalog does not keep partitions (table 'db1.t1'); "
                                + "streaming Kafka tables have none");
        assertThat(catalog.listPartitions(path1)).isEmpty();
        assertThat(catalog.listPartitions(path1, createPartitionSpec())).isEmpty();
        assertThat(catalog.partitionExists(path1, createPartitionSpec())).isFalse();
        assertThatThrownBy(() -> catalog.getPartition(path1, createPartitionSpec()))
                .isInstanceOf(PartitionNotExistException.class);
        assertThatThrownBy(() -> catalog.getPartitionStatistics(path1, createPartitionSpec()))
                .isInstanceOf(PartitionNotExistException.class);
    }

    @Test
    @Override
    public void testCreatePartition() throws Exception {
        assertPartitionsRefused();
    }

    @Test
    @Override
    public void testCreatePartition_PartitionAlreadyExistsException() throws Exception {
        assertPartitionsRefused();
    }

    @Test
    @Override
    public void testCreatePartition_PartitionAlreadyExists_ignored() throws Exception {
        assertPartitionsRefused();
    }

    @Test
    @Override
    public void testDropPartition() throws Exception {
        assertPartitionsRefused();
    }

    @Test
    @Override
    public void testAlterPartition() throws Exception {
        assertPartitionsRefused();
    }

    @Test
    @Override
    public void testPartitionExists() throws Exception {
        assertPartitionsRefused();
    }

    @Test
    @Override
    public void testListPartitionPartialSpec() throws Exception {
        assertPartitionsRefused();
    }

    @Test
    @Override
    public void testGetPartitionStats() throws Exception {
        assertPartitionsRefused();
    }

    @Test
    @Override
    public void testAlterPartitionTableStats() throws Exception {
        assertPartitionsRefused();
    }

    /** Statistics of unbounded tables are unknown; the catalog accepts new ones and keeps none. */
    @Test
    @Override
    public void testAlterTableStats() throws Exception {
        catalog.createDatabase(db1, createDb(), false);
        catalog.createTable(path1, createTable(), false);

        catalog.alterTableStatistics(
                path1, new CatalogTableStatistics(100, 10, 1000, 10000), false);

        assertThat(catalog.getTableStatistics(path1)).isEqualTo(CatalogTableStatistics.UNKNOWN);
    }
}
