using System.Diagnostics;
using Delivery.Benchmarks;

namespace Delivery.Tests.Benchmarks;

/// <summary>A proxy's CPU time from /proc, user and kernel apart: its own and its direct children's (nginx's workers), read from real processes.</summary>
public sealed class ProcessCpuTimeTests
{
    // Fields 3-15 of a stat line: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime.
    private static string Stat(int pid, string command, int parent, long user, long system) =>
        $"{pid} ({command}) S {parent} {pid} {pid} 0 -1 4194560 100 0 0 0 {user} {system} 0 0 20 0 1 0 12345 1000000 200";

    [Test]
    public void A_stat_line_gives_the_parent_and_the_user_and_system_ticks_whatever_the_command_holds()
    {
        Assert.That(ProcessCpuTime.ParseStat(Stat(4321, "nginx: worker) (process", 4000, 250, 30)), Is.EqualTo((4000, 250L, 30L)));
        Assert.That(() => ProcessCpuTime.ParseStat("4321 (truncated) S 4000"), Throws.TypeOf<FormatException>().With.Message.Contains("4321 (truncated)"));
    }

    [Test]
    public void A_process_counts_with_its_direct_children_only()
    {
        var proc = Directory.CreateTempSubdirectory("proc-").FullName;
        try
        {
            void AddProcess(int pid, int parent, long user, long system)
            {
                Directory.CreateDirectory(Path.Combine(proc, pid.ToString()));
                File.WriteAllText(Path.Combine(proc, pid.ToString(), "stat"), Stat(pid, "p", parent, user, system));
            }

            AddProcess(10, 1, 100, 50); // the proxy (nginx's master)
            AddProcess(11, 10, 30, 20); // its worker
            AddProcess(12, 11, 999, 999); // the worker's child: not the proxy's
            AddProcess(13, 1, 999, 999); // another process
            Directory.CreateDirectory(Path.Combine(proc, "self")); // not a pid

            Assert.That(ProcessCpuTime.Read(10, proc), Is.EqualTo(new CpuTime(TimeSpan.FromSeconds(1.3), TimeSpan.FromSeconds(0.7))));
            Assert.That(() => ProcessCpuTime.Read(14, proc), Throws.InvalidOperationException.With.Message.Contains("No process 14"));
        }
        finally
        {
            Directory.Delete(proc, recursive: true);
        }
    }

    [Test]
    public void A_busy_child_of_a_real_process_counts_for_it()
    {
        // A parent that only waits, as nginx's master does, and a child that spins.
        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sh -c 'while :; do :; done' & wait"]))!;
        try
        {
            var before = ProcessCpuTime.Read(parent.Id);
            var clock = Stopwatch.StartNew();
            var used = TimeSpan.Zero;
            while (used < TimeSpan.FromSeconds(0.3) && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(100);
                used = (ProcessCpuTime.Read(parent.Id) - before).Total;
            }

            Assert.That(used, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.3)),
                $"the spinning child's CPU time did not count for its parent within {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.That(used, Is.LessThanOrEqualTo(clock.Elapsed + TimeSpan.FromSeconds(0.05)), "more than one CPU's worth for one spinning process");
        }
        finally
        {
            parent.Kill(entireProcessTree: true);
            parent.WaitForExit();
        }
    }
}
