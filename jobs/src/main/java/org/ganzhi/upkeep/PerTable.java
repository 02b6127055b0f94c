package org.ganzhi.upkeep;

import org.ganzhi.common.GanzhiException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One piece of upkeep per table, several tables at once (ganzhi.maintain.tables-at-once): a
 * table's upkeep is a chain of small Spark jobs that mostly wait on the driver, so one table at a
 * time leaves the cores idle. Results come back in the tables' order. When a table fails, the
 * others still finish (each Delta operation commits whole or not at all), then the first failure
 * is thrown.
 */
final class PerTable {
    private PerTable() {
    }

    static <T> List<T> run(List<String> tables, int atOnce, Function<String, T> work) {
        if (atOnce <= 1 || tables.size() <= 1) {
            List<T> results = new ArrayList<>();
            tables.forEach(table -> results.add(work.apply(table)));
            return results;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(atOnce, tables.size()), task -> {
            Thread thread = new Thread(task, "ganzhi-upkeep-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> running = tables.stream().map(table -> pool.submit(() -> work.apply(table))).toList();
            List<T> results = new ArrayList<>();
            RuntimeException first = null;
            for (Future<T> table : running) {
                try {
                    results.add(table.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    if (first == null) {
                        first = cause instanceof RuntimeException r ? r : new GanzhiException(cause.getMessage(), cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GanzhiException("interrupted while waiting for the upkeep of " + tables, e);
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
