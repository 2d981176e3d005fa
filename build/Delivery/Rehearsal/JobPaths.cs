using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// One job's folders on the host, mounted at the same paths in its runner container, so that a bind mount the
/// job asks the host's Docker engine for (a test's temp folder, the workspace) names a folder the engine sees.
/// </summary>
public sealed record JobPaths(AbsolutePath Root, string RepositoryName)
{
    /// <summary>GITHUB_WORKSPACE: work/&lt;repo&gt;/&lt;repo&gt;, as on GitHub's runners.</summary>
    public AbsolutePath Workspace => Root / "work" / RepositoryName / RepositoryName;

    /// <summary>RUNNER_TEMP.</summary>
    public AbsolutePath Temp => Root / "work" / "_temp";

    public AbsolutePath FileCommands => Temp / "_runner_file_commands";

    /// <summary>TMPDIR of every step: temp files the job hands to the Docker engine must be visible to it.</summary>
    public AbsolutePath Tmp => Root / "tmp";

    /// <summary>The job's copy of the rehearsal's origin, which actions/checkout fetches from.</summary>
    public AbsolutePath Origin => Root / "work" / "_origin.git";

    /// <summary>Where action equivalents install tools (added to PATH like the tool cache).</summary>
    public AbsolutePath Tools => Root / "tools";

    public void Create()
    {
        foreach (var directory in new[] { Root, Workspace, Temp, FileCommands, Tmp, Tools })
        {
            Directory.CreateDirectory(directory);
            // The runner user (uid 1001) writes here; the host user keeps the folders to read afterwards.
            FileModes.SharedFolder(directory);
        }

        for (var parent = Workspace.Parent; parent.Value.StartsWith(Root.Value, StringComparison.Ordinal) && parent != Root; parent = parent.Parent)
        {
            FileModes.SharedFolder(parent);
        }
    }
}
