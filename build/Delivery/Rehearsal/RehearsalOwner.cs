namespace Delivery.Rehearsal;

/// <summary>
/// The process that owns a rehearsal's runner containers, as "&lt;PID namespace&gt;:&lt;PID&gt;" (pid:[4026531836]:4711).
/// A container is a leftover only when its owner lived in this PID namespace and is gone: a PID seen from another
/// namespace (a rehearsal run by a test inside a runner container) says nothing about that process here.
/// </summary>
public static class RehearsalOwner
{
    public static string Current { get; } = $"{Namespace()}:{Environment.ProcessId}";

    /// <summary>True for a container of a rehearsal that ended without removing it (killed), or one labelled before owners were.</summary>
    public static bool IsGone(string owner)
    {
        var separator = owner.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(owner[(separator + 1)..], out var pid))
        {
            return true;
        }

        return owner[..separator] == Namespace() && !Directory.Exists($"/proc/{pid}");
    }

    static string Namespace()
    {
        try
        {
            return new FileInfo("/proc/self/ns/pid").LinkTarget ?? "pid:unknown";
        }
        catch (IOException)
        {
            return "pid:unknown";
        }
    }
}
