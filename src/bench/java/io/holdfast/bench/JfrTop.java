// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of Holdfast (src/bench/run.sh --jfr) and prints where the CPU went: the
 * hottest methods by self time, the hottest io.holdfast frames (inclusive), and the hottest
 * packages, from the execution samples. {@code java -cp target/bench-classes io.holdfast.bench.JfrTop FILE [N]}
 */
public final class JfrTop
{
    public static void main(String[] args) throws IOException
    {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> holdfast = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(Path.of(args[0])))
        {
            while (file.hasMoreEvents())
            {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ObjectAllocationSample"))
                {
                    RecordedStackTrace stack = event.getStackTrace();
                    String where = stack == null || stack.getFrames().isEmpty() ? "?" : firstApp(stack.getFrames());
                    allocations.merge(event.getClass("objectClass").getName() + " @ " + where, event.getLong("weight"), Long::sum);
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample"))
                    continue;
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty())
                    continue;
                samples++;
                threads.merge(threadGroup(event.getThread("sampledThread").getJavaName()), 1, Integer::sum);
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                packages.merge(pkg(frames.get(0)), 1, Integer::sum);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (RecordedFrame frame : frames)
                {
                    String n = name(frame);
                    if (n.startsWith("io.holdfast.") && seen.add(n))
                        holdfast.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.println(samples + " execution samples");
        print("threads", threads, samples, top);
        print("self time by method", self, samples, top);
        print("self time by package", packages, samples, top);
        print("inclusive time of io.holdfast methods", holdfast, samples, top);
        long total = allocations.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%nallocation (sampled weight, %,d MB in all)%n", total >> 20);
        allocations.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
            .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top)
    {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
            .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }

    private static String firstApp(List<RecordedFrame> frames)
    {
        for (RecordedFrame frame : frames)
        {
            String n = name(frame);
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun."))
                return n;
        }
        return name(frames.get(0));
    }

    private static String name(RecordedFrame frame)
    {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String pkg(RecordedFrame frame)
    {
        String type = frame.getMethod().getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    private static String threadGroup(String name)
    {
        return name == null ? "?" : name.replaceAll("[-_ ]?\\d+$", "").replaceAll("-\\d+-", "-N-");
    }
}
