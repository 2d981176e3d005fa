using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// The offline rehearsal's tools: the runner has no internet, so the jobs' `scripts/ci/install-tool.sh NAME` steps
/// run for real against a loopback mirror (<see cref="ToolsMirror"/>) that serves, at the committed table's own
/// asset paths, what this machine has: its gitleaks and cosign, and the named stand-ins for trivy and syft
/// (StandIns/). The jobs get a table of their own (the committed lines, each sha256 replaced by the mirror file's)
/// through GATEWAY_TOOLS_TABLE and the mirror through GATEWAY_TOOLS_MIRROR: download, verification, unpacking and
/// PATH are rehearsed; GitHub's release download and the committed checksums are not.
/// </summary>
public sealed partial class RehearsalToolsMirror : IAsyncDisposable
{
    public const string MirrorVariable = "GATEWAY_TOOLS_MIRROR";
    public const string TableVariable = "GATEWAY_TOOLS_TABLE";

    private readonly ToolsMirror mirror;
    private readonly Dictionary<string, string> sources;

    private RehearsalToolsMirror(ToolsMirror mirror, AbsolutePath tableDirectory, Dictionary<string, string> sources, IReadOnlyList<string> notes)
    {
        this.mirror = mirror;
        this.sources = sources;
        TableDirectory = tableDirectory;
        Notes = notes;
    }

    /// <summary>The folder of the rehearsal's table, mounted read-only into every job at the same path.</summary>
    public AbsolutePath TableDirectory { get; }

    /// <summary>What the jobs' steps get: the mirror's address and the rehearsal's table.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        [MirrorVariable] = mirror.Address.ToString().TrimEnd('/'),
        [TableVariable] = TableDirectory / "tools.lock",
    };

    /// <summary>Tools of the committed table the lab has nothing for (their install step fails, naming the missing line).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>What the mirror served, for the report's notes.</summary>
    public string Served => mirror.Requests.IsEmpty
        ? $"the lab's tools mirror on {mirror.Address}: nothing was requested"
        : $"the lab's tools mirror on {mirror.Address} served: {string.Join("; ", mirror.Requests)}";

    /// <summary>
    /// Builds the mirror's files from <paramref name="committedTable"/> (the rehearsed commit's scripts/ci/tools.lock)
    /// for this machine's architecture, writes the rehearsal's table and starts serving.
    /// </summary>
    public static async Task<RehearsalToolsMirror> StartAsync(string committedTable, AbsolutePath directory)
    {
        var files = directory / "files";
        var tableDirectory = directory / "table";
        Directory.CreateDirectory(files);
        Directory.CreateDirectory(tableDirectory);
        var lines = new List<string> { "# The rehearsal's tools table: the committed scripts/ci/tools.lock lines of this machine's architecture, each sha256 that of the lab mirror's file." };
        var sources = new Dictionary<string, string>();
        var notes = new List<string>();
        foreach (var line in ToolsTable.Parse(committedTable).Where(line => line.Arch == ToolsTable.MachineArch))
        {
            if (Source(line.Name) is not { } source)
            {
                notes.Add($"{line.Name}: this machine has no {line.Name} and the rehearsal no stand-in: its install step fails (the rehearsal's table has no line for it)");
                continue;
            }

            if (!line.Url.StartsWith(ToolsTableLine.GitHubPrefix, StringComparison.Ordinal))
            {
                throw new BuildFailedException($"{ToolsTable.RepositoryPath}: {line.Name}'s URL {line.Url} is not a GitHub release download; the rehearsal's mirror plays github.com only.");
            }

            var asset = files / line.Url[ToolsTableLine.GitHubPrefix.Length..];
            Directory.CreateDirectory(asset.Parent);
            await WriteAssetAsync(line, source.Content, asset);
            lines.Add((line with { Sha256 = await Sha256Async(asset) }).ToString());
            sources[line.Name] = source.Description;
        }

        await File.WriteAllLinesAsync(tableDirectory / "tools.lock", lines);
        return new RehearsalToolsMirror(ToolsMirror.Start(files), tableDirectory, sources, notes);
    }

    /// <summary>The report's stand-in text for a run: step that calls install-tool.sh; null for any other script.</summary>
    public string? StandInFor(string script)
    {
        if (InstallCall().Match(script) is not { Success: true } call)
        {
            return null;
        }

        var tool = call.Groups["tool"].Value;
        return sources.TryGetValue(tool, out var source)
            ? $"{tool} from the lab's mirror ({source}), verified against the rehearsal's table; the GitHub release download and the committed checksums are not rehearsed"
            : $"{tool}: the lab's mirror has nothing for it (no line in the rehearsal's table)";
    }

    private static (byte[] Content, string Description)? Source(string tool) => tool switch
    {
        "trivy" => (StandIn("trivy"), "a stand-in trivy that reports NO findings: no vulnerability database offline, the image is NOT scanned"),
        "syft" => (StandIn("syft"), "a stand-in syft that writes an EMPTY CycloneDX BOM: the image's OS packages are NOT listed"),
        _ => ToolResolver.TryResolve(tool) is { } path ? (File.ReadAllBytes(path), $"this machine's {path}") : null,
    };

    private static byte[] StandIn(string name)
    {
        using var stream = typeof(RehearsalToolsMirror).Assembly.GetManifestResourceStream($"Delivery.Rehearsal.StandIns.{name}")
            ?? throw new InvalidOperationException($"The {name} stand-in script is not embedded in Delivery.dll (Delivery.csproj, EmbeddedResource).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The asset as the release ships it: the binary itself, or a .tar.gz holding it under the table's member name.</summary>
    private static async Task WriteAssetAsync(ToolsTableLine line, byte[] content, AbsolutePath asset)
    {
        if (line.IsPlainBinary)
        {
            await File.WriteAllBytesAsync(asset, content);
            return;
        }

        await using var file = File.Create(asset);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, line.Member)
        {
            DataStream = new MemoryStream(content),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                   UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
        });
    }

    private static async Task<string> Sha256Async(AbsolutePath file)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    [GeneratedRegex(@"scripts/ci/install-tool\.sh\s+(?<tool>[A-Za-z0-9_.-]+)")]
    private static partial Regex InstallCall();

    public ValueTask DisposeAsync() => mirror.DisposeAsync();
}
