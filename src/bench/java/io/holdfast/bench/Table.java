// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.DoublePredicate;

/**
 * The result table: one row per metric (the cold rows next to the warm ones they repeat), a
 * column per proxy (median of the runs; errors are summed over the runs), the Holdfast/Pushpin
 * ratio and the target for that ratio, and with a baseline build measured too, the
 * Holdfast/baseline ratio. Every other target's ratio to Pushpin (for bare Jetty, the best a proxy
 * built on it could reach) follows in a table of its own, so the first stays readable.
 */
final class Table
{
    enum Kind
    {
        /** A rate: more is better. */
        RATE,
        /** Milliseconds: less is better. */
        MILLIS,
        /** kB or MB: less is better. */
        SIZE,
        /** A count that should be zero, summed over runs. */
        COUNT
    }

    record Row(String scenario, String metric, String key, Kind kind, String target, DoublePredicate meets)
    {
    }

    private static final String PUSHPIN = "Pushpin";

    /** An issue 17 target for the scaled-out figure {@code r} against one instance's {@code h}. */
    private record ScaleTarget(String text, BiPredicate<Double, Double> meets)
    {
    }

    /** Issue 17: a publish through Redis costs at most 2x one instance's; delivery p50 across instances under 10 ms. */
    private static final Map<String, ScaleTarget> SCALE_TARGETS = Map.of(
        "pub1.items", new ScaleTarget(">= 0.5x", (r, h) -> r / h >= 0.5),
        "pub20.items", new ScaleTarget(">= 0.5x", (r, h) -> r / h >= 0.5),
        "fan.p50", new ScaleTarget("< 10 ms", (r, h) -> r < 10),
        "fan.remote.p50", new ScaleTarget("< 10 ms", (r, h) -> r < 10));

