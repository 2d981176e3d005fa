using System.Globalization;

namespace Delivery.Benchmarks;

/// <summary>
/// The CPU time (user and system, every thread) a process and its direct children have used so far, read from /proc.
/// The proxy benchmark reads it before and after a measured wrk run: divided by the run's wall time it says how busy
/// the proxy was, so whether the proxy or the load side set its figure; divided by the run's requests, what each
/// request cost in user space and in the kernel. Children count because nginx's master only waits while its workers
/// serve; a .NET proxy and the container's entrypoint are single processes.
/// </summary>
public static class ProcessCpuTime
{
    // USER_HZ, the unit of utime and stime in /proc/PID/stat: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static CpuTime Read(int pid, string proc = "/proc")
    {
        var own = ReadStat(Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "stat"))
            ?? throw new InvalidOperationException($"No process {pid} ({proc}/{pid}/stat is gone): it exited during the measurement.");
        var (user, system) = (own.UserTicks, own.SystemTicks);
        foreach (var directory in Directory.EnumerateDirectories(proc))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && ReadStat(Path.Combine(directory, "stat")) is { } other && other.ParentPid == pid)
            {
                user += other.UserTicks;
                system += other.SystemTicks;
            }
        }

        return new(TimeSpan.FromSeconds(user / TicksPerSecond), TimeSpan.FromSeconds(system / TicksPerSecond));
    }

    /// <summary>
    /// The parent pid, utime and stime of one /proc/PID/stat line. The command (field 2) is in parentheses and may hold
    /// spaces and parentheses itself, so the fields are counted from the last closing parenthesis: state, ppid, … then
    /// utime and stime, the 14th and 15th fields of the line.
    /// </summary>
    public static (int ParentPid, long UserTicks, long SystemTicks) ParseStat(string line)
    {
        var end = line.LastIndexOf(')');
        var fields = end < 0 ? [] : line[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
        {
            throw new FormatException($"Not a /proc/PID/stat line: '{line}'.");
        }

        return (parent, user, system);
    }

    // A process can exit between listing /proc and reading its stat: it then counts for nothing.
    private static (int ParentPid, long UserTicks, long SystemTicks)? ReadStat(string path)
    {
        try
        {
            return ParseStat(File.ReadAllText(path));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
