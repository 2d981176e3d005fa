using System.Formats.Tar;
using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>What the gateway image contains, read from the engine: no shell, no package manager.</summary>
[TestFixture]
[Category("Image")]
public sealed class ImageContentTests
{
    private static readonly string[] ForbiddenExactPaths = ["bin/sh", "bin/bash", "bin/dash", "usr/bin/sh", "usr/bin/bash", "usr/bin/dash", "usr/bin/dpkg"];
    private const string ForbiddenAptPrefix = "usr/bin/apt";

    [Test]
    public async Task CannotStartAShell()
    {
        var run = await DockerCli.RunAsync(["run", "--rm", "--network", "host", "--entrypoint", "/bin/sh", ImagesUnderTest.Gateway, "-c", "true"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Not.Zero, "docker run --entrypoint /bin/sh succeeded: the image has a shell");
            Assert.That(run.StandardError, Does.Contain("/bin/sh"), "the run must fail for want of /bin/sh, not for another reason");
        }
    }

    [Test]
    public async Task ExportedFileSystemHasNoShellOrPackageManager()
    {
        var paths = await ExportedPathsAsync(ImagesUnderTest.Gateway);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(paths, Does.Contain("app/entrypoint"), "the export must hold the app, or the checks below prove nothing");
            Assert.That(paths.Where(IsShellOrPackageManager), Is.Empty);
        }
    }

    private static bool IsShellOrPackageManager(string path) =>
        ForbiddenExactPaths.Contains(path, StringComparer.Ordinal) || path.StartsWith(ForbiddenAptPrefix, StringComparison.Ordinal);

    /// <summary>The paths in <c>docker export</c> of a created (never started) container, streamed through a tar reader.</summary>
    private static async Task<HashSet<string>> ExportedPathsAsync(string image)
    {
        await using var container = await CreatedContainer.CreateAsync(image);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        await DockerCli.StreamAsync(["export", container.Name], async (output, cancellation) =>
        {
            await using var reader = new TarReader(output);
            while (await reader.GetNextEntryAsync(copyData: false, cancellation) is { } entry)
            {
                paths.Add(entry.Name.TrimStart('.', '/').TrimEnd('/'));
            }

            // Past the end-of-archive marker: drain the padding so docker export is never blocked on a full pipe.
            await output.CopyToAsync(Stream.Null, cancellation);
        });
        return paths;
    }
}