    static final List<Row> ROWS = List.of(
        new Row("burst fan-out, 1,000 subs, 1 channel", "deliveries/s", "burst.rate", Kind.RATE, ">= 1.0x", r -> r >= 1.0),
        new Row("", "latency p50 (ms)", "burst.p50", Kind.MILLIS, "", null),
        new Row("", "latency p99 (ms)", "burst.p99", Kind.MILLIS, "", null),
        new Row("", "errors / missing", "burst.errors", Kind.COUNT, "", null),
        new Row("10,000 subs x 5 msgs at 1/s", "latency p50 (ms)", "tenk.p50", Kind.MILLIS, "<= 0.3x", r -> r <= 0.3),
        new Row("", "latency p99 (ms)", "tenk.p99", Kind.MILLIS, "", null),
        new Row("", "errors / missing", "tenk.errors", Kind.COUNT, "", null),
        new Row("cold: 10,000 subs, 1 channel", "start-up to ready (s)", "cold.tenk.start", Kind.SIZE, "", null),
        new Row("  a fresh proxy, all connecting at once", "all held after (ms)", "cold.tenk.hold", Kind.MILLIS, "", null),
        new Row("", "1st publish p50 (ms)", "cold.tenk.first.p50", Kind.MILLIS, "", null),
        new Row("", "1st publish p99 (ms)", "cold.tenk.first.p99", Kind.MILLIS, "", null),
        new Row("", "next 4 at 1/s p50 (ms)", "cold.tenk.next.p50", Kind.MILLIS, "", null),
        new Row("", "next 4 at 1/s p99 (ms)", "cold.tenk.next.p99", Kind.MILLIS, "", null),
        new Row("", "errors / missing", "cold.tenk.errors", Kind.COUNT, "", null),
        new Row("10,000 subs on 1,000 channels", "latency p50 (ms)", "multi.p50", Kind.MILLIS, "", null),
        new Row("", "latency p99 (ms)", "multi.p99", Kind.MILLIS, "", null),
        new Row("", "publishes/s (8 conns)", "multi.publishes", Kind.RATE, "", null),
        new Row("", "errors / missing", "multi.errors", Kind.COUNT, "", null),
        new Row("cold: 10,000 subs, 1,000 channels", "start-up to ready (s)", "cold.multi.start", Kind.SIZE, "", null),
        new Row("  a fresh proxy, all connecting at once", "all held after (ms)", "cold.multi.hold", Kind.MILLIS, "", null),
        new Row("", "1st round p50 (ms)", "cold.multi.first.p50", Kind.MILLIS, "", null),
        new Row("", "1st round p99 (ms)", "cold.multi.first.p99", Kind.MILLIS, "", null),
        new Row("", "next 4 at 1/s p50 (ms)", "cold.multi.next.p50", Kind.MILLIS, "", null),
        new Row("", "next 4 at 1/s p99 (ms)", "cold.multi.next.p99", Kind.MILLIS, "", null),
        new Row("", "errors / missing", "cold.multi.errors", Kind.COUNT, "", null),
        new Row("long-poll, 1,000 clients", "cycles/s", "lp.cycles", Kind.RATE, ">= 10x", r -> r >= 10),
        new Row("", "errors", "lp.errors", Kind.COUNT, "0", null),
        new Row("", "publishes (waves)/s", "lp.waves", Kind.RATE, "", null),
        new Row("", "publisher's quiet time (ms)", "lp.quiet", Kind.MILLIS, "", null),
        new Row("publish API, 1 item/POST", "items/s", "pub1.items", Kind.RATE, ">= 5x", r -> r >= 5),
        new Row("publish API, 20 items/POST", "items/s", "pub20.items", Kind.RATE, ">= 5x", r -> r >= 5),
        new Row("", "errors (1 + 20)", "pub.errors", Kind.COUNT, "", null),
        new Row("fan-out, 1,000 subs over instances", "latency p50 (ms)", "fan.p50", Kind.MILLIS, "", null),
        new Row("  (Redis: 500 on A, 500 on B;", "latency p99 (ms)", "fan.p99", Kind.MILLIS, "", null),
        new Row("  20 publishes at 5/s to A)", "on A (local) p50 (ms)", "fan.local.p50", Kind.MILLIS, "", null),
        new Row("", "on B (via Redis) p50 (ms)", "fan.remote.p50", Kind.MILLIS, "", null),
        new Row("", "on B (via Redis) p99 (ms)", "fan.remote.p99", Kind.MILLIS, "", null),
        new Row("", "errors / missing", "fan.errors", Kind.COUNT, "", null),
        new Row("", "duplicated / out of order", "fan.duplicates", Kind.COUNT, "", null),
        new Row("catch-up: 1,000 streams, prev-id=1", "items/s replayed", "catchup.rate", Kind.RATE, "", null),
        new Row("  (99 items each from history)", "all held after (ms)", "catchup.held", Kind.MILLIS, "", null),
        new Row("", "all caught up after (ms)", "catchup.all", Kind.MILLIS, "", null),
        new Row("", "errors / missing", "catchup.errors", Kind.COUNT, "", null),
        new Row("", "duplicated / out of order", "catchup.duplicates", Kind.COUNT, "", null),
        new Row("pass-through (wrk, 64 conns)", "req/s via proxy", "pass.proxy", Kind.RATE, ">= 10x", r -> r >= 10),
        new Row("", "req/s origin direct", "pass.origin", Kind.RATE, "", null),
        new Row("", "errors", "pass.errors", Kind.COUNT, "", null),
        new Row("hold set-up", "streams/s", "setup.rate", Kind.RATE, ">= 5x", r -> r >= 5),
        new Row("", "errors", "setup.errors", Kind.COUNT, "", null),
        new Row("RSS, 1,000 held streams", "kB per stream", "rss1k.per", Kind.SIZE, "<= 1.0x", r -> r <= 1.0),
        new Row("", "total RSS (MB)", "rss1k.total", Kind.SIZE, "", null),
        new Row("RSS, 19,000 held streams", "kB per stream", "rss19k.per", Kind.SIZE, "<= 1.0x", r -> r <= 1.0),
        new Row("", "total RSS (MB)", "rss19k.total", Kind.SIZE, "", null),
        new Row("", "held / errors / missing", "rss19k.errors", Kind.COUNT, "19,000, 0", null),
        new Row("flood: 15,000 streams opened, closed", "RSS before (MB)", "flood.before", Kind.SIZE, "", null),
        new Row("", "RSS while held (MB)", "flood.peak", Kind.SIZE, "", null),
        new Row("", "RSS after (MB)", "flood.after", Kind.SIZE, "", null),
        new Row("", "seconds to within 10 % of before", "flood.seconds", Kind.SIZE, "", null),
        new Row("soak: rounds of streams reset", "descriptors before", "soak.files.before", Kind.SIZE, "", null),
        new Row("", "descriptors after the last round", "soak.files", Kind.SIZE, "", null),
        new Row("", "RSS before (MB)", "soak.rss.before", Kind.SIZE, "", null),
        new Row("", "RSS after the last round (MB)", "soak.rss", Kind.SIZE, "", null),
        new Row("", "RSS after a round, highest (MB)", "soak.rss.max", Kind.SIZE, "", null),
        new Row("", "streams not held", "soak.errors", Kind.COUNT, "", null),
        new Row("slow subscriber: 2,000 x 10 kB", "RSS growth, first burst (MB)", "slowburst.first", Kind.SIZE, "", null),
        new Row("", "RSS growth, later bursts (MB)", "slowburst.slow", Kind.SIZE, "", null),
        new Row("", "RSS growth, no subscriber (MB)", "slowburst.none", Kind.SIZE, "", null),
        new Row("", "publish errors", "slowburst.errors", Kind.COUNT, "", null));

