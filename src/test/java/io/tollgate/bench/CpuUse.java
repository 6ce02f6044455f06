package io.tollgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from /proc, in Linux's clock ticks: the server's process, this JVM (the load generator), and the whole
 * machine busy and in all. On a machine the three share, what a request costs each of them says where its time goes;
 * the rest of the busy time is PostgreSQL's and the kernel's.
 */
record CpuUse(long serverTicks, long loadGeneratorTicks, long busyTicks, long allTicks) {

    /** USER_HZ, the unit of /proc's CPU times. */
    private static final double MILLIS_PER_TICK = 10;

    static CpuUse now(long serverPid) {
        String[] machine = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        long all = 0;
        // cpu user nice system idle iowait irq softirq, then steal: time the host gave to others, not this machine's
        // (guest time is already counted in user)
        for (int field = 1; field <= 7; field++) {
            long ticks = Long.parseLong(machine[field]);
            all += ticks;
            busy += field == 4 || field == 5 ? 0 : ticks;
        }
        return new CpuUse(processTicks(serverPid), processTicks(ProcessHandle.current().pid()), busy, all);
    }

    CpuUse since(CpuUse start) {
        return new CpuUse(serverTicks - start.serverTicks, loadGeneratorTicks - start.loadGeneratorTicks,
                busyTicks - start.busyTicks, allTicks - start.allTicks);
    }

    /** The server's CPU per operation, in milliseconds. */
    double serverMillisPer(long operations) {
        return serverTicks * MILLIS_PER_TICK / operations;
    }

    /** The whole machine's busy CPU per operation, in milliseconds: server, load generator and the rest. */
    double busyMillisPer(long operations) {
        return busyTicks * MILLIS_PER_TICK / operations;
    }

    /** Each part's CPU per operation, and how much of the machine stayed idle. */
    String per(long operations) {
        double server = serverMillisPer(operations);
        double loadGenerator = loadGeneratorTicks * MILLIS_PER_TICK / operations;
        // The machine's and each process's counters tick apart: a rest of nothing can come out a tick below zero.
        double rest = Math.max(0, busyMillisPer(operations) - server - loadGenerator);
        return String.format("CPU per op: server %.2f ms, load generator %.2f ms, PostgreSQL and the rest %.2f ms;"
                + " machine idle %.0f %%", server, loadGenerator, rest, 100.0 * (allTicks - busyTicks) / allTicks);
    }

    private static long processTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
