using System.Runtime.InteropServices;

namespace Delivery.Rehearsal;

/// <summary>One line of scripts/ci/tools.lock: a tool's release asset for one architecture, with its sha256.</summary>
public sealed record ToolsTableLine(string Name, string Version, string Arch, string Url, string Sha256, string Member)
{
    public const string GitHubPrefix = "https://github.com/";

    /// <summary>The download itself is the binary (no archive).</summary>
    public bool IsPlainBinary => Member == "-";

    public override string ToString() => $"{Name} {Version} {Arch} {Url} {Sha256} {Member}";
}

/// <summary>
/// scripts/ci/tools.lock, read as scripts/ci/install-tool.sh reads it: comment lines start with #, columns are
/// whitespace separated (name, version, arch as uname -m says it, URL, sha256, member).
/// </summary>
public static class ToolsTable
{
    public const string RepositoryPath = "scripts/ci/tools.lock";

    public static IReadOnlyList<ToolsTableLine> Parse(string text) =>
    [
        .. text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(columns => columns.Length == 6
                ? new ToolsTableLine(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5])
                : throw new FormatException($"{RepositoryPath}: '{string.Join(' ', columns)}' has {columns.Length} columns, not 6 (name version arch URL sha256 member)")),
    ];

    /// <summary>This machine's architecture as uname -m names it, the table's arch column.</summary>
    public static string MachineArch => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