    /**
     * The table of figures, with the first target's ratio to the reference (Pushpin when measured,
     * else the second target), the target for it and whether it is met, and the
     * Holdfast/baseline ratio; then, with more targets, a second table of every other target's
     * ratio to the reference.
     *
     * @param columns proxy name to its aggregated metrics
     */
    static String render(List<String> measured, Map<String, Map<String, Double>> columns)
    {
        // The baseline is compared with Holdfast only, in a column of its own; the ratios between the
        // other targets are as without it.
        // So is Holdfast + Redis, with issue 17's targets.
        boolean baseline = measured.contains(HoldfastProxy.BASELINE_NAME) && measured.contains(HoldfastProxy.NAME);
        boolean redis = measured.contains(HoldfastRedisProxy.NAME) && measured.contains(HoldfastProxy.NAME);
        List<String> proxies = measured.stream().filter(p -> !p.equals(HoldfastProxy.BASELINE_NAME))
            .filter(p -> !redis || !p.equals(HoldfastRedisProxy.NAME)).toList();
        boolean ratios = proxies.size() >= 2;
        String first = proxies.isEmpty() ? null : proxies.get(0);
        String reference = !ratios ? null : proxies.indexOf(PUSHPIN) > 0 ? PUSHPIN : proxies.get(1);
        List<String> others = proxies.stream().filter(p -> !p.equals(first) && !p.equals(reference)).toList();
        List<String[]> lines = new ArrayList<>();
        List<String[]> otherLines = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("scenario", "metric"));
        head.addAll(measured);
        if (ratios)
            head.addAll(List.of(first + "/" + reference, "target", "met"));
        if (baseline)
            head.add(HoldfastProxy.NAME + "/baseline");
        if (redis)
            head.addAll(List.of("Redis/" + HoldfastProxy.NAME, "issue 17", "met"));
        lines.add(head.toArray(String[]::new));
        List<String> otherHead = new ArrayList<>(List.of("scenario", "metric"));
        others.forEach(o -> otherHead.add(o + "/" + reference));
        otherLines.add(otherHead.toArray(String[]::new));
        for (Row row : ROWS)
        {
            String probe = row.key().equals("pub.errors") ? "pub1.errors" : row.key();
            boolean any = measured.stream().anyMatch(p -> columns.get(p).containsKey(probe));
            if (!any)
                continue;
            List<String> cells = new ArrayList<>(List.of(row.scenario(), row.metric()));
            for (String p : measured)
                cells.add(cell(row, columns.get(p)));
            if (ratios)
            {
                Double a = columns.get(first).get(row.key());
                Double b = columns.get(reference).get(row.key());
                String ratio = ratio(row, a, b);
                String met = "";
                // The targets are against Pushpin, not against whatever else came second.
                if (!ratio.isEmpty() && row.meets() != null && reference.equals(PUSHPIN))
                    met = row.meets().test(a / b) ? "yes" : "NO";
                if (row.kind() == Kind.COUNT && row.key().equals("lp.errors") && a != null)
                    met = a == 0 ? "yes" : "NO";
                if (row.key().equals("rss19k.errors") && a != null)
                {
                    Map<String, Double> h = columns.get(first);
                    met = a == 0 && h.getOrDefault("rss19k.missing", 0.0) == 0 ? "yes" : "NO";
                }
                cells.addAll(List.of(ratio, row.target(), met));
                List<String> otherCells = new ArrayList<>(List.of(row.scenario(), row.metric()));
                for (String other : others)
                    otherCells.add(ratio(row, columns.get(other).get(row.key()), b));
                if (otherCells.stream().skip(2).anyMatch(c -> !c.isEmpty()))
                    otherLines.add(otherCells.toArray(String[]::new));
            }
            if (baseline)
                cells.add(ratio(row, columns.get(HoldfastProxy.NAME).get(row.key()),
                    columns.get(HoldfastProxy.BASELINE_NAME).get(row.key())));
            if (redis)
            {
                Double r = columns.get(HoldfastRedisProxy.NAME).get(row.key());
                Double h = columns.get(HoldfastProxy.NAME).get(row.key());
                ScaleTarget target = SCALE_TARGETS.get(row.key());
                boolean judged = target != null && r != null && !r.isNaN() && (h != null || row.kind() == Kind.MILLIS);
                cells.addAll(List.of(ratio(row, r, h), target == null ? "" : target.text(),
                    !judged ? "" : target.meets().test(r, h == null ? Double.NaN : h) ? "yes" : "NO"));
            }
            lines.add(cells.toArray(String[]::new));
        }
        String out = layout(lines);
        return others.isEmpty() || otherLines.size() == 1 ? out
            : out + "\nThe other targets against " + reference + ":\n\n" + layout(otherLines);
    }

    /** Columns padded to their widest cell (the first two left-aligned), a rule under the head. */
    private static String layout(List<String[]> lines)
    {
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines)
        {
            for (int i = 0; i < line.length; i++)
                widths[i] = Math.max(widths[i], line[i].length());
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < lines.size(); n++)
        {
            String[] line = lines.get(n);
            for (int i = 0; i < line.length; i++)
            {
                boolean left = i < 2;
                String cell = line[i];
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(left ? cell + pad : pad + cell);
                out.append(i + 1 < line.length ? "  " : "");
            }
            out.append('\n');
            if (n == 0)
                out.append("-".repeat(java.util.Arrays.stream(widths).sum() + 2 * (widths.length - 1))).append('\n');
        }
        return out.toString();
    }

    private static String ratio(Row row, Double a, Double b)
    {
        if (row.kind() == Kind.COUNT || a == null || b == null || b == 0 || a.isNaN() || b.isNaN())
            return "";
        return String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static String cell(Row row, Map<String, Double> metrics)
    {
        Double v = metrics.get(row.key());
        if (v == null && !(row.key().equals("pub.errors") && metrics.containsKey("pub1.errors")))
            return "-";
        String prefix = row.key().substring(0, row.key().lastIndexOf('.'));
        return switch (row.kind())
        {
            case RATE -> String.format(Locale.ROOT, "%,.0f", v);
            case MILLIS -> String.format(Locale.ROOT, "%.2f", v);
            case SIZE -> String.format(Locale.ROOT, "%.1f", v);
            case COUNT ->
            {
                if (row.key().equals("pub.errors") && metrics.containsKey("pub1.errors"))
                    yield count(metrics.getOrDefault("pub1.errors", 0.0) + metrics.getOrDefault("pub20.errors", 0.0));
                if (row.key().equals("rss19k.errors"))
                    yield count(metrics.getOrDefault("rss19k.held", 0.0)) + " / " + count(v) + " / "
                        + count(metrics.getOrDefault("rss19k.missing", 0.0));
                // errors / missing; duplicated / out of order
                if (row.key().endsWith(".duplicates"))
                    yield count(v) + " / " + count(metrics.getOrDefault(prefix + ".reordered", 0.0));
                Double missing = row.key().endsWith(".errors") ? metrics.get(prefix + ".missing") : null;
                yield missing == null ? count(v) : count(v) + " / " + count(missing);
            }
        };
    }

    private static String count(double v)
    {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
