using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Delivery.Rehearsal;
using Tooling;

namespace Delivery.Tests.Rehearsal;

/// <summary>
/// scripts/ci/install-tool.sh for real: bash runs it, curl downloads from a loopback HTTP server (the rehearsal's
/// <see cref="ToolsMirror"/>) that serves a real .tar.gz at a GitHub release path, through GATEWAY_TOOLS_MIRROR;
/// the table is a temporary one (GATEWAY_TOOLS_TABLE), so the committed one stays the one GitHub uses.
/// </summary>
public sealed class InstallToolTests
{
    private const string ReleasePath = "acme/demo/releases/download/v1.2.3/demo_1.2.3_linux.tar.gz";

    private string root = "";
    private string installed = "";

    private static string Script => Path.Combine(Fixtures.RepositoryRoot, "scripts", "ci", "install-tool.sh");

    [SetUp]
    public void CreateFolders()
    {
        root = Directory.CreateTempSubdirectory("install-tool-").FullName;
        installed = Path.Combine(root, "installed");
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(root, recursive: true);

    [Test]
    public async Task With_the_right_checksum_the_tool_is_installed_put_on_GITHUB_PATH_and_runs()
    {
        var sha256 = await WriteReleaseAsync();
        await using var mirror = ToolsMirror.Start(Path.Combine(root, "mirror"));

        var result = await InstallAsync(mirror, sha256);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        var binary = Path.Combine(installed, "demo");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Output, Does.Contain("demo version 1.2.3"), "the helper prints the tool's version");
            Assert.That(File.ReadAllText(Path.Combine(root, "github_path")).Trim(), Is.EqualTo(installed));
            Assert.That(mirror.Requests, Has.Some.EqualTo($"GET /{ReleasePath}: 200"));
        }

        var run = await RunAsync(binary, ["version"], new Dictionary<string, string>());
        Assert.That(run.Output.Trim(), Is.EqualTo("demo version 1.2.3"));
    }

    [Test]
    public async Task With_a_wrong_checksum_the_step_fails_naming_the_expected_and_the_actual_sha256_and_installs_nothing()
    {
        var actual = await WriteReleaseAsync();
        var expected = Convert.ToHexStringLower(SHA256.HashData("another release"u8));
        await using var mirror = ToolsMirror.Start(Path.Combine(root, "mirror"));

        var result = await InstallAsync(mirror, expected);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.Output, Does.Contain("demo_1.2.3_linux.tar.gz").And.Contain($"expected sha256 {expected}").And.Contain($"actual sha256 {actual}"));
            Assert.That(Directory.Exists(installed) ? Directory.GetFileSystemEntries(installed) : [], Is.Empty, "nothing installed");
            Assert.That(File.Exists(Path.Combine(root, "github_path")), Is.False, "nothing added to PATH");
            Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, "tmp")), Is.Empty, "the download was deleted");
        }
    }

    [Test]
    public async Task A_tool_missing_from_the_table_fails_naming_it()
    {
        var sha256 = await WriteReleaseAsync();
        await using var mirror = ToolsMirror.Start(Path.Combine(root, "mirror"));

        var result = await InstallAsync(mirror, sha256, tool: "nosuchtool");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("nosuchtool for ").And.Contain("is not in"));
    }

    [Test]
    public async Task The_rehearsal_mirror_serves_the_trivy_stand_in_at_the_committed_asset_path_with_a_table_that_verifies_it()
    {
        var committed = File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "scripts", "ci", "tools.lock"));
        await using var mirror = await RehearsalToolsMirror.StartAsync(committed, Tooling.AbsolutePath.Create(Path.Combine(root, "rehearsal")));
        var environment = new Dictionary<string, string>(mirror.Variables)
        {
            ["GATEWAY_TOOLS_DIR"] = installed,
            ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName,
        };

        var result = await RunAsync("bash", [Script, "trivy"], environment);

        Assert.That(result.ExitCode, Is.Zero, result.Output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Output, Does.Contain("Version: rehearsal-stand-in"));
            Assert.That(mirror.StandInFor("scripts/ci/install-tool.sh trivy"), Does.Contain("stand-in trivy").And.Contain("committed checksums are not rehearsed"));
            Assert.That(mirror.StandInFor("./build.sh Test"), Is.Null);
        }
    }

    /// <summary>A release asset as GitHub serves it: a .tar.gz with the binary (a script printing its version); returns its sha256.</summary>
    private async Task<string> WriteReleaseAsync()
    {
        var asset = Path.Combine(root, "mirror", ReleasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(asset)!);
        await using (var file = File.Create(asset))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "README.md") { DataStream = new MemoryStream("not the tool"u8.ToArray()) });
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "demo")
            {
                DataStream = new MemoryStream("#!/bin/sh\necho 'demo version 1.2.3'\n"u8.ToArray()),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite,
            });
        }

        return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(asset)));
    }

    private async Task<(int ExitCode, string Output)> InstallAsync(ToolsMirror mirror, string sha256, string tool = "demo")
    {
        var table = Path.Combine(root, "tools.lock");
        // Both architectures, so the test runs on either; the committed table's format, https://github.com URLs.
        await File.WriteAllTextAsync(table, "# a test table\n" + string.Concat(new[] { "x86_64", "aarch64" }
            .Select(arch => $"demo 1.2.3 {arch} https://github.com/{ReleasePath} {sha256} demo\n")));
        return await RunAsync("bash", [Script, tool], new Dictionary<string, string>
        {
            ["GATEWAY_TOOLS_MIRROR"] = mirror.Address.ToString(),
            ["GATEWAY_TOOLS_TABLE"] = table,
            ["GATEWAY_TOOLS_DIR"] = installed,
            ["GITHUB_PATH"] = Path.Combine(root, "github_path"),
            ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName,
        });
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
