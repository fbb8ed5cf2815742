package dev.sluice.bench.compare;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report as PNG charts (JFreeChart, headless). */
final class Chart {

    private static final Color SLUICE = new Color(0x1f77b4);
    private static final Color STOCK = new Color(0xff7f0e);
    private static final Color STOCK_P2 = new Color(0xffbb78);

    private Chart() {}

    static void write(Report report, CompareBenchmark.Settings settings, Path png, String date)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        String machine =
                "%s, %d cores, Java %s"
                        .formatted(
                                System.getProperty("os.name"),
                                Runtime.getRuntime().availableProcessors(),
                                System.getProperty("java.specification.version"));
        ChartUtils.saveChartAsPNG(
                png.toFile(), throughput(report, settings, date, machine), 1100, 600);
        ChartUtils.saveChartAsPNG(
                png.resolveSibling("freshness-latest.png").toFile(),
                freshness(report, date, machine),
                900,
                500);
    }

    private static JFreeChart throughput(
            Report report, CompareBenchmark.Settings settings, String date, String machine) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> workloads =
                report.rows().stream()
                        .map(Report.Row::workload)
                        .filter(w -> !w.startsWith("plain"))
                        .distinct()
                        .toList();
        for (String workload : workloads) {
            for (String side :
                    List.of(
                            CompareBenchmark.SLUICE,
                            CompareBenchmark.STOCK,
                            CompareBenchmark.STOCK_P2)) {
                double median = report.median(workload, side);
                if (!Double.isNaN(median)) {
                    data.addValue(median / 1000, side, workload);
                }
            }
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "Sluice vs stock Flink 2.3: events/s (thousands), medians",
                        null,
                        "k events/s",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        chart.addSubtitle(
                new TextTitle(
                        ("%s · %s · %,d transactions, %,d accounts, %d rounds · plain Kafka"
                                        + " consumer: %,.0f k records/s")
                                .formatted(
                                        date,
                                        machine,
                                        settings.events(),
                                        settings.accounts(),
                                        settings.rounds(),
                                        report.median("plain Kafka consumer", "Kafka") / 1000),
                        new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        CategoryAxis axis = plot.getDomainAxis();
        axis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        axis.setMaximumCategoryLabelLines(2);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        int sluice = data.getRowIndex(CompareBenchmark.SLUICE);
        int stock = data.getRowIndex(CompareBenchmark.STOCK);
        int stockP2 = data.getRowIndex(CompareBenchmark.STOCK_P2);
        if (sluice >= 0) {
            renderer.setSeriesPaint(sluice, SLUICE);
        }
        if (stock >= 0) {
            renderer.setSeriesPaint(stock, STOCK);
        }
        if (stockP2 >= 0) {
            renderer.setSeriesPaint(stockP2, STOCK_P2);
        }
        return chart;
    }

    private static JFreeChart freshness(Report report, String date, String machine) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries p99 = new XYSeries("Sluice p99 (ms)");
        XYSeries p50 = new XYSeries("Sluice p50 (ms)");
        XYSeries ratio = new XYSeries("Sluice fraud HOP EO ÷ ALO × 1000");
        for (Report.FreshRow row : report.freshness()) {
            if (row.side().equals(CompareBenchmark.SLUICE)) {
                p99.add(row.intervalMs(), row.latency().p99());
                p50.add(row.intervalMs(), row.latency().p50());
                ratio.add(row.intervalMs(), 1000 * row.exactlyOnce() / row.atLeastOnce());
            } else {
                XYSeries stock = new XYSeries("stock Flink p99 at " + row.intervalMs() + " ms");
                stock.add(row.intervalMs(), row.latency().p99());
                data.addSeries(stock);
            }
        }
        data.addSeries(p99);
        data.addSeries(p50);
        data.addSeries(ratio);
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        "Exactly-once freshness at 100 ev/s by checkpoint interval",
                        "checkpoint interval (ms)",
                        "ms (ratio × 1000)",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        chart.addSubtitle(
                new TextTitle(
                        date + " · " + machine + " · produce → read_committed consumer",
                        new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        return chart;
    }
}
